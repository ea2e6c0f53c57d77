/// Where rendered text goes: a `String` in memory, or a file written as it grows
/// (``StreamedTextFile``), so that a table of a million rows never has to exist as one
/// string.
public protocol TextSink {
    mutating func append(_ text: String)
}

extension String: TextSink {}
