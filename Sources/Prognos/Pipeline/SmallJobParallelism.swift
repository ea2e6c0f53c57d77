import Dispatch

/// Runs `body(i)` for i = 0…count − 1, on the calling thread while the job looks small and
/// on `threads` workers once it does not.
///
/// Waking worker threads costs tens of microseconds, more than a whole job of cheap items
/// (Naive on the 645 M3 series takes a quarter of a millisecond on one core). So items
/// are first run in order on the calling thread; if they are not all done within
/// `serialBudget` seconds, the rest are spread over the workers, worker w taking every
/// `threads`-th remaining item. `body` must write each item's result to its own slot, so
/// the results are the same whichever way an item ran.
func performAdaptively(count: Int, threads: Int, serialBudget: Double = 0.001, _ body: @Sendable (Int) -> Void) {
    let start = DispatchTime.now().uptimeNanoseconds
    let budget = UInt64(serialBudget * 1e9)
    var next = 0
    while next < count {
        body(next)
        next += 1
        if threads > 1, DispatchTime.now().uptimeNanoseconds - start > budget { break }
    }
    let remaining = count - next
    guard remaining > 0 else { return }
    let workers = max(1, min(threads, remaining))
    let first = next
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
        var index = first + worker
        while index < count {
            body(index)
            index += workers
        }
    }
}
