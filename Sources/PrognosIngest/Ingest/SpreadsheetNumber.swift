import Foundation

/// Numbers as people type them in Swedish spreadsheets and reports.
///
/// Accepts a decimal comma (`2,9`), a dot decimal (`2.9`), spaces, non-breaking spaces
/// (U+00A0, U+202F) and thin spaces as thousands separators (`91 867`), `%` and `‰`
/// suffixes, the minus sign U+2212 and the en dash as minus, a leading `+`, and a value in
/// parentheses for a preliminary outcome (`(73)`). With both `.` and `,` the last one is
/// the decimal separator (`1.234,5` or `1,234.5`). `-`, `–`, `..` and the empty cell are
/// missing values.
public enum SpreadsheetNumber {
    public enum Parsed: Equatable, Sendable {
        case missing
        case value(Double, preliminary: Bool, percent: Bool)
        case invalid
    }

    public static func parse(_ raw: String) -> Parsed {
        var text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if ["", "-", "–", "—", "..", "…", "x", "X"].contains(text) { return .missing }
        var preliminary = false
        if text.hasPrefix("("), text.hasSuffix(")") {
            preliminary = true
            text = String(text.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
        }
        var percent = false
        if text.hasSuffix("%") {
            percent = true
            text = String(text.dropLast()).trimmingCharacters(in: .whitespaces)
        }
        var cleaned = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case " ", "\u{00A0}", "\u{202F}", "\u{2009}", "'": continue
            case "\u{2212}", "\u{2013}": cleaned.append("-")
            default: cleaned.unicodeScalars.append(scalar)
            }
        }
        let lastComma = cleaned.lastIndex(of: ",")
        let lastDot = cleaned.lastIndex(of: ".")
        if let lastComma, let lastDot {
            if lastComma > lastDot {
                cleaned = cleaned.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")
            } else {
                cleaned = cleaned.replacingOccurrences(of: ",", with: "")
            }
        } else if lastComma != nil {
            guard cleaned.filter({ $0 == "," }).count == 1 else { return .invalid }
            cleaned = cleaned.replacingOccurrences(of: ",", with: ".")
        }
        if cleaned.hasPrefix("+") { cleaned.removeFirst() }
        guard let value = NumberParsing.decimal(cleaned) else { return .invalid }
        return .value(value, preliminary: preliminary, percent: percent)
    }
}
