import Foundation

/// Writes RFC 4180 CSV: comma-delimited, LF line ends, a field quoted only when it
/// holds a comma, a quote, a line break or leading/trailing spaces.
public struct CSVWriter: Sendable {
    public private(set) var text = ""

    public init(header: [String]) {
        appendRow(header)
    }

    public mutating func appendRow(_ fields: [String]) {
        text += Self.line(fields)
    }

    /// One record: the escaped fields joined by commas, ending in LF.
    public static func line(_ fields: [String]) -> String {
        fields.map(escape).joined(separator: ",") + "\n"
    }

    public static func escape(_ field: String) -> String {
        let needsQuotes =
            field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            || field.hasPrefix(" ") || field.hasSuffix(" ")
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
