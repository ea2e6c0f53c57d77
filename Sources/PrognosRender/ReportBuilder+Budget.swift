import PrognosAnalysis

extension ReportBuilder {
    /// The budget tables (budget, outcome and deviation per line), their charts, and how far
    /// the organisation's own forecasts were from the outcome (Prognossäkerhet).
    func budgetSection() -> [ReportDocument.Block] {
        let dataset = analysis.dataset
        guard !dataset.budgetLines.isEmpty || !dataset.forecastVintages.isEmpty else { return [] }
        var blocks = [Self.heading(2, text.pick("Ekonomi", "Budget"))]
        for (section, year) in ChartNames.budgetTables(dataset) {
            blocks.append(Self.heading(3, BudgetNames.section(section, language) + " \(year)"))
            let lines = dataset.budgetLines.filter {
                $0.year == year && $0.budget != nil && String($0.lineID.split(separator: ".").first ?? "") == section
            }
            let columns: [ReportDocument.Column] = [
                .text(text.pick("Rad", "Line")), .number("Budget"), .number(text.pick("Utfall", "Outcome")),
                .number(text.pick("Avvikelse", "Deviation")),
            ]
            let rows = lines.map { line in
                [
                    line.title(language), text.number(line.budget), text.number(line.outcome),
                    text.change(line.deviation),
                ]
            }
            blocks.append(
                Self.paragraph(
                    lines.contains { $0.amounts == .spending }
                        ? text.pick(
                            "Utgifter redovisas som positiva belopp; avvikelsen är budget − utfall, positiv när mindre än budgeterat har använts.",
                            "Expenditure is shown as positive amounts; the deviation is budget − outcome, positive when less than budgeted was spent."
                        )
                        : text.pick(
                            "Intäkter är positiva och kostnader negativa; avvikelsen är utfall − budget, positiv när utfallet blev bättre än budget.",
                            "Income is positive and costs negative; the deviation is outcome − budget, positive when the outcome was better than the budget."
                        )))
            blocks.append(.table(ReportDocument.Table(columns: columns, textRows: rows)))
            blocks.append(
                .figures([
                    ReportDocument.Figure(
                        chart: ChartNames.budgetChartName(section, year),
                        caption: BudgetNames.section(section, language) + " \(year)")
                ]))
        }
        blocks += forecastAccuracySection()
        return blocks
    }

    /// Prognossäkerhet: each forecast made during the year, per budget line and checkpoint,
    /// against the outcome, in money and as a share of the line's frame (``VintageDeviation``).
    /// Lines are never averaged together: their amounts and frames differ.
    func forecastAccuracySection() -> [ReportDocument.Block] {
        let dataset = analysis.dataset
        guard !dataset.forecastVintages.isEmpty else { return [] }
        var blocks = [
            Self.heading(3, text.pick("Prognossäkerhet", "Accuracy of the organisation's own forecasts")),
            Self.paragraph(
                text.pick(
                    "Prognoserna som gjordes under året, per rad och avstämningstillfälle, mot utfallet i bokslutet. Avvikelsen är utfall − prognos; ramen är radens budget, eller för en rad budgeterad till noll (ett resultat) den största budgeten bland dess delar.",
                    "The forecasts made during the year, per line and checkpoint, against the outcome in the annual accounts. The deviation is outcome − forecast; the frame is the line's budget, or for a line budgeted at zero (a result) the largest budget among its parts."
                )),
        ]
        let columns: [ReportDocument.Column] = [
            .text(text.pick("Rad", "Line")), .number(text.pick("År", "Year")),
            .text(text.pick("Avstämningstillfälle", "Checkpoint")), .number(text.pick("Månad", "Month")),
            .number(text.pick("Prognos", "Forecast")), .number(text.pick("Utfall", "Outcome")),
            .number(text.pick("Avvikelse från bokslut", "Deviation")),
            .number(text.pick("Andel av ramen", "Share of the frame")),
        ]
        let rows = VintageDeviation.measure(dataset).map { row in
            let v = row.vintage
            return [
                lineName(v.lineID, entity: v.entityID, year: v.year), String(v.year),
                BudgetNames.checkpoint(v.checkpoint, language), v.checkpointMonth.map(String.init) ?? "–",
                text.number(v.forecast), text.number(v.outcome), text.change(row.deviation),
                row.share.map { text.signedPercent($0) } ?? "–",
            ]
        }
        blocks.append(.table(ReportDocument.Table(columns: columns, textRows: rows)))
        blocks.append(
            .figures(
                ChartNames.checkpointLines(dataset).map { line in
                    ReportDocument.Figure(
                        chart: ChartNames.checkpointChartName(line), caption: lineName(line, entity: nil, year: nil))
                }))
        return blocks
    }

    func lineName(_ lineID: String, entity: String?, year: Int?) -> String {
        BudgetNames.line(lineID, entity: entity, year: year, lines: analysis.dataset.budgetLines, language)
    }
}
