/// Deterministic text for numbers in output files.
///
/// Swift's `description` of a `Double` is the shortest decimal string that reads back
/// to the same value, independent of locale and platform, so files written from the
/// same values are byte-identical.
import Foundation

public enum NumberFormatting {
    /// A value for output files, at 15 significant digits: the value is rounded to
    /// 15 significant digits (the precision a double always carries through decimal
    /// text), then printed as the shortest decimal that reads back to that rounded
    /// value. So `0.1 + 0.2` prints `0.3`, and 72 prints `72`. Non-finite values print
    /// as the empty string, which the CSV outputs use for "no value".
    ///
    /// The rounding works on the shortest round-trip digits D of the value (Swift's
    /// `description`), not on C's `printf`, which costs microseconds a number:
    /// - D with at most 15 significant digits is already the value rounded to 15 (the value
    ///   lies within half an ulp, 1.1·10⁻¹⁶ relative, of D; half a unit of the 15th digit is
    ///   at least 5·10⁻¹⁶ relative), so the value prints as it is.
    /// - D with 16 or 17 digits is rounded to 15 digits, half away from zero. This is the
    ///   correct rounding of the value itself unless D's dropped digits are exactly one half
    ///   (a 16th digit 5): a midpoint M strictly between the value and D would be a decimal of
    ///   at most 16 digits closer to the value than D, which `description` would have
    ///   printed instead. That tie falls back to `%.15g`.
    ///
    /// The output is the shortest round-trip text of the rounded value r. Where r has
    /// fraction digits and 10⁻⁴ ≤ |r| < 10¹⁵ (Swift's fixed notation), that text is the 15
    /// rounded digits without trailing zeros, written out directly: two different decimals
    /// of at most 15 significant digits never read back to the same double, so no shorter
    /// or closer decimal reads back to r. Elsewhere r is read back (`strtod`) and printed
    /// by ``exact(_:)``. Where rounding up passes the largest double (values within
    /// 5·10²⁹³ of ±1.7976931348623157e308), the value is written with its own shortest digits.
    public static func plain(_ value: Double) -> String {
        var bytes: [UInt8] = []
        appendPlain(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// ``plain(_:)-(Double)`` as UTF-8 appended to `output`, without making a `String` on
    /// the common paths (every number of summary.json goes through here); nothing for a
    /// value that is not finite.
    package static func appendPlain(_ value: Double, to output: inout [UInt8]) {
        guard value.isFinite else { return }
        let text = value.description
        switch roundedTo15SignificantDigits(value, description: text, fixed: { output.append(contentsOf: $0) }) {
        case .unchanged:
            if isSmallInteger(value) {
                appendInteger(Int(value), to: &output)
            } else {
                output.append(contentsOf: text.utf8)
            }
        case .written: return
        case .value(let rounded):
            // Rounding up past the largest double (1.7976931348623157e308 → 1.79769313486232e308)
            // overflows: such a value is written with its own shortest digits.
            output.append(contentsOf: (rounded.isFinite ? exact(rounded) : text).utf8)
        case .tie:
            let rounded = Double(String(format: "%.15g", value)) ?? value
            output.append(contentsOf: (rounded.isFinite ? exact(rounded) : text).utf8)
        }
    }

    /// `String(value)` as UTF-8 appended to `output`.
    package static func appendInteger(_ value: Int, to output: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            // The magnitude as UInt, so that Int.min has one too.
            var magnitude = value.magnitude
            var start = 20
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 { output.append(UInt8(ascii: "-")) }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start..<20]))
        }
    }

    /// An integral value printed as an integer by ``exact(_:)``: |value| < 2⁵³.
    private static func isSmallInteger(_ value: Double) -> Bool {
        value == value.rounded() && abs(value) < 9_007_199_254_740_992
    }

    /// What rounding a value to 15 significant digits gave.
    enum Rounding {
        /// The shortest round-trip digits have at most 15 significant digits: the value itself.
        case unchanged
        /// The rounded value's text, in fixed notation, was given to `fixed`.
        case written
        /// The rounded value (for ``exact(_:)`` to print).
        case value(Double)
        /// The dropped digits are exactly one half: the caller rounds the value itself.
        case tie
    }

    /// The value rounded to 15 significant digits from its shortest round-trip digits
    /// (`description`, passed in), see ``plain(_:)-(Double)``; in fixed notation its text
    /// goes to `fixed`. Works in a stack buffer: this runs for every number of a country's
    /// summary.json.
    static func roundedTo15SignificantDigits(
        _ value: Double, description: String, fixed: (UnsafeBufferPointer<UInt8>) -> Void
    ) -> Rounding {
        var text = description
        return text.withUTF8 { bytes -> Rounding in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer -> Rounding in
                // Significant digits (leading zeros dropped) into buffer[0..<count].
                var count = 0
                var pointSeen = false
                var integerDigits = 0  // significant digits before the point
                var leadingFractionZeros = 0  // zeros right after the point, before any digit
                var negative = false
                var exponent = 0
                var index = 0
                while index < bytes.count {
                    let byte = bytes[index]
                    index += 1
                    switch byte {
                    case UInt8(ascii: "-"): negative = true
                    case UInt8(ascii: "."): pointSeen = true
                    case UInt8(ascii: "0")...UInt8(ascii: "9"):
                        if count == 0 && byte == UInt8(ascii: "0") {
                            if pointSeen { leadingFractionZeros += 1 }
                        } else {
                            guard count < 24 else { return .tie }
                            buffer[count] = byte - UInt8(ascii: "0")
                            count += 1
                            if !pointSeen { integerDigits += 1 }
                        }
                    case UInt8(ascii: "e"), UInt8(ascii: "E"):
                        var sign = 1
                        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                            sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
                            index += 1
                        }
                        var magnitude = 0
                        while index < bytes.count {
                            let digit = bytes[index]
                            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9"), magnitude < 10_000 else {
                                return .tie
                            }
                            magnitude = magnitude * 10 + Int(digit - UInt8(ascii: "0"))
                            index += 1
                        }
                        exponent = sign * magnitude
                    default: return .tie
                    }
                }
                while count > 0, buffer[count - 1] == 0 { count -= 1 }
                if count <= 15 { return .unchanged }
                // Round to 15 digits, half away from zero; an exact half is the caller's.
                let first = buffer[15]
                var restNonZero = false
                for k in 16..<count where buffer[k] != 0 { restNonZero = true }
                if first == 5 && !restNonZero { return .tie }
                var carry = first > 5 || (first == 5 && restNonZero)
                var position = 14
                while carry && position >= 0 {
                    if buffer[position] == 9 {
                        buffer[position] = 0
                        position -= 1
                    } else {
                        buffer[position] += 1
                        carry = false
                    }
                }
                // value = 0.d₁d₂… × 10^scale, the digits in buffer[0..<15] (after a
                // leading 1 when the rounding carried out of the first digit).
                var scale = exponent + integerDigits - leadingFractionZeros
                if carry {
                    // 0.999…9 rounded up: 0.1 × 10^(scale + 1), every other digit 0.
                    buffer[0] = 1
                    scale += 1
                }
                var digits = 15
                while digits > 1, buffer[digits - 1] == 0 { digits -= 1 }
                // Fixed notation with a fraction: the digits as they are.
                if scale >= -3 && scale <= 15 && digits > scale {
                    var out = 24
                    func put(_ byte: UInt8) {
                        buffer[out] = byte
                        out += 1
                    }
                    if negative { put(UInt8(ascii: "-")) }
                    if scale <= 0 {
                        put(UInt8(ascii: "0"))
                        put(UInt8(ascii: "."))
                        for _ in 0..<(-scale) { put(UInt8(ascii: "0")) }
                        for k in 0..<digits { put(buffer[k] + UInt8(ascii: "0")) }
                    } else {
                        for k in 0..<scale { put(buffer[k] + UInt8(ascii: "0")) }
                        put(UInt8(ascii: "."))
                        for k in scale..<digits { put(buffer[k] + UInt8(ascii: "0")) }
                    }
                    fixed(UnsafeBufferPointer(rebasing: buffer[24..<out]))
                    return .written
                }
                // Otherwise read "-0.<digits>e<scale>" back.
                var out = 24
                func put(_ byte: UInt8) {
                    buffer[out] = byte
                    out += 1
                }
                if negative { put(UInt8(ascii: "-")) }
                put(UInt8(ascii: "0"))
                put(UInt8(ascii: "."))
                for k in 0..<digits { put(buffer[k] + UInt8(ascii: "0")) }
                put(UInt8(ascii: "e"))
                if scale < 0 { put(UInt8(ascii: "-")) }
                let magnitude = abs(scale)  // at most 3 digits: |scale| ≤ 325
                if magnitude >= 100 { put(UInt8(magnitude / 100) + UInt8(ascii: "0")) }
                if magnitude >= 10 { put(UInt8(magnitude / 10 % 10) + UInt8(ascii: "0")) }
                put(UInt8(magnitude % 10) + UInt8(ascii: "0"))
                put(0)
                guard let base = buffer.baseAddress else { return .tie }
                return .value((base + 24).withMemoryRebound(to: CChar.self, capacity: out - 24) { strtod($0, nil) })
            }
        }
    }

    /// The shortest decimal that reads back to exactly `value` (lossless), without a
    /// fraction for integral values below 2^53 (`72`, `2.9`, `1e-05`). Non-finite
    /// values print as the empty string. Used where data is stored, not shown.
    public static func exact(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        if value == value.rounded(), abs(value) < 9_007_199_254_740_992 {
            return String(Int(value))
        }
        return value.description
    }

    /// Exactly 17 significant digits in scientific notation (`1.0000000000000000e+00`),
    /// which reads back to the same double; used where a contract asks for 17 digits.
    public static func significant17(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        return String(format: "%.16e", value)
    }

    /// `plain(value)` for a value that may be absent; absent prints as "".
    public static func plain(_ value: Double?) -> String {
        guard let value else { return "" }
        return plain(value)
    }

    /// A value rounded to `digits` decimals for reading by people, with the given
    /// decimal separator (`,` in Swedish reports). Non-finite prints as "–".
    ///
    /// Edge cases: magnitudes of 10¹⁵ and more (where a double has no fraction digits
    /// left, and `Int` would overflow from 9.2·10¹⁸) print in scientific notation with
    /// `digits` decimals (`1,00e+308`), and so does a value whose scaled magnitude would.
    public static func rounded(_ value: Double, digits: Int, decimalSeparator: Character = ".") -> String {
        guard value.isFinite else { return "–" }
        let digits = min(max(0, digits), 15)
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        guard abs(value) < 1e15, abs(value * scale) < 1e17 else {
            let text = String(format: "%.\(digits)e", value).replacingOccurrences(
                of: ".", with: String(decimalSeparator))
            return text.hasPrefix("-") ? "−" + text.dropFirst() : text
        }
        let scaled = (value * scale).rounded(.toNearestOrAwayFromZero)
        let negative = scaled < 0
        let magnitude = abs(scaled)
        let integerPart = Int(magnitude / scale)
        let fraction = Int((magnitude - Double(integerPart) * scale).rounded())
        var text = String(integerPart)
        if digits > 0 {
            var fractionText = String(fraction)
            while fractionText.count < digits { fractionText = "0" + fractionText }
            text += String(decimalSeparator) + fractionText
        }
        let isZero = integerPart == 0 && fraction == 0
        return negative && !isZero ? "−" + text : text
    }
}
