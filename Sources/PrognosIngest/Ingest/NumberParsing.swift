import Foundation

/// Strict parsing of the canonical dataset's numbers.
///
/// Each rule is written once, over UTF-8 bytes: the reader's fast path for ordinary rows
/// (``ObservationRowReader``) parses a field's bytes where they lie in the file, the
/// other readers a field's `String`, with the same result.
public enum NumberParsing {
    /// A decimal number with a dot as decimal separator and an optional exponent:
    /// `-12`, `3.5`, `.5`, `1e-3`. Rejects a decimal comma (`2,5`), thousands
    /// separators, percent signs, `nan`, `inf` and surrounding spaces.
    public static func decimal(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { decimal(utf8: $0) }
    }

    /// ``decimal(_:)`` of a text's UTF-8 bytes.
    ///
    /// The grammar is ASCII, so the bytes are checked: any other byte (a non-ASCII
    /// character's) rejects the text, as its character would. The value must be finite,
    /// and is the correctly rounded one, as Swift's `Double(_:)` gives it:
    /// - A text without exponent and with at most 15 digits (`56.3`, `-0.25`, `1200`), the
    ///   indicators' usual form, is m / 10ᵏ: the digits as an integer m < 10¹⁵ < 2⁵³ and k
    ///   fraction digits, k ≤ 15. Both are exact doubles, so the one IEEE division, itself
    ///   correctly rounded, gives the correctly rounded value (Clinger 1990, "How to read
    ///   floating point numbers accurately", the fast path; a sign flips it exactly).
    /// - Any other is read by C's `strtod`, which rounds correctly (Swift's `Double(_:)`
    ///   calls it too), from a NUL-terminated copy on the stack.
    static func decimal(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var digitsBeforeExponent = 0
        var sawDot = false
        var sawExponent = false
        var exponentDigits = 0
        var previous: UInt8 = 0
        var atStart = true
        // For the fast path: the digits as an integer (while there are at most 15), the
        // digits after the point, and the sign.
        var mantissa: UInt64 = 0
        var fractionDigits = 0
        var negative = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if sawExponent {
                    exponentDigits += 1
                } else {
                    digitsBeforeExponent += 1
                    if digitsBeforeExponent <= 15 { mantissa = mantissa * 10 + UInt64(byte - UInt8(ascii: "0")) }
                    if sawDot { fractionDigits += 1 }
                }
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                let afterExponent = previous == UInt8(ascii: "e") || previous == UInt8(ascii: "E")
                if !(atStart || afterExponent) { return nil }
                if atStart { negative = byte == UInt8(ascii: "-") }
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
        if !sawExponent, digitsBeforeExponent <= 15 {
            let magnitude = Double(mantissa) / exactPowersOfTen[fractionDigits]
            return negative ? -magnitude : magnitude
        }
        let value = withUnsafeTemporaryAllocation(of: CChar.self, capacity: bytes.count + 1) { copy -> Double in
            guard let start = copy.baseAddress else { return .nan }
            for (index, byte) in bytes.enumerated() { copy[index] = CChar(bitPattern: byte) }
            copy[bytes.count] = 0
            return strtod(start, nil)
        }
        return value.isFinite ? value : nil
    }

    /// 10⁰ … 10¹⁵, each exactly a double (5¹⁵ < 2⁵³).
    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ]

    /// A four-digit calendar year, 1000–9999.
    public static func year(_ text: String) -> Int? {
        var text = text
        return text.withUTF8 { year(utf8: $0) }
    }

    /// ``year(_:)`` of a text's UTF-8 bytes.
    static func year(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard bytes.count == 4, let year = digits(bytes), year >= 1000 else { return nil }
        return year
    }

    /// A non-negative integer without sign or separators.
    public static func integer(_ text: String) -> Int? {
        var text = text
        return text.withUTF8 { bytes in
            guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
            return digits(bytes)
        }
    }

    /// The value of a text of ASCII digits only (at most 18, so it cannot overflow), or
    /// nil when any byte is not one.
    private static func digits(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var value = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
