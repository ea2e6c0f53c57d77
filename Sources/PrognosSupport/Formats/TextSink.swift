/// Where rendered text goes: a `String` in memory, or a file written as it grows
/// (``StreamedTextFile``), so that a table of a million rows never has to exist as one
/// string.
public protocol TextSink {
    mutating func append(_ text: String)
    /// Appends text given as UTF-8 bytes (valid UTF-8: text built as bytes).
    mutating func append(utf8 bytes: [UInt8])
}

extension TextSink {
    public mutating func append(utf8 bytes: [UInt8]) { append(String(decoding: bytes, as: UTF8.self)) }
}

extension String: TextSink {}
