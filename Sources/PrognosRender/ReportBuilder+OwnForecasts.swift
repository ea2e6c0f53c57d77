import PrognosAnalysis

extension ReportBuilder {
    /// How Prognos's own earlier forecasts of these series fared, beside the organisation's
    /// own forecasts (Prognossäkerhet): each archived next-year forecast with an outcome,
    /// whether the outcome fell in its 80 % and 95 % intervals, and the probability it gave
    /// the target; above the table, the coverage, MASE and Brier score over all of them.
    /// Shown only when the run keeps an archive (`run --archive`) and some forecast has an
    /// outcome.
    func ownForecastSection() -> [ReportDocument.Block] {
        guard let own = ownForecasts, !own.judged.isEmpty else { return [] }
        let count = own.judged.count
        let in80 = own.judged.filter(\.inside80).count
        let in95 = own.judged.filter(\.inside95).count
        var summary = text.pick(
            "Prognos egna prognoser för året efter sina data, sparade i arkivet vid tidigare körningar, mot utfallet: \(count) prognoser; utfallet låg inom 80-procentsintervallet i \(in80) av dem och inom 95-procentsintervallet i \(in95).",
            "Prognos's own forecasts for the year after their data, kept in the archive by earlier runs, against the outcome: \(count) forecasts; the outcome fell inside the 80 % interval in \(in80) of them and inside the 95 % interval in \(in95)."
        )
        if let row = own.row {
            summary += text.pick(
                " MASE \(text.number(row.mase)) (under 1: bättre än att anta fjolårets värde).",
                " MASE \(text.number(row.mase)) (below 1: better than assuming last year's value).")
        }
        if let brier = own.brier {
            summary += text.pick(
                " Brier-poäng för sannolikheterna att nå målen: \(text.number(brier)) (\(own.brierCount) mål; 0 är bäst, 0,25 vad 50 % ger).",
                " Brier score of the probabilities of meeting the targets: \(text.number(brier)) (\(own.brierCount) targets; 0 is best, 0.25 what 50 % gives)."
            )
        }
        let columns: [ReportDocument.Column] = [
            .text(text.pick("Enhet", "Entity")), .text(text.pick("Indikator", "Indicator")),
            .number(text.pick("År", "Year")), .number(text.pick("Prognos", "Forecast")),
            .text(text.pick("80 %-intervall", "80 % interval")), .number(text.pick("Utfall", "Outcome")),
            .text(text.pick("Inom 80 %", "Inside 80 %")), .number(text.pick("P(målet nås)", "P(target met)")),
            .text(text.pick("Målet nått", "Target met")),
        ]
        let yes = text.pick("ja", "yes")
        let no = text.pick("nej", "no")
        let rows = own.judged.map { judged -> [String] in
            let f = judged.forecast
            return [
                entityName(f.entityID), seriesTitle(f.series), String(f.year), text.number(f.median),
                text.number(f.interval80.lower) + "–" + text.number(f.interval80.upper),
                text.number(judged.outcome) + (judged.outcomeIsPreliminary ? text.pick(" (prel.)", " (prel.)") : ""),
                judged.inside80 ? yes : no, f.probability.map { text.percent($0) } ?? "–",
                judged.met.map { $0 ? yes : no } ?? "–",
            ]
        }
        return [
            Self.heading(
                2, text.pick("Prognos egna prognoser mot utfallet", "Prognos's own forecasts against the outcome")),
            Self.paragraph(summary),
            .table(ReportDocument.Table(columns: columns, textRows: rows)),
        ]
    }
}
