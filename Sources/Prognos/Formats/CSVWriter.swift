import Foundation

/// Writes RFC 4180 CSV: comma-delimited, LF line ends, a field quoted only when it
/// holds a comma, a quote, a line break or leading/trailing spaces.
public struct CSVWriter: Sendable {
    public private(set) var text = ""

    public init(header: [String]) {
        appendRow(header)
    }

    public mutating func appendRow(_ fields: [String]) {
        text += fields.map(Self.escape).joined(separator: ",")
        text += "\n"
    }

    public static func escape(_ field: String) -> String {
        let needsQuotes =
            field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            || field.hasPrefix(" ") || field.hasSuffix(" ")
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
