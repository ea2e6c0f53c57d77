import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What makes a dataset's file unreadable as a resource, in words, before it is opened.
///
/// A resource must be a regular file inside the dataset directory. Symbolic links are
/// resolved: one that stays inside the dataset (after every link on the way) is read;
/// one that leads outside, such as `entities.csv -> /etc/passwd` or a linked folder, is
/// refused, as `../` paths are. A directory, a FIFO, a socket or a device is refused
/// without being opened, so that nothing blocks.
///
/// Edge cases: a missing file is not a problem here (the reader names the resource it
/// belongs to); a dangling link is reported as such.
enum DatasetFileCheck {
    static func problem(directory: URL, path: String) -> String? {
        let url = directory.appendingPathComponent(path)
        var link = stat()
        guard lstat(url.path, &link) == 0 else {
            // Missing, or a parent is missing: the reader reports it.
            return nil
        }
        guard let root = realpath(directory.path, nil) else { return nil }
        let rootPath = String(cString: root)
        free(root)
        guard let resolved = realpath(url.path, nil) else {
            return "is a symbolic link to nothing (a dangling link)"
        }
        let resolvedPath = String(cString: resolved)
        free(resolved)
        guard resolvedPath.hasPrefix(rootPath == "/" ? "/" : rootPath + "/") else {
            return
                "is a symbolic link that leads outside the dataset (to \(resolvedPath)); copy the file into the dataset"
        }
        var status = stat()
        guard stat(resolvedPath, &status) == 0 else { return "cannot be examined: \(String(cString: strerror(errno)))" }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "is a directory, not a file"
        case S_IFIFO: return "is a FIFO (named pipe), not a regular file"
        case S_IFSOCK: return "is a socket, not a regular file"
        default: return "is a device, not a regular file"
        }
    }
}
