import Foundation
import PrognosAnalysis
import PrognosForecast
import PrognosLinear
import PrognosModel
import PrognosSupport

/// Gnuplot scripts for the charts of a run: per series its history, trend, next-year
/// forecast with 80 % and 95 % bands and its target; and the probability of meeting each
/// possible next-year target with the 0.5 / 0.8 / 0.9 suggestions marked.
public enum ChartScripts {
    public enum Format: String, Sendable, CaseIterable {
        case svg
        case png
    }

    /// A chart file's base name for a series: ``fileStem(_:)`` of the entity, the
    /// indicator and, unless total, the gender.
    public static func baseName(_ key: SeriesKey) -> String {
        fileStem([key.entityID, key.indicatorID] + (key.gender == .total ? [] : [key.gender.rawValue]))
    }

    /// A file name stem for ids, unique for every list of ids and at most 118 bytes.
    ///
    /// The ids are joined by `__`. Where an id is empty, has anything but ASCII letters,
    /// digits, `.`, `-` and `_`, has `__` or starts or ends with `_`, or where the stem
    /// would pass 100 bytes, the stem is the ``clean(_:)`` ids cut to 100 bytes and `-` with
    /// 16 hexadecimal digits of a 64-bit FNV-1a hash of the ids as written. Otherwise the
    /// ids are readable as they are and no two lists give the same stem (the `__`
    /// between them cannot occur inside one).
    ///
    /// Edge cases: `x y` and `x_y` differ (the first is hashed); `ks-5.1__K` as an
    /// indicator differs from ks-5.1 for women (hashed); a 300-byte id gives a short name.
    public static func fileStem(_ ids: [String]) -> String {
        let readable = ids.map(clean).joined(separator: "__")
        let plain = ids.allSatisfy { id in
            !id.isEmpty && clean(id) == id && !id.contains("__") && !id.hasPrefix("_") && !id.hasSuffix("_")
        }
        if plain && readable.utf8.count <= 100 { return readable }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for (index, id) in ids.enumerated() {
            // A unit separator between ids, so that ["ab", "c"] and ["a", "bc"] differ.
            for byte in (index == 0 ? [] : [0x1F]) + Array(id.utf8) {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01B3
            }
        }
        let digits = String(hash, radix: 16)
        return String(readable.prefix(100)) + "-" + String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// An id with anything but ASCII letters, digits, `.`, `-` and `_` replaced by `_`.
    public static func clean(_ s: String) -> String {
        String(s.map { ($0.isLetter && $0.isASCII) || ($0.isNumber && $0.isASCII) || "._-".contains($0) ? $0 : "_" })
    }

    /// The terminal at a size of its own (charts whose height follows their rows).
    static func terminal(_ format: Format, width: Int, height: Int) -> String {
        switch format {
        case .svg:
            return
                "set terminal svg size \(width),\(height) dynamic noenhanced font \"DejaVu Sans,12\" background rgb \"white\""
        case .png:
            return
                "set terminal pngcairo size \(width),\(height) noenhanced font \"DejaVu Sans,10\" background rgb \"white\""
        }
    }

    static func terminal(_ format: Format) -> String {
        switch format {
        case .svg:
            return "set terminal svg size 560,400 dynamic noenhanced font \"DejaVu Sans,12\" background rgb \"white\""
        case .png:
            return "set terminal pngcairo size 560,400 noenhanced font \"DejaVu Sans,10\" background rgb \"white\""
        }
    }

    static func colour(_ signal: Signal) -> String {
        switch signal {
        case .green: return "#1a9850"
        case .lightGreen: return "#91cf60"
        case .yellow: return "#e6ab02"
        case .red: return "#d73027"
        case .grey: return "#808080"
        }
    }

    static func number(_ value: Double) -> String { NumberFormatting.plain(value) }

    /// The history chart of one series, or nil for a series without outcomes.
    public static func indicator(
        _ summary: SeriesSummary, indicator: Indicator?, entity: Entity?, language: Language, format: Format,
        output: String
    ) -> String? {
        guard let panel = panel(summary, indicator: indicator, entity: entity, language: language, compact: false)
        else {
            return nil
        }
        return (["reset", terminal(format), "set output \(GnuplotSession.literal(output))"] + panel).joined(
            separator: "\n")
    }

    /// The commands that draw one series' history into the current plot area.
    static func panel(
        _ summary: SeriesSummary, indicator: Indicator?, entity: Entity?, language: Language, compact: Bool
    ) -> [String]? {
        guard let first = summary.points.first, let last = summary.points.last else { return nil }
        let text = ReportText(language: language)
        let title = indicator?.title(language) ?? summary.key.indicatorID
        var subtitle = entity?.name(language) ?? summary.key.entityID
        if summary.key.gender != .total { subtitle += " · " + MarkdownReport.genderLabel(summary.key.gender, text) }
        if indicator?.polarity == .lowerIsBetter { subtitle += " · " + text.pick("lägre är bättre", "lower is better") }
        // The target's year is shown when it is near (a later year's target is drawn at its year).
        let target = summary.evaluation?.target
        var lastYear = summary.outlook?.year ?? last.year
        if let target, target.year > lastYear, target.year - lastYear <= 3 { lastYear = target.year }
        // Titles are wrapped, never cut: a small multiple's panels must be told apart.
        let titleLines = wrap(title, width: compact ? 56 : 60, maxLines: compact ? 3 : 2) + (compact ? [] : [subtitle])
        var script = [
            "set title \(GnuplotSession.literal(lines: titleLines))\(compact ? " font \",11\"" : "")",
            // The years on the axis need no label (a label there ran into the legend).
            "unset xlabel",
            "set ylabel \(GnuplotSession.literal(unitLabel(indicator?.unit, text)))",
            "set grid ytics lc rgb \"#dddddd\"", compact ? "set key off" : "set key outside bottom center horizontal",
            "set xrange [\(first.year) - 0.5:\(lastYear) + 0.5]",
            lastYear - first.year <= 12 ? "set xtics 1" : "set xtics auto", "set format x \"%.0f\"",
        ]
        // The y range holds the outcomes, the target and the 95 % band, with a margin, within the bounds.
        // The comparison group's mean in the years the chart shows.
        let peers =
            summary.comparison?.points.filter { $0.year >= first.year && $0.year <= lastYear && $0.mean.isFinite } ?? []
        var values = summary.points.map(\.value) + [target?.value].compactMap { $0 } + peers.map(\.mean)
        // A band gnuplot can draw: every bound finite (a forecast from values near the
        // largest doubles can overflow).
        let band = summary.outlook.flatMap { outlook -> (Int, Double, Double, Double, Double, Double)? in
            let d = outlook.distribution
            let (l95, h95) = d.interval(0.95)
            let (l80, h80) = d.interval(0.8)
            let all = [l95, h95, l80, h80, d.point]
            guard all.allSatisfy(\.isFinite), let low = all.min(), let high = all.max(), (high - low).isFinite else {
                return nil
            }
            return (outlook.year, l95, h95, l80, h80, d.point)
        }
        if let band { values += [band.1, band.2] }
        // Values whose span overflows a double cannot be drawn on one axis: no chart.
        if let low = values.min(), let high = values.max(), !(high - low).isFinite { return nil }
        if let low = values.min(), let high = values.max() {
            // Around the values' middle, at least ±5 % of their level: a flat series (one
            // value, or a rate that never moved) gets a readable axis, not steps of 0,0005.
            let middle = (low + high) / 2
            let half = 1.04 * max((high - low) / 2, 0.05 * abs(middle), 1e-9)
            if let axis = ChartAxis(
                low: middle - half, high: middle + half, fixedLow: indicator?.lowerBound,
                fixedHigh: indicator?.upperBound)
            {
                script += axis.commands("y", language: language)
            } else {
                script.append("set yrange [*:*]")
            }
        }
        var plots: [String] = []
        if let (year, l95, h95, l80, h80, point) = band {
            script.append("$band << EOD")
            script.append(
                "\(last.year) \(number(last.value)) \(number(last.value)) \(number(last.value)) \(number(last.value)) \(number(last.value))"
            )
            script.append("\(year) \(number(l95)) \(number(h95)) \(number(l80)) \(number(h80)) \(number(point))")
            script.append("EOD")
            plots.append("$band using 1:2:3 with filledcurves lc rgb \"#c6dbef\" title \"95 %\"")
            plots.append("$band using 1:4:5 with filledcurves lc rgb \"#9ecae1\" title \"80 %\"")
            plots.append(
                "$band using 1:6 with lines dt 2 lw 2 lc rgb \"#08519c\" title \(GnuplotSession.literal(text.pick("Prognos", "Forecast")))"
            )
        }
        if let trend = summary.trend, trend.pointCount >= LinearTrend.pointsForStatistics, trend.intercept.isFinite,
            trend.slope.isFinite
        {
            plots.append(
                "[\(first.year):\(last.year)] \(number(trend.intercept)) + \(number(trend.slope)) * (x - \(number(trend.centerYear))) with lines lw 1 lc rgb \"#969696\" title \"Trend\""
            )
        }
        if let evaluation = summary.evaluation, evaluation.target.year <= lastYear {
            // The target is drawn over its own year only: it applies to that year.
            let colour = colour(evaluation.status.signal)
            let t = evaluation.target
            script.append("$target << EOD")
            script.append("\(number(Double(t.year) - 0.42)) \(number(t.value))")
            script.append("\(number(Double(t.year) + 0.42)) \(number(t.value))")
            script.append("EOD")
            plots.append(
                "$target using 1:2 with lines lw 3 dt 1 lc rgb \"\(colour)\" title \(GnuplotSession.literal(text.pick("Mål", "Target") + " \(t.year): " + text.target(t.comparator, t.value)))"
            )
        }
        if let comparison = summary.comparison, !peers.isEmpty {
            var label = comparison.title
            if label.count > 48 { label = String(label.prefix(47)) + "…" }
            script.append("$peers << EOD")
            for point in peers { script.append("\(point.year) \(number(point.mean))") }
            script.append("EOD")
            // A group's mean says so; a comparison the dataset states (members 0) is its own name.
            let averaged = peers.contains { $0.members > 0 }
            plots.append(
                "$peers using 1:2 with linespoints dt 4 lw 1.5 pt 5 ps 0.8 lc rgb \"#d95f0e\" title \(GnuplotSession.literal(averaged ? label + " (" + text.pick("medel", "mean") + ")" : label))"
            )
        }
        let finals = summary.points.filter { !$0.isPreliminary }
        let preliminary = summary.points.filter(\.isPreliminary)
        // A blank line between years that are not consecutive: no line is drawn across a gap.
        script.append("$history << EOD")
        for (index, point) in summary.points.enumerated() {
            if index > 0 && point.year != summary.points[index - 1].year + 1 { script.append("") }
            script.append("\(point.year) \(number(point.value))")
        }
        script.append("EOD")
        plots.append("$history using 1:2 with lines lw 2 lc rgb \"#08306b\" notitle")
        if !finals.isEmpty {
            script.append("$final << EOD")
            for point in finals { script.append("\(point.year) \(number(point.value))") }
            script.append("EOD")
            plots.append(
                "$final using 1:2 with points pt 7 ps 1.3 lc rgb \"#08306b\" title \(GnuplotSession.literal(text.pick("Utfall", "Outcome")))"
            )
        }
        if !preliminary.isEmpty {
            script.append("$preliminary << EOD")
            for point in preliminary { script.append("\(point.year) \(number(point.value))") }
            script.append("EOD")
            plots.append(
                "$preliminary using 1:2 with points pt 6 ps 1.6 lw 2 lc rgb \"#08306b\" title \(GnuplotSession.literal(text.pick("Preliminärt", "Preliminary")))"
            )
        }
        script.append("plot " + plots.joined(separator: ", \\\n     "))
        return script
    }

