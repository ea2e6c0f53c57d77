import Foundation

/// Writes RFC 4180 CSV: comma-delimited, LF line ends, a field quoted only when it
/// holds a comma, a quote, a line break or leading/trailing spaces.
///
/// Output tables that people open in a spreadsheet neutralise formulas (the default,
/// ``neutralized(_:)``); a canonical dataset, which Prognos reads back, keeps every field
/// as it is (`neutralizingFormulas: false`).
public struct CSVWriter: Sendable {
    public private(set) var text = ""
    public let neutralizingFormulas: Bool

    public init(header: [String], neutralizingFormulas: Bool = true) {
        self.neutralizingFormulas = neutralizingFormulas
        appendRow(header)
    }

    public mutating func appendRow(_ fields: [String]) {
        text += Self.line(neutralizingFormulas ? fields.map(Self.neutralized) : fields)
    }

    /// A field that a spreadsheet would run as a formula, made inert with a leading `'`,
    /// as OWASP recommends against CSV injection: text starting with `=`, `+`, `-`, `@`, a
    /// tab or a carriage return. Numbers (`-3.5`, `-1e-05`) are left as they are.
    ///
    /// Edge cases: the empty field is unchanged; `-` alone becomes `'-`.
    public static func neutralized(_ field: String) -> String {
        guard let first = field.utf8.first else { return field }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), UInt8(ascii: "\t"),
            UInt8(ascii: "\r"):
            return Double(field) == nil ? "'" + field : field
        default:
            return field
        }
    }

    /// One record: the escaped fields joined by commas, ending in LF.
    public static func line(_ fields: [String]) -> String {
        fields.map(escape).joined(separator: ",") + "\n"
    }

    /// The field as it is written: quoted when it holds a comma, a quote, a CR or an LF
    /// (checked byte by byte, so a CRLF inside a field counts), or starts or ends with a space.
    public static func escape(_ field: String) -> String {
        let utf8 = field.utf8
        let needsQuotes =
            utf8.contains(where: {
                $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n")
                    || $0 == UInt8(ascii: "\r")
            })
            || utf8.first == UInt8(ascii: " ") || utf8.last == UInt8(ascii: " ")
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// ``escape(_:)`` of ``neutralized(_:)`` as UTF-8 appended to `output`: a field that
    /// needs no quotes is copied whole.
    public static func appendEscaped(_ field: String, to output: inout [UInt8]) {
        var field = neutralized(field)
        let copied = field.withUTF8 { bytes -> Bool in
            if bytes.first == UInt8(ascii: " ") || bytes.last == UInt8(ascii: " ") { return false }
            for byte in bytes
            where byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\n")
                || byte == UInt8(ascii: "\r")
            {
                return false
            }
            output.append(contentsOf: bytes)
            return true
        }
        if !copied { output.append(contentsOf: escape(field).utf8) }
    }
}
