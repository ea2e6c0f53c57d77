/// Strict parsing of the canonical dataset's numbers.
public enum NumberParsing {
    /// A decimal number with a dot as decimal separator and an optional exponent:
    /// `-12`, `3.5`, `.5`, `1e-3`. Rejects a decimal comma (`2,5`), thousands
    /// separators, percent signs, `nan`, `inf` and surrounding spaces.
    public static func decimal(_ text: String) -> Double? {
        var digitsBeforeExponent = 0
        var sawDot = false
        var sawExponent = false
        var exponentDigits = 0
        var previous: Character? = nil
        for (offset, character) in text.enumerated() {
            switch character {
            case "0"..."9":
                if sawExponent { exponentDigits += 1 } else { digitsBeforeExponent += 1 }
            case "+", "-":
                let atStart = offset == 0
                let afterExponent = previous == "e" || previous == "E"
                if !(atStart || afterExponent) { return nil }
            case ".":
                if sawDot || sawExponent { return nil }
                sawDot = true
            case "e", "E":
                if sawExponent || digitsBeforeExponent == 0 { return nil }
                sawExponent = true
            default:
                return nil
            }
            previous = character
        }
        if digitsBeforeExponent == 0 || (sawExponent && exponentDigits == 0) { return nil }
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// A four-digit calendar year, 1000–9999.
    public static func year(_ text: String) -> Int? {
        guard text.count == 4, text.allSatisfy({ $0.isASCII && $0.isNumber }),
            let year = Int(text), year >= 1000
        else { return nil }
        return year
    }

    /// A non-negative integer without sign or separators.
    public static func integer(_ text: String) -> Int? {
        guard !text.isEmpty, text.count <= 18, text.allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        return Int(text)
    }
}
