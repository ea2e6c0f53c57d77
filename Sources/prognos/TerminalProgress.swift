import Foundation

/// Progress of long runs on a terminal: "charts 120/480, about 3 s left", rewritten in
/// place on standard error, at most ten times a second. Silent when standard error is
/// not a terminal (pipes, CI, files) or the work is quick.
enum TerminalProgress {
    final class State: @unchecked Sendable {
        let start = Date()
        var lastPrint = Date.distantPast
        var printed = false
    }

    static func reporter() -> ((Int, Int) -> Void)? {
        guard isatty(STDERR_FILENO) == 1 else { return nil }
        let state = State()
        return { done, total in
            let now = Date()
            let elapsed = now.timeIntervalSince(state.start)
            let finished = done == total
            guard elapsed > 1, finished || now.timeIntervalSince(state.lastPrint) > 0.1 else { return }
            state.lastPrint = now
            let left = done > 0 ? elapsed / Double(done) * Double(total - done) : 0
            var line = "\rprognos: charts \(done)/\(total), about \(Int(left.rounded())) s left   "
            if finished { line = "\rprognos: charts \(done)/\(total) in \(Int(elapsed.rounded())) s            \n" }
            FileHandle.standardError.write(Data(line.utf8))
            state.printed = true
        }
    }
}
