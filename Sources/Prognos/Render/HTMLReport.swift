import Foundation

/// `report.html`: the run for people, self-contained (inline SVG and CSS, no network),
/// readable on a phone and printable. A summary of all goals with their signal colours
/// and probabilities; a section per goal with each indicator's table row, history chart
/// and probability curve; then the other series with their charts.
public enum HTMLReport {
    public static func render(_ analysis: RunAnalysis, charts: ChartRenderer.Charts, language: Language) -> String {
        let text = ReportText(language: language)
        let dataset = analysis.dataset
        let indicators = dataset.indicatorsByID
        let goalsByID = Dictionary(dataset.goals.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let seriesByKey = analysis.goalSeriesByKey()
        let title = (dataset.title.isEmpty ? dataset.name : dataset.title)
        let yearText = analysis.year.map(String.init) ?? ""
        var out = """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(text.pick("Måluppföljning", "Goal follow-up") + " \(yearText): " + title))</title>
            <style>
            body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;margin:0 auto;max-width:980px;padding:1rem;color:#222;line-height:1.4}
            h1{font-size:1.6rem}h2{font-size:1.3rem;border-bottom:1px solid #ccc;padding-bottom:.2rem;margin-top:2rem}h3{font-size:1.1rem}
            table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.92rem}
            th,td{border:1px solid #ddd;padding:.3rem .45rem;text-align:left;vertical-align:top}td.n{text-align:right;white-space:nowrap}
            th{background:#f3f3f3}.badge{display:inline-block;padding:.1rem .5rem;border-radius:.8rem;color:#fff;font-weight:bold;white-space:nowrap}
            .green{background:#1a9850}.light_green{background:#91cf60}.yellow{background:#e6ab02}.red{background:#d73027}.grey{background:#808080}
            .charts{display:flex;flex-wrap:wrap;gap:.5rem}.charts figure{margin:0;flex:1 1 420px;min-width:280px}
            svg{max-width:100%;height:auto}.table-wrap{overflow-x:auto}
            @media print{body{max-width:none}.charts figure{break-inside:avoid}h2{break-after:avoid}}
            </style></head><body>
            <h1>\(escape(text.pick("Måluppföljning", "Goal follow-up") + " \(yearText)"))</h1>
            <p>\(escape(title))</p>

            """
        // Summary.
        let assessed = analysis.goals.filter { !$0.evaluations.isEmpty }
        out += "<h2>\(escape(text.pick("Sammanfattning", "Summary")))</h2>\n<div class=\"table-wrap\"><table>\n<tr><th>"
            + [text.pick("Mål", "Goal"), text.pick("Bedömning", "Assessment"), text.pick("Rapporterad", "Reported"),
               text.pick("P(helt uppfyllt)", "P(fully met)"), text.pick("P(minst delvis)", "P(at least partly)")]
            .map(escape).joined(separator: "</th><th>") + "</th></tr>\n"
        for goal in assessed {
            out += "<tr><td><a href=\"#\(escape(goal.goal.id))\">\(escape(goal.goal.id))</a>: \(escape(goal.goal.title(language)))</td>"
                + "<td>\(badge(goal.assessment.signal, goal.assessment.label(language)))</td>"
                + "<td>\(escape(goal.goal.reportedAssessment?.label(language) ?? "–"))</td>"
                + "<td class=\"n\">\(escape(text.percent(goal.probabilityFullyMet)))</td>"
                + "<td class=\"n\">\(escape(text.percent(goal.probabilityAtLeastPartlyMet)))</td></tr>\n"
        }
        out += "</table></div>\n"
        // Goals.
        var lastParent: String? = nil
        for goal in assessed {
            if let parent = goal.goal.parentGoal, parent != lastParent, let parentGoal = goalsByID[parent] {
                out += "<h2>\(escape(parentGoal.id)): \(escape(parentGoal.title(language)))</h2>\n"
                lastParent = parent
            }
            out += "<h3 id=\"\(escape(goal.goal.id))\">\(escape(goal.goal.id)): \(escape(goal.goal.title(language)))</h3>\n"
            out += "<p>\(badge(goal.assessment.signal, goal.assessment.label(language)))"
            if let reported = goal.goal.reportedAssessment {
                out += " " + escape(text.pick("rapporterad", "reported") + ": " + reported.label(language))
            }
            out += " · " + escape(text.pick("P(helt uppfyllt)", "P(fully met)") + " " + text.percent(goal.probabilityFullyMet)) + "</p>\n"
            out += "<div class=\"table-wrap\"><table><tr><th>" + [
                text.pick("Indikator", "Indicator"), text.pick("Mål", "Target"), text.pick("Utfall", "Outcome"),
                text.pick("Status", "Status"), text.pick("P(målet nås)", "P(target met)"),
                text.pick("Förslag 80 %", "Suggested at 80 %"),
            ].map(escape).joined(separator: "</th><th>") + "</th></tr>\n"
            for evaluation in goal.evaluations {
                let key = SeriesKey(entityID: evaluation.target.entityID, indicatorID: evaluation.target.indicatorID)
                let summary = seriesByKey[key]
                let name = indicators[key.indicatorID]?.title(language) ?? key.indicatorID
                var outcome = "–"
                if let value = evaluation.outcome, let year = evaluation.outcomeYear {
                    outcome = (evaluation.basis == .forecast ? "≈ " : "") + text.number(value) + " (\(year))"
                    if evaluation.outcomeIsPreliminary { outcome += " " + text.pick("prel.", "prelim.") }
                }
                out += "<tr><td>\(escape(name))</td><td class=\"n\">\(escape(evaluation.target.comparator.rawValue + " " + text.number(evaluation.target.value)))</td>"
                    + "<td class=\"n\">\(escape(outcome))</td><td>\(badge(evaluation.status.signal, evaluation.status.label(language)))</td>"
                    + "<td class=\"n\">\(escape(text.percent(evaluation.likelihood?.probability)))</td>"
                    + "<td class=\"n\">\(escape(text.number(summary?.suggestions[0.8])))</td></tr>\n"
            }
            out += "</table></div>\n<div class=\"charts\">\n"
            out += figure(charts.svg[ChartRenderer.goalChartName(goal.goal.id)], ChartRenderer.goalChartName(goal.goal.id) + ".svg")
            for evaluation in goal.evaluations {
                let key = SeriesKey(entityID: evaluation.target.entityID, indicatorID: evaluation.target.indicatorID)
                out += figure(charts.svg[ChartScripts.baseName(key)], ChartScripts.baseName(key) + ".svg")
                out += figure(charts.svg[ChartScripts.baseName(key) + "__probability"], ChartScripts.baseName(key) + "__probability.svg")
            }
            out += "</div>\n"
        }
        // Forecast accuracy.
        out += "<h2>\(escape(text.pick("Prognosernas träffsäkerhet", "Forecast accuracy")))</h2>\n"
        if analysis.accuracy.isEmpty {
            out += "<p>\(escape(text.pick("Serierna är för korta för att mäta träffsäkerheten (minst fem år behövs).", "The series are too short to measure accuracy (five years are needed).")))</p>\n"
        } else {
            out += "<div class=\"table-wrap\"><table><tr><th>\(escape(text.pick("Metod", "Method")))</th><th>n</th><th>sMAPE</th><th>MASE</th><th>\(escape(text.pick("Täckning 95 %", "Coverage 95 %")))</th></tr>\n"
            for row in analysis.accuracy {
                out += "<tr><td>\(escape(row.method))</td><td class=\"n\">\(row.count)</td><td class=\"n\">\(escape(text.number(row.smape)))</td><td class=\"n\">\(escape(text.number(row.mase)))</td><td class=\"n\">\(escape(text.percent(row.coverage95)))</td></tr>\n"
            }
            out += "</table></div>\n"
        }
        // How well the probabilities held.
        let calibration = CalibrationSection(analysis, text)
        out += "<h2>\(escape(calibration.heading))</h2>\n"
        for paragraph in calibration.paragraphs.prefix(1) { out += "<p>\(escape(paragraph))</p>\n" }
        if !calibration.rows.isEmpty {
            out += "<div class=\"table-wrap\"><table><tr>" + calibration.columns.map { "<th>\(escape($0))</th>" }.joined() + "</tr>\n"
            for row in calibration.rows {
                out += "<tr>" + row.enumerated().map { $0 == 0 ? "<td>\(escape($1))</td>" : "<td class=\"n\">\(escape($1))</td>" }.joined() + "</tr>\n"
            }
            out += "</table></div>\n"
        }
        for paragraph in calibration.paragraphs.dropFirst() { out += "<p>\(escape(paragraph))</p>\n" }
        // Other series.
        let targeted = Set(dataset.targets.map { SeriesKey(entityID: $0.entityID, indicatorID: $0.indicatorID) })
        let others = analysis.series.filter { !targeted.contains($0.key) && charts.svg[ChartScripts.baseName($0.key)] != nil }
        if !others.isEmpty {
            out += "<h2>\(escape(text.pick("Övriga serier", "Other series")))</h2>\n<div class=\"charts\">\n"
            for summary in others {
                out += figure(charts.svg[ChartScripts.baseName(summary.key)], ChartScripts.baseName(summary.key) + ".svg")
            }
            out += "</div>\n"
        }
        // Budget.
        let budgetCharts = ChartRenderer.budgetTables(dataset).map { ChartRenderer.budgetChartName($0.0, $0.1) }
            + ChartRenderer.checkpointLines(dataset).map(ChartRenderer.checkpointChartName)
        if budgetCharts.contains(where: { charts.svg[$0] != nil }) {
            out += "<h2>\(escape(text.pick("Ekonomi", "Budget")))</h2>\n<div class=\"charts\">\n"
            for name in budgetCharts { out += figure(charts.svg[name], name + ".svg") }
            out += "</div>\n"
        }
        out += "<p><small>\(escape(text.pick("Skapad av Prognos från datasetet", "Made by Prognos from the dataset") + " " + dataset.name)).</small></p>\n</body></html>\n"
        return out
    }

    /// An inline SVG figure, marked with the chart file it comes from.
    static func figure(_ svg: String?, _ file: String) -> String {
        guard let svg, let start = svg.range(of: "<svg") else { return "" }
        return "<figure data-chart=\"charts/\(escape(file))\">\(svg[start.lowerBound...])</figure>\n"
    }

    static func badge(_ signal: Signal, _ label: String) -> String {
        "<span class=\"badge \(signal.rawValue)\">\(escape(label))</span>"
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
