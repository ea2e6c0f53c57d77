import Dispatch

/// Runs two independent computations at the same time, each on a thread of its own when
/// the machine has two cores, and returns both results.
///
/// Each closure runs exactly once and only reads shared values, so the results are those
/// of running them one after the other, whatever the number of cores. Both results are
/// always stored when the workers return; should one not be, both run again on the
/// calling thread rather than the program stopping.
package func concurrently<First: Sendable, Second: Sendable>(
    _ first: @Sendable () -> First, _ second: @Sendable () -> Second
) -> (First, Second) {
    let firstSlot = WorkerSlots<First>(count: 1)
    let secondSlot = WorkerSlots<Second>(count: 1)
    DispatchQueue.concurrentPerform(iterations: 2) { index in
        if index == 0 { firstSlot.store(0, first()) } else { secondSlot.store(0, second()) }
    }
    guard let firstResult = firstSlot.all().first ?? nil, let secondResult = secondSlot.all().first ?? nil else {
        return (first(), second())
    }
    return (firstResult, secondResult)
}
