import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Absolute paths with symbolic links and `.`/`..` resolved, for comparing locations.
///
/// `realpath(3)` needs an existing path, so the longest existing prefix is resolved and
/// the rest appended as it is (after `standardizedFileURL` has removed `.` and `..`).
///
/// Edge cases: the root is `/`; a prefix that cannot be resolved (permission denied)
/// stays as written.
enum CanonicalPath {
    static func of(_ url: URL) -> String {
        var existing = url.standardizedFileURL
        var rest: [String] = []
        while !FileManager.default.fileExists(atPath: existing.path), existing.path != "/" {
            rest.insert(existing.lastPathComponent, at: 0)
            existing.deleteLastPathComponent()
        }
        var base = existing.path
        if let resolved = realpath(existing.path, nil) {
            base = String(cString: resolved)
            free(resolved)
        }
        let joined = ([base == "/" ? "" : base] + rest).joined(separator: "/")
        return joined.isEmpty ? "/" : joined
    }

    /// Whether `candidate` is `path` or one of its parent directories.
    static func isSameOrAncestor(_ candidate: String, of path: String) -> Bool {
        candidate == path || candidate == "/" || path.hasPrefix(candidate + "/")
    }
}
