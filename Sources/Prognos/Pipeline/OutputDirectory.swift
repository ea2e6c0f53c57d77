import Foundation

/// Writing a set of output files so that readers see either the old directory or the
/// complete new one, never a half-written mix.
///
/// The files go into a fresh temporary directory beside the destination (same file
/// system, so renames are atomic); only when every file is written does the temporary
/// directory replace the destination. On any failure the temporary directory is
/// removed and an existing destination is left untouched.
public enum OutputDirectory {
    public struct WriteError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The temporary directory being filled, for ``write(to:_:)``.
    public struct Staging: Sendable {
        public let root: URL

        /// Writes one file (relative path) at once.
        public func write(_ path: String, _ data: Data) throws {
            let url = try prepare(path)
            try data.write(to: url)
        }

        /// Writes one file (relative path) as `body` renders it, in blocks.
        public func stream(_ path: String, _ body: (inout StreamedTextFile) -> Void) throws {
            var file = try StreamedTextFile(creating: try prepare(path))
            body(&file)
            try file.close()
        }

        /// Writes several files as ``stream(_:_:)`` does, each on a thread of its own (up
        /// to the number of cores); throws the first file's error, in the order given.
        public func streamConcurrently(
            _ files: [(path: String, body: @Sendable (inout StreamedTextFile) -> Void)]
        ) throws {
            let failures = WorkerSlots<any Error>(count: files.count)
            DispatchQueue.concurrentPerform(iterations: files.count) { index in
                do {
                    try stream(files[index].path, files[index].body)
                } catch {
                    failures.store(index, error)
                }
            }
            if let error = failures.all().compactMap({ $0 }).first { throw error }
        }

        private func prepare(_ path: String) throws -> URL {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            return url
        }
    }

    /// Writes `files` (relative path → contents) as the directory `destination`.
    public static func write(_ files: [String: Data], to destination: URL) throws(WriteError) {
        try write(to: destination) { staging in
            for (path, data) in files.sorted(by: { $0.key < $1.key }) {
                try staging.write(path, data)
            }
        }
    }

    /// Fills a new directory with `fill` and puts it in place of `destination`, atomically.
    public static func write(to destination: URL, _ fill: (Staging) throws -> Void) throws(WriteError) {
        let fileManager = FileManager.default
        let destination = destination.standardizedFileURL
        let parent = destination.deletingLastPathComponent()
        let name = destination.lastPathComponent
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: destination.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw WriteError(description: "\(destination.path): exists and is not a directory")
        }
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw WriteError(description: "\(parent.path): cannot create the output's parent directory: \(error.localizedDescription)")
        }
        let token = UUID().uuidString.prefix(8)
        let staging = parent.appendingPathComponent(".\(name).tmp-\(token)")
        let retired = parent.appendingPathComponent(".\(name).old-\(token)")
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: false)
            try fill(Staging(root: staging))
            if fileManager.fileExists(atPath: destination.path) {
                try fileManager.moveItem(at: destination, to: retired)
                do {
                    try fileManager.moveItem(at: staging, to: destination)
                } catch {
                    try? fileManager.moveItem(at: retired, to: destination)
                    throw error
                }
                try? fileManager.removeItem(at: retired)
            } else {
                try fileManager.moveItem(at: staging, to: destination)
            }
        } catch {
            try? fileManager.removeItem(at: staging)
            throw WriteError(description: "\(destination.path): cannot write the output: \(error.localizedDescription)")
        }
    }
}
