import Foundation
import PrognosModel
import PrognosSupport

/// A chart's numeric axis with tick labels written the report's way, not gnuplot's.
///
/// gnuplot formats tick labels with a decimal point and no thousands separator (3.4,
/// −250000), whatever the report's language. So the charts set their own ticks: about
/// five "nice" steps (1, 2 or 5 × 10ᵏ, Heckbert, "Nice numbers for graph labels",
/// Graphics Gems, 1990) over the range, each labelled with ``ReportText/number(_:)``'s rules
/// and a narrow no-break space (U+202F) between thousands in Swedish: "2,5", "70 000",
/// "−250 000" (a comma and a thin space in English: "70,000", "2.5").
///
/// Edge cases: a range of zero width is widened by 1 (or by 10 % of its value); a range
/// that is not finite gives no ticks (nil: gnuplot's own are kept).
struct ChartAxis {
    /// The range shown: the nice ticks' outer bounds, unless a bound was fixed.
    let low: Double
    let high: Double
    let ticks: [Double]
    let step: Double

    /// - Parameters:
    ///   - count: about how many steps; with `atMost`, no more than that many.
    ///   - fixedLow, fixedHigh: bounds the range must not pass (an indicator's bounds).
    init?(
        low rawLow: Double, high rawHigh: Double, count: Int = 5, atMost: Bool = false, fixedLow: Double? = nil,
        fixedHigh: Double? = nil
    ) {
        guard rawLow.isFinite, rawHigh.isFinite, rawHigh >= rawLow else { return nil }
        var low = rawLow
        var high = rawHigh
        if high - low <= 0 {
            let widen = low == 0 ? 1 : abs(low) * 0.1
            low -= widen
            high += widen
        }
        let step = Self.nice((high - low) / Double(max(1, count)), round: !atMost)
        guard step.isFinite, step > 0 else { return nil }
        var first = (low / step).rounded(.down) * step
        var last = (high / step).rounded(.up) * step
        if let fixedLow { first = max(first, fixedLow) }
        if let fixedHigh { last = min(last, fixedHigh) }
        guard last > first, (last - first) / step < 50 else { return nil }
        var ticks: [Double] = []
        var k = (first / step).rounded(.up)
        while k * step <= last + step * 1e-9 {
            // Snap to the step's own digits, so that 0.30000000000000004 reads 0,3.
            let value = (k * step * 1e9).rounded() / 1e9
            ticks.append(value == 0 ? 0 : value)
            k += 1
        }
        self.low = first
        self.high = last
        self.ticks = ticks
        self.step = step
    }

    /// 1, 2, 5 or 10 times a power of ten near `x` (rounded, or the next above).
    static func nice(_ x: Double, round: Bool) -> Double {
        guard x > 0, x.isFinite else { return 1 }
        let exponent = Foundation.floor(Foundation.log10(x))
        let fraction = x / Foundation.pow(10, exponent)
        let niceFraction: Double
        if round {
            niceFraction = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        } else {
            niceFraction = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        }
        return niceFraction * Foundation.pow(10, exponent)
    }

    /// A tick label: as many decimals as the step needs, the language's separators.
    static func label(_ value: Double, step: Double, language: Language) -> String {
        let decimals = max(0, min(6, Int(-Foundation.floor(Foundation.log10(step) + 1e-9))))
        let separator: Character = language == .sv ? "," : "."
        var text = NumberFormatting.rounded(value, digits: decimals, decimalSeparator: separator)
        let negative = text.hasPrefix("-") || text.hasPrefix("−")
        if negative { text.removeFirst() }
        let integer = text.prefix { $0 != separator }
        let rest = text.dropFirst(integer.count)
        var grouped = ""
        for (index, digit) in integer.enumerated() {
            if index > 0 && (integer.count - index) % 3 == 0 {
                grouped += language == .sv ? "\u{202F}" : ","
            }
            grouped.append(digit)
        }
        return (negative && value != 0 ? "−" : "") + grouped + rest
    }

    /// The gnuplot commands for this axis (`x` or `y`): its range and its labelled ticks.
    func commands(_ axis: String, language: Language, suffix: String = "") -> [String] {
        let tics = ticks.map {
            GnuplotSession.ticLabel(Self.label($0, step: step, language: language) + suffix) + " "
                + ChartScripts.number($0)
        }
        return [
            "set \(axis)range [\(ChartScripts.number(low)):\(ChartScripts.number(high))]",
            "set \(axis)tics (" + tics.joined(separator: ", ") + ")",
        ]
    }
}
