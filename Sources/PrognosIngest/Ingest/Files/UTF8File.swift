import Foundation

/// A text file read into a `String` with one copy: its bytes go from the kernel straight
/// into the string's storage, where Swift checks them as UTF-8.
///
/// `FileManager.contents(atPath:)` and `String(data:encoding:)` copy a file twice and
/// hold both copies at once: for a country's 600 MB of observations, a second of page
/// faults and copying before any row is read.
enum UTF8File {
    struct Contents {
        var text: String
        /// False when the bytes are not UTF-8: `text` then holds them with each invalid
        /// sequence replaced by U+FFFD, as `String(decoding:as:)` gives them.
        var isValidUTF8: Bool
    }

    /// The contents of the file at `path`, or nil when it cannot be read.
    ///
    /// Swift repairs invalid UTF-8 as it makes the string, always with U+FFFD; so a text
    /// without U+FFFD was valid as read. A text with it (a repair, or a file that holds
    /// U+FFFD itself) is read again the two-copy way, which tells the two apart. So is a
    /// file whose size the system does not report (0). A leading byte-order mark is left
    /// out, as Foundation leaves it out.
    ///
    /// Edge cases: only a regular file is read; a FIFO, a device or a directory gives nil
    /// at once (the file is opened non-blocking, so a FIFO without a writer cannot hang).
    static func read(atPath path: String) -> Contents? {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        guard status.st_size > 0 else { return readTwice(atPath: path) }
        // A byte-order mark is left out, as `String(data:encoding:)` leaves it out.
        var mark: [UInt8] = [0, 0, 0]
        let markLength = pread(descriptor, &mark, 3, 0) == 3 && mark == [0xEF, 0xBB, 0xBF] ? 3 : 0
        guard lseek(descriptor, off_t(markLength), SEEK_SET) == off_t(markLength) else {
            return readTwice(atPath: path)
        }
        let size = Int(status.st_size) - markLength
        var complete = true
        var text = String(unsafeUninitializedCapacity: size) { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            var filled = 0
            while filled < size {
                let count = Foundation.read(descriptor, base + filled, size - filled)
                if count > 0 {
                    filled += count
                } else if count < 0 && errno == EINTR {
                    continue
                } else {
                    // An error, or the file shrank while being read: read it again below.
                    complete = count == 0 && filled == size
                    break
                }
            }
            return filled
        }
        guard complete else { return readTwice(atPath: path) }
        // U+FFFD is EF BF BD in UTF-8; EF is rare in text, so each one is found by memchr.
        let replaced = text.withUTF8 { bytes -> Bool in
            guard let base = bytes.baseAddress else { return false }
            var start = 0
            while start < bytes.count, let found = memchr(base + start, 0xEF, bytes.count - start) {
                let index = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
                if index + 2 < bytes.count, bytes[index + 1] == 0xBF, bytes[index + 2] == 0xBD { return true }
                start = index + 1
            }
            return false
        }
        return replaced ? readTwice(atPath: path) : Contents(text: text, isValidUTF8: true)
    }

    /// The file read with Foundation, which checks its encoding before decoding it.
    private static func readTwice(atPath path: String) -> Contents? {
        var status = stat()
        guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG,
            let data = FileManager.default.contents(atPath: path)
        else { return nil }
        if let text = String(data: data, encoding: .utf8) { return Contents(text: text, isValidUTF8: true) }
        return Contents(text: String(decoding: data, as: UTF8.self), isValidUTF8: false)
    }
}
