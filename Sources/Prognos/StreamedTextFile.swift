import Foundation
import PrognosSupport

/// A ``TextSink`` that writes UTF-8 to a file in blocks of about a megabyte. A write
/// error is kept and thrown by ``close()``, since `append` cannot throw.
public struct StreamedTextFile: TextSink {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var failure: Error?
    private static let blockSize = 1 << 20

    /// Creates (or truncates) the file at `url`.
    public init(creating url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        handle = try FileHandle(forWritingTo: url)
        buffer.reserveCapacity(Self.blockSize + 4096)
    }

    public mutating func append(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.blockSize { flush() }
    }

    public mutating func append(utf8 bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.blockSize { flush() }
    }

    private mutating func flush() {
        guard failure == nil, !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            failure = error
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is left and closes the file; throws the first write error.
    public mutating func close() throws {
        flush()
        try handle.close()
        if let failure { throw failure }
    }
}
