import Foundation
import Synchronization

/// Progress of long runs on a terminal: "charts 120/480, about 3 s left", rewritten in
/// place on standard error, at most ten times a second. Silent when standard error is
/// not a terminal (pipes, CI, files) or the work is quick. The chart workers report from
/// several threads; one lock keeps the lines whole and the last-print time consistent.
enum TerminalProgress {
    static func reporter() -> (@Sendable (Int, Int) -> Void)? {
        guard isatty(STDERR_FILENO) == 1 else { return nil }
        let start = Date()
        let lastPrint = Mutex(Date.distantPast)
        return { done, total in
            let now = Date()
            let elapsed = now.timeIntervalSince(start)
            let finished = done == total
            lastPrint.withLock { last in
                guard elapsed > 1, finished || now.timeIntervalSince(last) > 0.1 else { return }
                last = now
                let left = done > 0 ? elapsed / Double(done) * Double(total - done) : 0
                var line = "\rprognos: charts \(done)/\(total), about \(Int(left.rounded())) s left   "
                if finished { line = "\rprognos: charts \(done)/\(total) in \(Int(elapsed.rounded())) s            \n" }
                FileHandle.standardError.write(Data(line.utf8))
            }
        }
    }
}
