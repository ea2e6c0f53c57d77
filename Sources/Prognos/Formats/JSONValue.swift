/// A JSON document with ordered object keys, written deterministically.
///
/// Foundation's encoders do not promise key order or number spelling across
/// platforms; this writer does: keys in the order given, two-space indentation,
/// numbers as ``NumberFormatting/plain(_:)-(Double)`` (or with 17 significant digits
/// where asked), non-finite numbers as `null`.
public indirect enum JSONValue: Sendable, Equatable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case number(Double)
    case integer(Int)
    case bool(Bool)
    case null

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.serialized() == rhs.serialized()
    }

    /// A number, or `null` when absent.
    public static func number(_ value: Double?) -> JSONValue {
        guard let value, value.isFinite else { return .null }
        return .number(value)
    }

    /// A string, or `null` when absent or empty.
    public static func optionalString(_ value: String?) -> JSONValue {
        guard let value, !value.isEmpty else { return .null }
        return .string(value)
    }

    /// How numbers are spelled.
    public enum NumberStyle: Sendable {
        /// ``NumberFormatting/plain(_:)-(Double)``: up to 15 significant digits, shortest form.
        case plain
        /// Exactly 17 significant digits (`%.16e`), enough to read back every double exactly.
        case significant17
    }

    /// The document as pretty-printed text ending in a newline.
    public func serialized(numbers style: NumberStyle = .plain) -> String {
        var output = ""
        write(to: &output, indent: 0, style: style)
        output += "\n"
        return output
    }

    /// The value as it appears nested `indent` levels deep in a pretty-printed document
    /// (no trailing newline), so that a document can be written piece by piece.
    public func fragment(indent: Int, numbers style: NumberStyle = .plain) -> String {
        var output = ""
        write(to: &output, indent: indent, style: style)
        return output
    }

    private func write(to output: inout String, indent: Int, style: NumberStyle) {
        switch self {
        case .object(let members):
            if members.isEmpty {
                output += "{}"
                return
            }
            output += "{\n"
            for (index, (key, value)) in members.enumerated() {
                output += Self.indentation(indent + 1)
                Self.writeString(key, to: &output)
                output += ": "
                value.write(to: &output, indent: indent + 1, style: style)
                output += index == members.count - 1 ? "\n" : ",\n"
            }
            output += Self.indentation(indent)
            output += "}"
        case .array(let elements):
            if elements.isEmpty {
                output += "[]"
                return
            }
            output += "[\n"
            for (index, element) in elements.enumerated() {
                output += Self.indentation(indent + 1)
                element.write(to: &output, indent: indent + 1, style: style)
                output += index == elements.count - 1 ? "\n" : ",\n"
            }
            output += Self.indentation(indent)
            output += "]"
        case .string(let text):
            Self.writeString(text, to: &output)
        case .number(let value):
            if !value.isFinite {
                output += "null"
            } else if style == .significant17 {
                output += NumberFormatting.significant17(value)
            } else {
                output += NumberFormatting.plain(value)
            }
        case .integer(let value):
            output += String(value)
        case .bool(let value):
            output += value ? "true" : "false"
        case .null:
            output += "null"
        }
    }

    /// Two spaces per level, for the first levels (a document nests a handful deep).
    private static let indents: [String] = (0..<16).map { String(repeating: "  ", count: $0) }

    private static func indentation(_ level: Int) -> String {
        level < indents.count ? indents[level] : String(repeating: "  ", count: level)
    }

    private static func writeString(_ text: String, to output: inout String) {
        output += "\""
        // Most strings need no escape: copy them whole.
        if !text.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 }) {
            output += text
            output += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
