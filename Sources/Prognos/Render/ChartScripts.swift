import Foundation

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

    static func terminal(_ format: Format) -> String {
        switch format {
        case .svg: return "set terminal svg size 720,420 dynamic noenhanced font \"DejaVu Sans,12\" background rgb \"white\""
        case .png: return "set terminal pngcairo size 720,420 noenhanced font \"DejaVu Sans,10\" background rgb \"white\""
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
        _ summary: SeriesSummary, indicator: Indicator?, entity: Entity?, language: Language, format: Format, output: String
    ) -> String? {
        guard let panel = panel(summary, indicator: indicator, entity: entity, language: language, compact: false) else {
            return nil
        }
        return (["reset", terminal(format), "set output \(GnuplotSession.literal(output))"] + panel).joined(separator: "\n")
    }

    /// The commands that draw one series' history into the current plot area.
    static func panel(
        _ summary: SeriesSummary, indicator: Indicator?, entity: Entity?, language: Language, compact: Bool
    ) -> [String]? {
        guard let first = summary.points.first, let last = summary.points.last else { return nil }
        let text = ReportText(language: language)
        var title = indicator?.title(language) ?? summary.key.indicatorID
        if title.count > 90 { title = String(title.prefix(87)) + "…" }
        var subtitle = entity?.name ?? summary.key.entityID
        if summary.key.gender != .total { subtitle += " · " + MarkdownReport.genderLabel(summary.key.gender, text) }
        if indicator?.polarity == .lowerIsBetter { subtitle += " · " + text.pick("lägre är bättre", "lower is better") }
        let lastYear = summary.outlook?.year ?? last.year
        if compact && title.count > 50 { title = String(title.prefix(47)) + "…" }
        var script = [
            "set title \(GnuplotSession.literal(lines: compact ? [title] : [title, subtitle]))\(compact ? " font \",9\"" : "")",
            compact ? "unset xlabel" : "set xlabel \(GnuplotSession.literal(text.pick("År", "Year")))",
            "set ylabel \(GnuplotSession.literal(unitLabel(indicator?.unit, text)))",
            "set grid ytics lc rgb \"#dddddd\"", compact ? "set key off" : "set key outside bottom center horizontal",
            "set yrange [*:*]",
            "set xrange [\(first.year) - 0.5:\(lastYear) + 0.5]",
            lastYear - first.year <= 12 ? "set xtics 1" : "set xtics auto", "set format x \"%.0f\"",
        ]
        // The y range holds the outcomes, the target and the 95 % band, with a margin, within the bounds.
        // The comparison group's mean in the years the chart shows.
        let peers = summary.comparison?.points.filter { $0.year >= first.year && $0.year <= lastYear && $0.mean.isFinite } ?? []
        var values = summary.points.map(\.value) + [summary.evaluation?.target.value].compactMap { $0 } + peers.map(\.mean)
        // A band gnuplot can draw: every bound finite (a forecast from values near the
        // largest doubles can overflow).
        let band = summary.outlook.flatMap { outlook -> (Int, Double, Double, Double, Double, Double)? in
            let d = outlook.distribution
            let (l95, h95) = d.interval(0.95)
            let (l80, h80) = d.interval(0.8)
            let all = [l95, h95, l80, h80, d.point]
            guard all.allSatisfy(\.isFinite), let low = all.min(), let high = all.max(), (high - low).isFinite else { return nil }
            return (outlook.year, l95, h95, l80, h80, d.point)
        }
        if let band { values += [band.1, band.2] }
        // Values whose span overflows a double cannot be drawn on one axis: no chart.
        if let low = values.min(), let high = values.max(), !(high - low).isFinite { return nil }
        if let low = values.min(), let high = values.max() {
            let margin = 0.08 * max(high - low, abs(high) * 0.01, 1e-9)
            var bottom = low - margin
            var top = high + margin
            if let lower = indicator?.lowerBound { bottom = max(bottom, lower) }
            if let upper = indicator?.upperBound { top = min(top, upper) }
            if top > bottom { script.append("set yrange [\(number(bottom)):\(number(top))]") }
        }
        var plots: [String] = []
        if let (year, l95, h95, l80, h80, point) = band {
            script.append("$band << EOD")
            script.append("\(last.year) \(number(last.value)) \(number(last.value)) \(number(last.value)) \(number(last.value)) \(number(last.value))")
            script.append("\(year) \(number(l95)) \(number(h95)) \(number(l80)) \(number(h80)) \(number(point))")
            script.append("EOD")
            plots.append("$band using 1:2:3 with filledcurves lc rgb \"#c6dbef\" title \"95 %\"")
            plots.append("$band using 1:4:5 with filledcurves lc rgb \"#9ecae1\" title \"80 %\"")
            plots.append("$band using 1:6 with lines dt 2 lw 2 lc rgb \"#08519c\" title \(GnuplotSession.literal(text.pick("Prognos", "Forecast")))")
        }
        if let trend = summary.trend, summary.points.count >= 3, trend.intercept.isFinite, trend.slope.isFinite {
            plots.append(
                "[\(first.year):\(last.year)] \(number(trend.intercept)) + \(number(trend.slope)) * (x - \(number(trend.centreYear))) with lines lw 1 lc rgb \"#969696\" title \"Trend\"")
        }
        if let evaluation = summary.evaluation {
            let colour = colour(evaluation.status.signal)
            plots.append(
                "\(number(evaluation.target.value)) with lines lw 2 dt 3 lc rgb \"\(colour)\" title \(GnuplotSession.literal(text.pick("Mål", "Target") + " \(evaluation.target.year) (\(evaluation.target.comparator.rawValue) \(text.number(evaluation.target.value)))"))")
        }
        if let comparison = summary.comparison, !peers.isEmpty {
            var label = comparison.title
            if label.count > 48 { label = String(label.prefix(47)) + "…" }
            script.append("$peers << EOD")
            for point in peers { script.append("\(point.year) \(number(point.mean))") }
            script.append("EOD")
            plots.append(
                "$peers using 1:2 with linespoints dt 4 lw 1.5 pt 5 ps 0.8 lc rgb \"#d95f0e\" title \(GnuplotSession.literal(label + " (" + text.pick("medel", "mean") + ")"))")
        }
        let finals = summary.points.filter { !$0.isPreliminary }
        let preliminary = summary.points.filter(\.isPreliminary)
        script.append("$history << EOD")
        for point in summary.points { script.append("\(point.year) \(number(point.value))") }
        script.append("EOD")
        plots.append("$history using 1:2 with lines lw 2 lc rgb \"#08306b\" notitle")
        if !finals.isEmpty {
            script.append("$final << EOD")
            for point in finals { script.append("\(point.year) \(number(point.value))") }
            script.append("EOD")
            plots.append("$final using 1:2 with points pt 7 ps 1.3 lc rgb \"#08306b\" title \(GnuplotSession.literal(text.pick("Utfall", "Outcome")))")
        }
        if !preliminary.isEmpty {
            script.append("$preliminary << EOD")
            for point in preliminary { script.append("\(point.year) \(number(point.value))") }
            script.append("EOD")
            plots.append("$preliminary using 1:2 with points pt 6 ps 1.6 lw 2 lc rgb \"#08306b\" title \(GnuplotSession.literal(text.pick("Preliminärt", "Preliminary")))")
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
            return panel(summary, indicator: indicators[key.indicatorID], entity: nil, language: language, compact: true)
        }
        guard !panels.isEmpty else { return nil }
        let columns = panels.count == 1 ? 1 : 2
        let rows = (panels.count + columns - 1) / columns
        let heading = "\(evaluation.goal.id): \(evaluation.assessment.label(language)) · "
            + text.pick("P(helt uppfyllt)", "P(fully met)") + " \(text.percent(evaluation.probabilityFullyMet))"
        var script = ["reset"]
        switch format {
        case .svg: script.append("set terminal svg size \(columns * 420),\(rows * 300 + 40) dynamic noenhanced font \"DejaVu Sans,10\" background rgb \"white\"")
        case .png: script.append("set terminal pngcairo size \(columns * 420),\(rows * 300 + 40) noenhanced font \"DejaVu Sans,9\" background rgb \"white\"")
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
        var title = indicator?.title(language) ?? summary.key.indicatorID
        if title.count > 90 { title = String(title.prefix(87)) + "…" }
        var script = [
            "reset", terminal(format), "set output \(GnuplotSession.literal(output))",
            "set title \(GnuplotSession.literal(lines: [title, text.pick("Sannolikhet att nå målet", "Probability of meeting the target") + " \(outlook.year)"]))",
            "set xlabel \(GnuplotSession.literal(text.pick("Mål", "Target") + " \(outlook.year)"))",
            "set ylabel \(GnuplotSession.literal(text.pick("Sannolikhet", "Probability")))",
            "set yrange [0:1]", "set grid", "set key off", "set format y \"%.0f%%\"",
        ]
        script[script.count - 1] = "set ytics (\"0 %%\" 0, \"20 %%\" 0.2, \"40 %%\" 0.4, \"60 %%\" 0.6, \"80 %%\" 0.8, \"100 %%\" 1)"
        // The curve's targets must span a range gnuplot can draw: finite, distinct, and
        // with a finite width (a spread near the largest doubles overflows).
        let curve = stride(from: 1, through: 99, by: 2).map { percentile -> (Double, Double) in
            let value = d.quantile(Double(percentile) / 100)
            return (value, atLeast ? d.survival(value) : d.cdf(value))
        }
        guard curve.allSatisfy({ $0.0.isFinite && $0.1.isFinite }), let low = curve.first?.0, let high = curve.last?.0,
            high > low, (high - low).isFinite
        else { return nil }
        script.append("$curve << EOD")
        for (value, p) in curve { script.append("\(number(value)) \(number(p))") }
        script.append("EOD")
        script.append("$marks << EOD")
        for p in SeriesSummary.suggestionProbabilities {
            if let value = summary.suggestions[p] {
                script.append("\(number(value)) \(number(p)) \"\(Int((p * 100).rounded())) %: \(text.number(value))\"")
            }
        }
        script.append("EOD")
        script.append(
            "plot $curve using 1:2 with lines lw 2 lc rgb \"#08519c\", $marks using 1:2 with points pt 7 ps 1.4 lc rgb \"#d73027\", $marks using 1:2:3 with labels offset 1,0.8 left font \",10\"")
        return script.joined(separator: "\n")
    }

    static func unitLabel(_ unit: Unit?, _ text: ReportText) -> String {
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
