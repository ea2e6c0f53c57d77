import Dispatch

/// Makes `produce(0)`, `produce(1)`, … `produce(count − 1)` on up to `width` threads at a
/// time and hands each result to `consume` on the calling thread, in index order.
///
/// The items are made in rounds of `width`; while the calling thread consumes one round,
/// the next is being made. So a stage that must run in order (merging rows into one key
/// table, writing a file) overlaps with the parallel stage before it, and at most two
/// rounds of results are held at once. The results, and the order `consume` sees them
/// in, do not depend on the number of threads.
package func forEachInOrder<Value: Sendable>(
    count: Int, width: Int, produce: @escaping @Sendable (Int) -> Value, consume: (Value) -> Void
) {
    let width = max(1, width)
    var pending: (slots: WorkerSlots<Value>, group: DispatchGroup)? = nil
    var first = 0
    while first < count || pending != nil {
        var next: (slots: WorkerSlots<Value>, group: DispatchGroup)? = nil
        if first < count {
            let round = first
            let size = min(width, count - round)
            let slots = WorkerSlots<Value>(count: size)
            let group = DispatchGroup()
            for worker in 0..<size {
                DispatchQueue.global().async(group: group) { slots.store(worker, produce(round + worker)) }
            }
            next = (slots, group)
            first += size
        }
        if let (slots, group) = pending {
            group.wait()
            for case let value? in slots.all() { consume(value) }
        }
        pending = next
    }
}
