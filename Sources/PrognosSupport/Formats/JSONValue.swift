/// A JSON document with ordered object keys, written deterministically.
///
/// Foundation's encoders do not promise key order or number spelling across
/// platforms; this writer does: keys in the order given, two-space indentation,
/// numbers as ``NumberFormatting/plain(_:)-(Double)`` (or with 17 significant digits
/// where asked), non-finite numbers as `null`. With ``Layout/recordsOnOneLine`` an object
/// inside an array whose values are all scalars is written on one line,
/// `{"year": 2004, "value": 50.4}`.
public enum JSONValue: Sendable, Equatable {
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

    /// Where objects and arrays break lines.
    public enum Layout: Sendable {
        /// Every member and element on a line of its own.
        case expanded
        /// As `expanded`, except that an array's object elements whose values are all
        /// scalars (strings, numbers, booleans, null) are written on one line each: a
        /// series' points in summary.json take a line a year.
        case recordsOnOneLine
    }

    /// The document as pretty-printed text ending in a newline.
    public func serialized(numbers style: NumberStyle = .plain, layout: Layout = .expanded) -> String {
        var output: [UInt8] = []
        write(to: &output, indent: 0, style: style, layout: layout)
        output.append(UInt8(ascii: "\n"))
        return String(decoding: output, as: UTF8.self)
    }

    /// The value as it appears nested `indent` levels deep in a pretty-printed document
    /// (no trailing newline), so that a document can be written piece by piece.
    public func fragment(indent: Int, numbers style: NumberStyle = .plain, layout: Layout = .expanded) -> String {
        var output: [UInt8] = []
        write(to: &output, indent: indent, style: style, layout: layout)
        return String(decoding: output, as: UTF8.self)
    }

    /// ``fragment(indent:numbers:)`` as UTF-8 appended to `output`. The text is built as
    /// bytes, not as a `String`: appending to a string checks and updates its encoding
    /// flags at every piece, which had been most of the time of writing `summary.json`.
    public func appendFragment(
        to output: inout [UInt8], indent: Int, numbers style: NumberStyle = .plain, layout: Layout = .expanded
    ) {
        write(to: &output, indent: indent, style: style, layout: layout)
    }

    /// A string, number, boolean or null.
    private var isScalar: Bool {
        switch self {
        case .object, .array: return false
        case .string, .number, .integer, .bool, .null: return true
        }
    }

    private func write(to output: inout [UInt8], indent: Int, style: NumberStyle, layout: Layout) {
        switch self {
        case .object(let members):
            if members.isEmpty {
                Self.append("{}", to: &output)
                return
            }
            Self.append("{\n", to: &output)
            for (index, (key, value)) in members.enumerated() {
                Self.indent(indent + 1, to: &output)
                Self.writeString(key, to: &output)
                Self.append(": ", to: &output)
                value.write(to: &output, indent: indent + 1, style: style, layout: layout)
                Self.append(index == members.count - 1 ? "\n" : ",\n", to: &output)
            }
            Self.indent(indent, to: &output)
            output.append(UInt8(ascii: "}"))
        case .array(let elements):
            if elements.isEmpty {
                Self.append("[]", to: &output)
                return
            }
            Self.append("[\n", to: &output)
            for (index, element) in elements.enumerated() {
                Self.indent(indent + 1, to: &output)
                if layout == .recordsOnOneLine, case .object(let members) = element, !members.isEmpty,
                    members.allSatisfy({ $0.1.isScalar })
                {
                    output.append(UInt8(ascii: "{"))
                    for (position, (key, value)) in members.enumerated() {
                        if position > 0 { Self.append(", ", to: &output) }
                        Self.writeString(key, to: &output)
                        Self.append(": ", to: &output)
                        value.write(to: &output, indent: 0, style: style, layout: layout)
                    }
                    output.append(UInt8(ascii: "}"))
                } else {
                    element.write(to: &output, indent: indent + 1, style: style, layout: layout)
                }
                Self.append(index == elements.count - 1 ? "\n" : ",\n", to: &output)
            }
            Self.indent(indent, to: &output)
            output.append(UInt8(ascii: "]"))
        case .string(let text):
            Self.writeString(text, to: &output)
        case .number(let value):
            if !value.isFinite {
                Self.append("null", to: &output)
            } else if style == .significant17 {
                output.append(contentsOf: NumberFormatting.significant17(value).utf8)
            } else {
                NumberFormatting.appendPlain(value, to: &output)
            }
        case .integer(let value):
            NumberFormatting.appendInteger(value, to: &output)
        case .bool(let value):
            Self.append(value ? "true" : "false", to: &output)
        case .null:
            Self.append("null", to: &output)
        }
    }

    /// Two spaces per level.
    private static func indent(_ level: Int, to output: inout [UInt8]) {
        let spaces: StaticString = "                                                                "
        spaces.withUTF8Buffer { spaces in
            var remaining = 2 * level
            while remaining > 0 {
                let count = min(remaining, spaces.count)
                output.append(contentsOf: UnsafeBufferPointer(rebasing: spaces[0..<count]))
                remaining -= count
            }
        }
    }

    /// A literal's UTF-8, copied whole.
    private static func append(_ text: StaticString, to output: inout [UInt8]) {
        text.withUTF8Buffer { output.append(contentsOf: $0) }
    }

    private static func writeString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        // Most strings need no escape: copy their bytes whole.
        var text = text
        let copied = text.withUTF8 { bytes -> Bool in
            for byte in bytes where byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 {
                return false
            }
            output.append(contentsOf: bytes)
            return true
        }
        if copied {
            output.append(UInt8(ascii: "\""))
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output.append(contentsOf: "\\\"".utf8)
            case "\\": output.append(contentsOf: "\\\\".utf8)
            case "\n": output.append(contentsOf: "\\n".utf8)
            case "\r": output.append(contentsOf: "\\r".utf8)
            case "\t": output.append(contentsOf: "\\t".utf8)
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
            default:
                UTF8.encode(scalar) { output.append($0) }
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
