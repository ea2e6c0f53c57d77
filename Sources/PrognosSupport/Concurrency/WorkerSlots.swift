import Foundation

/// One slot per item of a parallel job, each written once by the worker that computed the
/// item, read when all workers are done. Results land by index, so they come out in the
/// same order whichever thread computed what.
package final class WorkerSlots<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Value?]

    package init(count: Int) { slots = Array(repeating: nil, count: count) }

    package func store(_ index: Int, _ value: Value) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    /// The slots in index order; nil where nothing was stored.
    package func all() -> [Value?] {
        lock.lock()
        defer { lock.unlock() }
        return slots
    }
}
