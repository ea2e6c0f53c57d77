import Foundation
import PrognosSupport

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
        /// The destination was refused before anything was written (a usage error: the
        /// current directory, the input, a directory Prognos did not write).
        public var isRefusal = false

        public init(description: String) { self.description = description }

        init(refused description: String) {
            self.description = description
            isRefusal = true
        }
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
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            return url
        }
    }

    /// The file that marks a directory as written by Prognos, and so replaceable.
    public static let markerName = ".prognos-output"

    /// What the marker file says.
    static let markerText = "Written by Prognos. The next run to this directory replaces it whole.\n"

    /// Writes `files` (relative path → contents) as the directory `destination`.
    public static func write(_ files: [String: Data], to destination: URL, protecting inputs: [URL] = [])
        throws(WriteError)
    {
        try write(to: destination, protecting: inputs) { staging in
            for (path, data) in files.sorted(by: { $0.key < $1.key }) {
                try staging.write(path, data)
            }
        }
    }

    /// Fills a new directory with `fill` and puts it in place of `destination`, atomically.
    ///
    /// The destination is replaced only when it is missing, empty, or holds the marker
    /// file ``markerName`` that every directory written here gets; it is never the current
    /// directory or one of its parents, nor one of `inputs` or a directory that holds one.
    /// Temporary directories left by a process that was killed are removed first.
    public static func write(
        to destination: URL, protecting inputs: [URL] = [], _ fill: (Staging) throws -> Void
    ) throws(WriteError) {
        let fileManager = FileManager.default
        try checkReplaceable(destination, protecting: inputs)
        let destination = destination.standardizedFileURL
        let parent = destination.deletingLastPathComponent()
        let name = destination.lastPathComponent
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw WriteError(
                description: "\(parent.path): cannot create the output's parent directory: \(reason(error))")
        }
        TemporaryPaths.sweep(in: parent, prefix: ".\(name).tmp-")
        TemporaryPaths.sweep(in: parent, prefix: ".\(name).old-")
        let staging = parent.appendingPathComponent(TemporaryPaths.name(".\(name).tmp-"))
        let retired = parent.appendingPathComponent(TemporaryPaths.name(".\(name).old-"))
        TemporaryPaths.register(staging)
        defer { TemporaryPaths.unregister(staging) }
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: false)
            try Data(markerText.utf8).write(to: staging.appendingPathComponent(markerName))
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
        } catch let error as WriteError {
            try? fileManager.removeItem(at: staging)
            throw error
        } catch {
            try? fileManager.removeItem(at: staging)
            throw WriteError(description: "\(destination.path): cannot write the output: \(reason(error))")
        }
    }

    /// Throws unless `destination` may be replaced (see ``write(to:protecting:_:)``).
    public static func checkReplaceable(_ destination: URL, protecting inputs: [URL] = []) throws(WriteError) {
        let shown = destination.path
        guard !destination.relativePath.isEmpty else {
            throw WriteError(refused: "the output directory is an empty path")
        }
        let target = CanonicalPath.of(destination)
        let current = CanonicalPath.of(URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        if CanonicalPath.isSameOrAncestor(target, of: current) {
            throw WriteError(
                refused:
                    "\(shown): refusing to replace the current directory or one that holds it; choose a new directory for the output"
            )
        }
        for input in inputs where CanonicalPath.isSameOrAncestor(target, of: CanonicalPath.of(input)) {
            throw WriteError(
                refused: "\(shown): refusing to replace \(input.path), the input, or a directory that holds it")
        }
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: target, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else {
            throw WriteError(refused: "\(shown): exists and is not a directory")
        }
        let entries: [String]
        do {
            entries = try fileManager.contentsOfDirectory(atPath: target)
        } catch {
            throw WriteError(description: "\(shown): cannot list the existing directory: \(reason(error))")
        }
        if entries.isEmpty { return }
        var markerIsFile: ObjCBool = true
        let marked =
            fileManager.fileExists(atPath: target + "/" + markerName, isDirectory: &markerIsFile)
            && !markerIsFile.boolValue
        guard marked else {
            throw WriteError(
                refused: "\(shown): exists, is not empty and was not written by Prognos (it has no \(markerName)); "
                    + "choose a new or empty directory, or remove this one yourself")
        }
    }

    /// An error's cause in words (Foundation's errors otherwise print as
    /// "NSCocoaErrorDomain error 512").
    static func reason(_ error: any Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        switch (ns.domain, ns.code) {
        case (NSCocoaErrorDomain, NSFileWriteNoPermissionError), (NSCocoaErrorDomain, NSFileReadNoPermissionError):
            return "permission denied"
        case (NSCocoaErrorDomain, NSFileWriteOutOfSpaceError): return "no space left on the device"
        case (NSCocoaErrorDomain, NSFileWriteVolumeReadOnlyError): return "read-only file system"
        case (NSCocoaErrorDomain, NSFileNoSuchFileError), (NSCocoaErrorDomain, NSFileReadNoSuchFileError):
            return "no such file or directory"
        case (NSCocoaErrorDomain, NSFileWriteFileExistsError): return "a file of that name exists"
        default: return ns.localizedDescription
        }
    }
}
