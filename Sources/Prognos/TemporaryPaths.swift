import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Temporary files and directories that Prognos removes when it is interrupted.
///
/// A path is registered while it exists (``register(_:)`` / ``unregister(_:)``). On the
/// first registration, SIGINT and SIGTERM get a handler that removes every registered
/// path and then ends the process by the same signal, so the exit status is the one the
/// shell expects (130 or 143). SIGKILL cannot be caught: for that, temporary names carry
/// the creating process's id (``name(_:)``), and ``sweep(in:prefix:)`` removes those of
/// processes that no longer run.
///
/// The signal handler only writes the signal's number to a pipe (the self-pipe trick:
/// `write` is async-signal-safe); a thread of its own reads it, removes the paths with
/// `FileManager`, restores the default action and raises the signal again. (A dispatch
/// signal source would not do: on Linux it needs the signal blocked in every thread.)
///
/// Edge cases: a second signal while cleaning is queued in the pipe and changes nothing;
/// paths are removed in sorted order.
public enum TemporaryPaths {
    private struct Registry {
        var paths: Set<String> = []
        var installed = false
    }

    private static let registry = Mutex(Registry())

    /// The pipe's write end, for the signal handler (set once, before the handler is installed).
    nonisolated(unsafe) private static var signalPipe: Int32 = -1

    /// `prefix` + this process's id + a random token: a name that ``sweep(in:prefix:)`` can
    /// tell is stale once the process has ended.
    public static func name(_ prefix: String) -> String {
        "\(prefix)\(getpid())-\(UUID().uuidString.prefix(8))"
    }

    /// Removes `path` (recursively) when the process is interrupted, until unregistered.
    public static func register(_ url: URL) {
        let install = registry.withLock { registry in
            registry.paths.insert(url.path)
            defer { registry.installed = true }
            return !registry.installed
        }
        guard install else { return }
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return }
        signalPipe = ends[1]
        let readEnd = ends[0]
        Thread.detachNewThread {
            var number: UInt8 = 0
            while read(readEnd, &number, 1) != 1 {}
            removeAll()
            signal(Int32(number), SIG_DFL)
            raise(Int32(number))
        }
        for sig in [SIGINT, SIGTERM] {
            var action = sigaction()
            #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = { number in
                var byte = UInt8(truncatingIfNeeded: number)
                _ = write(TemporaryPaths.signalPipe, &byte, 1)
            }
            #else
            action.__sigaction_u.__sa_handler = { number in
                var byte = UInt8(truncatingIfNeeded: number)
                _ = write(TemporaryPaths.signalPipe, &byte, 1)
            }
            #endif
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            sigaction(sig, &action, nil)
        }
    }

    /// No longer removes `url` on an interrupt (it was moved into place or removed).
    public static func unregister(_ url: URL) {
        _ = registry.withLock { $0.paths.remove(url.path) }
    }

    private static func removeAll() {
        let paths = registry.withLock { registry in
            defer { registry.paths = [] }
            return registry.paths
        }
        for path in paths.sorted() { try? FileManager.default.removeItem(atPath: path) }
    }

    /// Removes the entries of `directory` named `prefix<pid>-…` whose process no longer
    /// runs (left by a process killed with SIGKILL, or by a crash).
    public static func sweep(in directory: URL, prefix: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            guard let dash = rest.firstIndex(of: "-"), let pid = Int32(rest[rest.startIndex..<dash]), pid > 0 else {
                continue
            }
            if pid == getpid() { continue }
            // kill(pid, 0) fails with ESRCH when no such process exists.
            if kill(pid, 0) == -1 && errno == ESRCH {
                try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
            }
        }
    }
}
