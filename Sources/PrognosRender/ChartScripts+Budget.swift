import Foundation
import PrognosAnalysis
import PrognosForecast
import PrognosModel

/// Budget and evaluation charts.
extension ChartScripts {
    static func header(_ format: Format, output: String) -> [String] {
        ["reset", terminal(format), "set output \(GnuplotSession.literal(output))"]
    }

    /// Budget against outcome for the lines of one table (`drift.`, `investering.`, …) in a
    /// year, as horizontal bars: one row per line, its title written out beside it, the
    /// first line at the top, the legend below the bars.
    public static func budget(
        _ lines: [BudgetLine], section: String, year: Int, language: Language, format: Format, output: String
    ) -> String? {
        let text = ReportText(language: language)
        let rows = lines.filter {
            $0.lineID.hasPrefix(section + ".") && $0.year == year && $0.budget != nil && $0.outcome != nil
        }
        guard !rows.isEmpty else { return nil }
        let values: [Double] = rows.flatMap { [$0.budget ?? 0, $0.outcome ?? 0] } + [0]
        guard let low = values.min(), let high = values.max(), (high - low).isFinite,
            let axis = ChartAxis(low: low, high: high, count: 3, atMost: true)
        else { return nil }
        var script = [
            "reset", terminal(format, width: 560, height: 110 + 30 * rows.count),
            "set output \(GnuplotSession.literal(output))",
            "set title \(GnuplotSession.literal(text.pick("Budget och utfall", "Budget and outcome") + " \(year) · " + BudgetNames.section(section, language) + " (tkr)"))",
            "set style fill solid 0.85 border -1", "set grid xtics lc rgb \"#dddddd\"",
            "set key outside bottom center horizontal", "set yrange [\(rows.count) - 0.5:-0.5]", "set rmargin 5",
        ]
        script += axis.commands("x", language: language)
        // The lines' titles are tic labels as inert literals, never text in the data block.
        let tics = rows.enumerated().map { index, line in
            let name = line.title(language)
            let title = name.count > 32 ? String(name.prefix(31)) + "…" : name
            return "\(GnuplotSession.ticLabel(title)) \(index)"
        }
        script.append("set ytics font \",10\" (" + tics.joined(separator: ", ") + ")")
        script.append("$lines << EOD")
        for (index, line) in rows.enumerated() {
            script.append("\(index) \(number(line.budget ?? 0)) \(number(line.outcome ?? 0))")
        }
        script.append("EOD")
        script.append(
            "plot $lines using 2:1:($2 < 0 ? $2 : 0):($2 < 0 ? 0 : $2):($1 - 0.4):($1) with boxxyerror lc rgb \"#9ecae1\" title \"Budget\", "
                + "'' using 3:1:($3 < 0 ? $3 : 0):($3 < 0 ? 0 : $3):($1):($1 + 0.4) with boxxyerror lc rgb \"#08519c\" title \(GnuplotSession.literal(text.pick("Utfall", "Outcome")))"
        )
        return script.joined(separator: "\n")
    }

