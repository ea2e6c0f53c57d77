import Foundation

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
/// Edge cases: a handler runs on a dispatch queue, not in the signal context, so it may
/// call `FileManager`; a second signal while cleaning ends the process at once.
public enum TemporaryPaths {
    private final class Registry: @unchecked Sendable {
        let lock = NSLock()
        var paths: Set<String> = []
        var sources: [any DispatchSourceSignal] = []
    }

    private static let registry = Registry()

    /// `prefix` + this process's id + a random token: a name that ``sweep(in:prefix:)`` can
    /// tell is stale once the process has ended.
    public static func name(_ prefix: String) -> String {
        "\(prefix)\(getpid())-\(UUID().uuidString.prefix(8))"
    }

    /// Removes `path` (recursively) when the process is interrupted, until unregistered.
    public static func register(_ url: URL) {
        registry.lock.lock()
        defer { registry.lock.unlock() }
        registry.paths.insert(url.path)
        guard registry.sources.isEmpty else { return }
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                signal(sig, SIG_DFL)
                removeAll()
                raise(sig)
            }
            source.resume()
            registry.sources.append(source)
        }
    }

    /// No longer removes `url` on an interrupt (it was moved into place or removed).
    public static func unregister(_ url: URL) {
        registry.lock.lock()
        registry.paths.remove(url.path)
        registry.lock.unlock()
    }

    private static func removeAll() {
        registry.lock.lock()
        let paths = registry.paths
        registry.paths = []
        registry.lock.unlock()
        for path in paths.sorted() { try? FileManager.default.removeItem(atPath: path) }
    }

    /// Removes the entries of `directory` named `prefix<pid>-…` whose process no longer
    /// runs (left by a process killed with SIGKILL, or by a crash).
    public static func sweep(in directory: URL, prefix: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            guard let dash = rest.firstIndex(of: "-"), let pid = Int32(rest[rest.startIndex..<dash]), pid > 0 else { continue }
            if pid == getpid() { continue }
            // kill(pid, 0) fails with ESRCH when no such process exists.
            if kill(pid, 0) == -1 && errno == ESRCH {
                try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
            }
        }
    }
}
