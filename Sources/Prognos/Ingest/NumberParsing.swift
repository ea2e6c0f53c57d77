/// Strict parsing of the canonical dataset's numbers.
public enum NumberParsing {
    /// A decimal number with a dot as decimal separator and an optional exponent:
    /// `-12`, `3.5`, `.5`, `1e-3`. Rejects a decimal comma (`2,5`), thousands
    /// separators, percent signs, `nan`, `inf` and surrounding spaces.
    public static func decimal(_ text: String) -> Double? {
        // The grammar is ASCII, so the bytes are checked: any other byte (a non-ASCII
        // character's) rejects the text, as its character would.
        var digitsBeforeExponent = 0
        var sawDot = false
        var sawExponent = false
        var exponentDigits = 0
        var previous: UInt8 = 0
        var atStart = true
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if sawExponent { exponentDigits += 1 } else { digitsBeforeExponent += 1 }
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                let afterExponent = previous == UInt8(ascii: "e") || previous == UInt8(ascii: "E")
                if !(atStart || afterExponent) { return nil }
            case UInt8(ascii: "."):
                if sawDot || sawExponent { return nil }
                sawDot = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                if sawExponent || digitsBeforeExponent == 0 { return nil }
                sawExponent = true
            default:
                return nil
            }
            previous = byte
            atStart = false
        }
        if digitsBeforeExponent == 0 || (sawExponent && exponentDigits == 0) { return nil }
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// A four-digit calendar year, 1000–9999.
    public static func year(_ text: String) -> Int? {
        guard text.utf8.count == 4, let year = digits(text), year >= 1000 else { return nil }
        return year
    }

    /// A non-negative integer without sign or separators.
    public static func integer(_ text: String) -> Int? {
        guard !text.isEmpty, text.utf8.count <= 18 else { return nil }
        return digits(text)
    }

    /// The value of a text of ASCII digits only (at most 18, so it cannot overflow), or
    /// nil when any byte is not one.
    private static func digits(_ text: String) -> Int? {
        var value = 0
        for byte in text.utf8 {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