    /// A goal's indicators as small multiples, titled with the assessment and P(fully met).
    public static func goal(
        _ evaluation: GoalEvaluation, series: [SeriesKey: SeriesSummary], indicators: [String: Indicator],
        language: Language, format: Format, output: String
    ) -> String? {
        let text = ReportText(language: language)
        let panels = evaluation.evaluations.compactMap { target -> [String]? in
            let key = SeriesKey(entityID: target.target.entityID, indicatorID: target.target.indicatorID)
            guard let summary = series[key] else { return nil }
            return panel(
                summary, indicator: indicators[key.indicatorID], entity: nil, language: language, compact: true)
        }
        guard !panels.isEmpty else { return nil }
        // One column at the width of a single chart: the panels' text keeps its size
        // wherever the chart is shown, a phone included.
        let columns = 1
        let rows = panels.count
        let heading =
            "\(evaluation.goal.id): \(evaluation.assessment.label(language)) · "
            + text.pick("P(helt uppfyllt)", "P(fully met)") + " \(text.percent(evaluation.probabilityFullyMet))"
        var script = ["reset"]
        switch format {
        case .svg:
            script.append(
                "set terminal svg size 560,\(rows * 270 + 40) dynamic noenhanced font \"DejaVu Sans,12\" background rgb \"white\""
            )
        case .png:
            script.append(
                "set terminal pngcairo size 560,\(rows * 270 + 40) noenhanced font \"DejaVu Sans,10\" background rgb \"white\""
            )
        }
        script.append("set output \(GnuplotSession.literal(output))")
        script.append("set multiplot layout \(rows),\(columns) title \(GnuplotSession.literal(heading)) font \",12\"")
        for panel in panels { script += panel }
        script.append("unset multiplot")
        return script.joined(separator: "\n")
    }

