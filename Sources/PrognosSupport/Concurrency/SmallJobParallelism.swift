import Dispatch

/// Runs `body(i)` for i = 0…count − 1, on the calling thread while the job looks small and
/// on `threads` workers once it does not.
///
/// Waking worker threads costs from tens to hundreds of microseconds (more in a fresh
/// process), more than a whole job of cheap items: Naive on the 645 M3 series takes about
/// a third of a millisecond on one core. So items are run in order on the calling thread,
/// and after each one, once `sample` seconds have passed, the time the rest would take is
/// projected from the mean so far; when that exceeds `parallelAbove` seconds, the rest
/// are spread over the workers, worker w taking every `threads`-th remaining item.
/// `body` must write each item's result to its own slot, so the results are the same
/// whichever way an item ran.
package func performAdaptively(
    count: Int, threads: Int, sample: Double = 250e-6, parallelAbove: Double = 2e-3, _ body: @Sendable (Int) -> Void
) {
    let start = DispatchTime.now().uptimeNanoseconds
    let sampleNanoseconds = UInt64(sample * 1e9)
    let thresholdNanoseconds = parallelAbove * 1e9
    var next = 0
    while next < count {
        body(next)
        next += 1
        guard threads > 1 else { continue }
        let elapsed = DispatchTime.now().uptimeNanoseconds - start
        if elapsed >= sampleNanoseconds, Double(elapsed) / Double(next) * Double(count - next) > thresholdNanoseconds {
            break
        }
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
