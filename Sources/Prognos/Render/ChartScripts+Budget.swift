import Foundation

/// Budget and evaluation charts.
extension ChartScripts {
    static func header(_ format: Format, output: String) -> [String] {
        ["reset", terminal(format), "set output \(GnuplotSession.literal(output))"]
    }

    /// Budget against outcome for the lines of one table (`drift.`, `investering.`, …) in a year.
    public static func budget(
        _ lines: [BudgetLine], section: String, year: Int, language: Language, format: Format, output: String
    ) -> String? {
        let text = ReportText(language: language)
        let rows = lines.filter { $0.lineID.hasPrefix(section + ".") && $0.year == year && $0.budget != nil && $0.outcome != nil }
        guard !rows.isEmpty else { return nil }
        var script = header(format, output: output) + [
            "set title \(GnuplotSession.literal(text.pick("Budget och utfall", "Budget and outcome") + " \(year) · \(section)"))",
            "set ylabel \"tkr\"", "set style data histograms", "set style histogram clustered gap 1",
            "set style fill solid 0.85 border -1", "set boxwidth 0.9",
            "set grid ytics lc rgb \"#dddddd\"", "set key top right", "set bmargin 10",
        ]
        // The lines' titles are tic labels as inert literals, never text in the data block.
        let tics = rows.enumerated().map { "\(GnuplotSession.literal($0.element.titleSv)) \($0.offset)" }
        script.append("set xtics rotate by -40 left font \",9\" (" + tics.joined(separator: ", ") + ")")
        script.append("$lines << EOD")
        for (index, line) in rows.enumerated() {
            script.append("\(index) \(number(line.budget ?? 0)) \(number(line.outcome ?? 0))")
        }
        script.append("EOD")
        script.append(
            "plot $lines using 2 lc rgb \"#9ecae1\" title \"Budget\", '' using 3 lc rgb \"#08519c\" title \(GnuplotSession.literal(text.pick("Utfall", "Outcome")))")
        return script.joined(separator: "\n")
    }

    /// The forecasts of one budget line at its checkpoints against the outcome (Prognossäkerhet).
    public static func checkpoints(
        _ vintages: [ForecastVintage], title: String, language: Language, format: Format, output: String
    ) -> String? {
        let text = ReportText(language: language)
        guard let outcome = vintages.compactMap(\.outcome).first, !vintages.isEmpty else { return nil }
        var script = header(format, output: output) + [
            "set title \(GnuplotSession.literal(text.pick("Prognossäkerhet", "Forecast accuracy") + ": " + title))",
            "set xlabel \(GnuplotSession.literal(text.pick("Månad då prognosen gjordes", "Month of the forecast")))",
            "set ylabel \"tkr\"", "set xrange [0:13]", "set xtics 1,1,12", "set grid", "set key bottom right",
        ]
        let values = vintages.map(\.forecast) + [outcome]
        let low = values.min() ?? 0
        let high = values.max() ?? 0
        let margin = max(high - low, abs(high) * 0.05, 1) * 0.2
        script.append("set yrange [\(number(low - margin)):\(number(high + margin))]")
        // The checkpoints' names are labels as inert literals, never text in the data block.
        var labels: [String] = []
        script.append("$forecasts << EOD")
        for (index, vintage) in vintages.enumerated() {
            let month = vintage.checkpointMonth ?? index + 1
            script.append("\(month) \(number(vintage.forecast))")
            labels.append(
                "set label \(index + 1) \(GnuplotSession.literal(vintage.checkpoint)) at \(month),\(number(vintage.forecast)) center offset 0,1 font \",9\"")
        }
        script.append("EOD")
        script += labels
        script.append(
            "plot \(number(outcome)) with lines lw 2 lc rgb \"#1a9850\" title \(GnuplotSession.literal(text.pick("Utfall", "Outcome") + " \(text.number(outcome))")), $forecasts using 1:2 with points pt 7 ps 1.5 lc rgb \"#08519c\" title \(GnuplotSession.literal(text.pick("Prognos", "Forecast")))")
        return script.joined(separator: "\n")
    }

    /// sMAPE by horizon for each method of an evaluation.
    public static func accuracyByHorizon(_ rows: [AccuracyTable.Row], language: Language, format: Format, output: String) -> String? {
        let text = ReportText(language: language)
        let methods = rows.map(\.method).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        guard !methods.isEmpty else { return nil }
        var script = header(format, output: output) + [
            "set title \(GnuplotSession.literal(text.pick("Prognosfel per horisont", "Forecast error by horizon")))",
            "set xlabel \(GnuplotSession.literal(text.pick("Horisont (år)", "Horizon (years)")))", "set ylabel \"sMAPE\"",
            "set grid", "set key outside right", "set xtics 1",
        ]
        var plots: [String] = []
        for (index, method) in methods.enumerated() {
            script.append("$m\(index) << EOD")
            for row in rows where row.method == method && row.horizon != "all" { script.append("\(row.horizon) \(number(row.smape))") }
            script.append("EOD")
            plots.append("$m\(index) using 1:2 with linespoints lw 2 title \(GnuplotSession.literal(method))")
        }
        script.append("plot " + plots.joined(separator: ", "))
        return script.joined(separator: "\n")
    }

    /// The reliability diagram: observed frequency against stated probability, per bin.
    public static func reliability(_ reports: [CalibrationReport], language: Language, format: Format, output: String) -> String? {
        let text = ReportText(language: language)
        guard !reports.isEmpty else { return nil }
        var script = header(format, output: output) + [
            "set title \(GnuplotSession.literal(text.pick("Tillförlitlighet", "Reliability")))",
            "set xlabel \(GnuplotSession.literal(text.pick("Angiven sannolikhet", "Stated probability")))",
            "set ylabel \(GnuplotSession.literal(text.pick("Observerad frekvens", "Observed frequency")))",
            "set xrange [0:1]", "set yrange [0:1]", "set grid", "set key top left", "set size square",
        ]
        var plots = ["x with lines dt 2 lc rgb \"#969696\" title \(GnuplotSession.literal(text.pick("Perfekt", "Perfect")))"]
        for (index, report) in reports.enumerated() {
            script.append("$r\(index) << EOD")
            for bin in report.bins where bin.count > 0 {
                script.append("\(number(bin.meanProbability)) \(number(bin.observedFrequency))")
            }
            script.append("EOD")
            plots.append(
                "$r\(index) using 1:2 with linespoints lw 2 pt 7 title \(GnuplotSession.literal(report.method + String(format: " (ECE %.3f)", report.expectedCalibrationError)))")
        }
        script.append("plot " + plots.joined(separator: ", "))
        return script.joined(separator: "\n")
    }
}
