import Foundation

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
    public static func plain(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        let rounded = Double(String(format: "%.15g", value)) ?? value
        return exact(rounded)
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
    public static func rounded(_ value: Double, digits: Int, decimalSeparator: Character = ".") -> String {
        guard value.isFinite else { return "–" }
        var scale = 1.0
        for _ in 0..<max(0, digits) { scale *= 10 }
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