    /// The forecasts of one budget line at its checkpoints against the outcome (Prognossäkerhet).
    public static func checkpoints(
        _ vintages: [ForecastVintage], title: String, language: Language, format: Format, output: String
    ) -> String? {
        let text = ReportText(language: language)
        guard let outcome = vintages.compactMap(\.outcome).first, !vintages.isEmpty else { return nil }
        var script =
            header(format, output: output) + [
                "set title \(GnuplotSession.literal(lines: [text.pick("Prognossäkerhet", "Accuracy of the forecasts") + ": " + title]))",
                "set xlabel \(GnuplotSession.literal(text.pick("Månad då prognosen gjordes", "Month of the forecast")))",
                "set ylabel \"tkr\"", "set xrange [0:13]", "set xtics 1,1,12", "set grid",
                "set key outside bottom center horizontal",
            ]
        let values = vintages.map(\.forecast) + [outcome]
        let low = values.min() ?? 0
        let high = values.max() ?? 0
        let margin = max(high - low, abs(high) * 0.05, 1) * 0.25
        if let axis = ChartAxis(low: low - margin, high: high + margin) {
            script += axis.commands("y", language: language)
        }
        // The checkpoints' names are labels as inert literals, never text in the data block.
        var labels: [String] = []
        script.append("$forecasts << EOD")
        for (index, vintage) in vintages.enumerated() {
            let month = vintage.checkpointMonth ?? index + 1
            script.append("\(month) \(number(vintage.forecast))")
            let name = BudgetNames.checkpoint(vintage.checkpoint, language)
            // Alternately above and below the point, so that neighbours' names do not meet.
            let offset = index % 2 == 0 ? "0,1.2" : "0,-1.2"
            labels.append(
                "set label \(index + 1) \(GnuplotSession.literal(name)) at \(month),\(number(vintage.forecast)) center offset \(offset) font \",10\""
            )
        }
        script.append("EOD")
        script += labels
        script.append(
            "plot \(number(outcome)) with lines lw 2 lc rgb \"#1a9850\" title \(GnuplotSession.literal(text.pick("Utfall", "Outcome") + " \(text.number(outcome))")), $forecasts using 1:2 with points pt 7 ps 1.5 lc rgb \"#08519c\" title \(GnuplotSession.literal(text.pick("Prognos", "Forecast")))"
        )
        return script.joined(separator: "\n")
    }

    /// sMAPE by horizon for each method of an evaluation.
    public static func accuracyByHorizon(
        _ rows: [AccuracyTable.Row], language: Language, format: Format, output: String
    ) -> String? {
        let text = ReportText(language: language)
        let methods = rows.map(\.method).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        guard !methods.isEmpty else { return nil }
        var script =
            header(format, output: output) + [
                "set title \(GnuplotSession.literal(text.pick("Prognosfel per horisont", "Forecast error by horizon")))",
                "set xlabel \(GnuplotSession.literal(text.pick("Horisont (år)", "Horizon (years)")))",
                "set ylabel \"sMAPE\"",
                "set grid", "set key outside right", "set xtics 1",
            ]
        var plots: [String] = []
        for (index, method) in methods.enumerated() {
            script.append("$m\(index) << EOD")
            for row in rows where row.method == method && row.horizon != "all" {
                script.append("\(row.horizon) \(number(row.smape))")
            }
            script.append("EOD")
            plots.append("$m\(index) using 1:2 with linespoints lw 2 title \(GnuplotSession.literal(method))")
        }
        script.append("plot " + plots.joined(separator: ", "))
        return script.joined(separator: "\n")
    }

    /// The reliability diagram: observed frequency against stated probability, per bin.
    public static func reliability(_ reports: [CalibrationReport], language: Language, format: Format, output: String)
        -> String?
    {
        let text = ReportText(language: language)
        guard !reports.isEmpty else { return nil }
        var script =
            header(format, output: output) + [
                "set title \(GnuplotSession.literal(text.pick("Tillförlitlighet", "Reliability")))",
                "set xlabel \(GnuplotSession.literal(text.pick("Angiven sannolikhet", "Stated probability")))",
                "set ylabel \(GnuplotSession.literal(text.pick("Observerad frekvens", "Observed frequency")))",
                "set xrange [0:1]", "set yrange [0:1]", "set grid", "set key top left", "set size square",
            ]
        var plots = [
            "x with lines dt 2 lc rgb \"#969696\" title \(GnuplotSession.literal(text.pick("Perfekt", "Perfect")))"
        ]
        for (index, report) in reports.enumerated() {
            script.append("$r\(index) << EOD")
            for bin in report.bins where bin.count > 0 {
                script.append("\(number(bin.meanProbability)) \(number(bin.observedFrequency))")
            }
            script.append("EOD")
            plots.append(
                "$r\(index) using 1:2 with linespoints lw 2 pt 7 title \(GnuplotSession.literal(report.method + String(format: " (ECE %.3f)", report.expectedCalibrationError)))"
            )
        }
        script.append("plot " + plots.joined(separator: ", "))
        return script.joined(separator: "\n")
    }
}