    /// The probability of meeting each possible target in the outlook's year.
    public static func probabilityCurve(
        _ summary: SeriesSummary, indicator: Indicator?, language: Language, format: Format, output: String
    ) -> String? {
        guard let outlook = summary.outlook, summary.suggestions.count == 3, outlook.distribution.scale > 0,
            outlook.distribution.scale.isFinite, outlook.distribution.point.isFinite
        else { return nil }
        let text = ReportText(language: language)
        let d = outlook.distribution
        let atLeast: Bool
        if let comparator = summary.evaluation?.target.comparator {
            atLeast = comparator == .atLeast
        } else {
            atLeast = indicator?.polarity != .lowerIsBetter
        }
        let title = wrap(indicator?.title(language) ?? summary.key.indicatorID, width: 60, maxLines: 2)
        var script = [
            "reset", terminal(format), "set output \(GnuplotSession.literal(output))",
            "set title \(GnuplotSession.literal(lines: title + [text.pick("Sannolikhet att nå målet", "Probability of meeting the target") + " \(outlook.year)"]))",
            "set xlabel \(GnuplotSession.literal(text.pick("Mål", "Target") + " \(outlook.year)"))",
            "set ylabel \(GnuplotSession.literal(text.pick("Sannolikhet", "Probability")))",
            "set yrange [0:1]", "set grid", "set key off",
            "set ytics (\"0 %%\" 0, \"20 %%\" 0.2, \"40 %%\" 0.4, \"60 %%\" 0.6, \"80 %%\" 0.8, \"100 %%\" 1)",
        ]
        // The curve's targets must span a range gnuplot can draw: finite, distinct, and
        // with a finite width (a spread near the largest doubles overflows).
        let curve = stride(from: 1, through: 99, by: 2).map { percentile -> (Double, Double) in
            let value = d.quantile(Double(percentile) / 100)
            return (value, atLeast ? d.survival(value) : d.cdf(value))
        }
        guard curve.allSatisfy({ $0.0.isFinite && $0.1.isFinite }), var low = curve.first?.0, var high = curve.last?.0,
            high > low, (high - low).isFinite
        else { return nil }
        // The current target is marked, with its probability in the outlook's year, when
        // it lies near the curve's range.
        let current = summary.evaluation?.target
        if let current, current.value.isFinite, current.value >= low - (high - low),
            current.value <= high + (high - low)
        {
            low = min(low, current.value)
            high = max(high, current.value)
        }
        if let axis = ChartAxis(low: low, high: high, fixedLow: indicator?.lowerBound, fixedHigh: indicator?.upperBound)
        {
            script += axis.commands("x", language: language)
        }
        script.append("$curve << EOD")
        for (value, p) in curve { script.append("\(number(value)) \(number(p))") }
        script.append("EOD")
        script.append("$marks << EOD")
        var labels: [String] = []
        for (index, p) in SeriesSummary.suggestionProbabilities.enumerated() {
            if let value = summary.suggestions[p] {
                script.append("\(number(value)) \(number(p))")
                let label = "\(Int((p * 100).rounded())) %: \(text.number(value))"
                labels.append(
                    "set label \(index + 1) \(GnuplotSession.literal(label)) at \(number(value)),\(number(p)) \(atLeast ? "left offset 1,0.6" : "right offset -1,0.6")"
                )
            }
        }
        script.append("EOD")
        script += labels
        var plots = [
            "$curve using 1:2 with lines lw 2 lc rgb \"#08519c\" notitle",
            "$marks using 1:2 with points pt 7 ps 1.4 lc rgb \"#08519c\" notitle",
        ]
        if let current, current.value >= low, current.value <= high {
            let p = atLeast ? d.survival(current.value) : d.cdf(current.value)
            let words =
                text.pick("Nuvarande mål", "Current target") + " (\(current.year)): "
                + text.target(current.comparator, current.value)
                + " · P = " + text.percent(p)
            // From the axis up to the curve only: above it, the marks' labels stand.
            script.append(
                "set arrow 1 from \(number(current.value)),0 to \(number(current.value)),\(number(p)) nohead dt 2 lw 2 lc rgb \"#d73027\""
            )
            script.append("$current << EOD")
            script.append("\(number(current.value)) \(number(p))")
            script.append("EOD")
            // Said under the axis, where no point or label of the curve can be.
            script.append(
                "set xlabel \(GnuplotSession.literal(lines: [text.pick("Mål", "Target") + " \(outlook.year)", text.pick("Streckad linje: ", "Dashed line: ") + words]))"
            )
            plots.append("$current using 1:2 with points pt 7 ps 1.6 lc rgb \"#d73027\" notitle")
        }
        script.append("plot " + plots.joined(separator: ", "))
        return script.joined(separator: "\n")
    }

    /// Text broken into lines of at most `width` characters at spaces; the last of
    /// `maxLines` lines ends in "…" when text is left over.
    static func wrap(_ text: String, width: Int, maxLines: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        guard lines.count > maxLines else {
            return lines.map { $0.count > width + 10 ? String($0.prefix(width)) + "…" : $0 }
        }
        var kept = Array(lines.prefix(maxLines))
        let last = kept[maxLines - 1]
        kept[maxLines - 1] = String(last.prefix(max(1, width - 1))) + "…"
        return kept
    }

    static func unitLabel(_ unit: IndicatorUnit?, _ text: ReportText) -> String {
        switch unit {
        case .percent: return "%"
        case .index: return text.pick("Index", "Index")
        case .scale: return text.pick("Skala", "Scale")
        case .count: return text.pick("Antal", "Count")
        case .sekThousands: return "tkr"
        case .ratio: return text.pick("Kvot", "Ratio")
        case .fte: return text.pick("Årsarbetare", "Full-time equivalents")
        case .years: return text.pick("År", "Years")
        case .number, .none: return ""
        }
    }
}
