import PrognosModel
import PrognosSupport

/// Numbers and fixed phrases of the human-readable report in Swedish or English.
struct ReportText {
    let language: Language

    /// A value for people: at most two decimals, trailing zeros dropped, decimal comma
    /// and non-breaking-space thousands separators in Swedish; "–" when absent.
    func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        let separator: Character = language == .sv ? "," : "."
        var text = NumberFormatting.rounded(value, digits: 2, decimalSeparator: separator)
        if text.contains(separator) {
            while text.hasSuffix("0") { text.removeLast() }
            if text.last == separator { text.removeLast() }
        }
        return groupThousands(text)
    }

    /// A signed change, with an explicit "+" for increases.
    func change(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        let text = number(value)
        return value > 0 && text != "0" ? "+" + text : text
    }

    private func groupThousands(_ text: String) -> String {
        let negative = text.hasPrefix("−")
        let body = negative ? String(text.dropFirst()) : text
        let separator: Character = language == .sv ? "," : "."
        let integerPart = body.split(separator: separator, maxSplits: 1).first.map(String.init) ?? body
        let rest = body.dropFirst(integerPart.count)
        guard integerPart.count > 3 else { return text }
        var grouped = ""
        for (index, character) in integerPart.enumerated() {
            if index > 0 && (integerPart.count - index) % 3 == 0 {
                grouped += language == .sv ? "\u{00A0}" : ","
            }
            grouped.append(character)
        }
        return (negative ? "−" : "") + grouped + rest
    }

    func pick(_ sv: String, _ en: String) -> String { language == .sv ? sv : en }

    /// A signed share as a percentage ("+0,16 %", "−12,5 %", "−3 029 %"): two decimals
    /// below 10 %, one below 100 %, none above, so a small share keeps its digits.
    func signedPercent(_ share: Double) -> String {
        guard share.isFinite else { return "–" }
        let separator: Character = language == .sv ? "," : "."
        let digits = abs(share) < 0.1 ? 2 : abs(share) < 1 ? 1 : 0
        let body = NumberFormatting.rounded(100 * share, digits: digits, decimalSeparator: separator)
        return (share > 0 && body.contains(where: { $0 != "0" && $0 != separator }) ? "+" : "") + groupThousands(body)
            + "\u{00A0}%"
    }

    /// A target as a reader says it: "minst 72" / "at least 72", "högst 5" / "at most 5".
    func target(_ comparator: TargetComparator, _ value: Double) -> String {
        switch comparator {
        case .atLeast: return pick("minst ", "at least ") + number(value)
        case .atMost: return pick("högst ", "at most ") + number(value)
        }
    }

    /// A probability as a whole percentage ("87 %"), "–" when absent.
    func percent(_ p: Double?) -> String {
        guard let p, p.isFinite else { return "–" }
        return NumberFormatting.rounded(100 * p, digits: 0) + "\u{00A0}%"
    }
}
