import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The UTF-8 text of one resource file, as the canonical reader scans it: a `String` in
/// memory, or the file mapped read-only (``mapped(atPath:)``).
///
/// A mapped file's pages belong to the kernel's page cache, not to the process: they are
/// read in as the scan reaches them and can be dropped again at any time, so checking a
/// file of gigabytes needs no memory of its size. ``release(_:)`` drops the pages of a
/// part already scanned at once (`madvise(MADV_DONTNEED)`), so that the resident size stays
/// small too.
///
/// Edge cases: an empty file, one that cannot be mapped, or one that is not valid UTF-8
/// has no mapped form (nil: the caller reads it into a string, which reports invalid
/// bytes); a leading byte-order mark is left out, as ``UTF8File`` leaves it out.
public struct ResourceText: Sendable {
    /// A read-only mapping, unmapped when the last text using it goes. Its memory is
    /// never written after `mmap`, so sharing the pointer between threads is safe; the
    /// compiler cannot see that of a raw pointer, hence `@unchecked` here and only here.
    private final class Mapping: @unchecked Sendable {
        let base: UnsafeMutableRawPointer
        let length: Int
        let offset: Int

        init(base: UnsafeMutableRawPointer, length: Int, offset: Int) {
            self.base = base
            self.length = length
            self.offset = offset
        }

        deinit { munmap(base, length) }
    }

    private enum Storage: Sendable {
        case string(String)
        case mapped(Mapping)
    }

    private let storage: Storage

    /// Text held as a string.
    public init(_ text: String) { storage = .string(text) }

    /// The file at `path` mapped read-only, if it is a non-empty regular file of valid UTF-8.
    public static func mapped(atPath path: String) -> ResourceText? {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, status.st_size > 0 else {
            return nil
        }
        let length = Int(status.st_size)
        guard let base = mmap(nil, length, PROT_READ, MAP_PRIVATE, descriptor, 0), base != MAP_FAILED else {
            return nil
        }
        let bytes = UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: length)
        let offset = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let mapping = Mapping(base: base, length: length, offset: offset)
        let text = ResourceText(storage: .mapped(mapping))
        guard text.isValidUTF8() else { return nil }
        return text
    }

    private init(storage: Storage) { self.storage = storage }

    /// Calls `body` with the text's UTF-8 bytes.
    public func withUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        switch storage {
        case .string(let text):
            var text = text
            return text.withUTF8(body)
        case .mapped(let mapping):
            let start = mapping.base.assumingMemoryBound(to: UInt8.self) + mapping.offset
            return body(UnsafeBufferPointer(start: start, count: mapping.length - mapping.offset))
        }
    }

    /// Drops the resident pages of `range` (byte offsets of ``withUTF8(_:)``'s buffer) that
    /// lie wholly inside it; nothing for a string. The bytes stay readable.
    public func release(_ range: Range<Int>) {
        guard case .mapped(let mapping) = storage else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let lower = (mapping.offset + range.lowerBound + page - 1) / page * page
        let upper = min(mapping.length, (mapping.offset + range.upperBound) / page * page)
        guard upper > lower else { return }
        _ = madvise(mapping.base + lower, upper - lower, Int32(MADV_DONTNEED))
    }

    /// Whether the bytes are UTF-8, checked in blocks cut before an ASCII byte (so that
    /// no scalar is split), each block's pages dropped once checked.
    private func isValidUTF8() -> Bool {
        withUTF8 { bytes in
            let block = 1 << 22
            var start = 0
            while start < bytes.count {
                var end = min(bytes.count, start + block)
                while end < bytes.count && bytes[end] >= 0x80 { end += 1 }
                let part = UnsafeBufferPointer(rebasing: bytes[start..<end])
                if #available(macOS 15, *) {
                    guard String(validating: part, as: UTF8.self) != nil else { return false }
                } else {
                    return false
                }
                release(start..<end)
                start = end
            }
            return true
        }
    }
}
