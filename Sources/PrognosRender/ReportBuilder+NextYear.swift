import PrognosAnalysis
import PrognosModel

extension ReportBuilder {
    /// "Which goals are at risk next year?": every target the goals' indicators face after
    /// the assessed year (``NextYearOutlook``), most at risk first, with P(met) in its
    /// signal colour (red below 50 %, yellow below 80 %) and the targets realistic at 50, 80
    /// and 90 % for the same year.
    func nextYearSection() -> [ReportDocument.Block] {
        let outlooks = analysis.nextYear
        guard let year = analysis.year, !outlooks.isEmpty else { return [] }
        var blocks = [
            Self.heading(2, text.pick("Nästa år: vilka mål är i fara?", "Next year: which targets are at risk?"))
        ]
        blocks += goalsNextYear(outlooks, year: year + 1)
        blocks.append(
            Self.paragraph(
                text.pick(
                    "Sannolikheten att varje indikator når sitt mål för \(year + 1), eller för det senare år som målet gäller, enligt prognosen; de mest hotade först. Där datasetet inte har något mål för \(year + 1) prövas målet för \(year) igen. Kolumnerna 50, 80 och 90 % är de målvärden som nås med den sannolikheten samma år.",
                    "The probability that each indicator meets its target for \(year + 1), or for the later year the target is set for, by the forecast; those most at risk first. Where the dataset has no target for \(year + 1), the \(year) target is tried again. The columns 50, 80 and 90 % are the target values met with that probability in the same year."
                )))
        let atRisk = outlooks.filter { ($0.likelihood.probability ?? 1) < 0.5 }
        if !atRisk.isEmpty {
            let names = atRisk.map { seriesTitle($0.key) + " (" + text.percent($0.likelihood.probability) + ")" }
            blocks.append(
                .paragraph([
                    .strong(text.pick("Mindre än 50 % sannolikhet:", "Less than 50 % likely:")),
                    .text(" " + names.joined(separator: "; ") + "."),
                ]))
        }
        let columns: [ReportDocument.Column] = [
            .text(text.pick("Mål", "Goal")), .text(text.pick("Indikator", "Indicator")),
            .number(text.pick("År", "Year")),
            .number(text.pick("Målvärde", "Target")), .text(text.pick("Målet", "Target from")),
            .number(text.pick("P(målet nås)", "P(target met)")), .number("50 %"), .number("80 %"), .number("90 %"),
            .text(text.pick("Osäkerhet från", "Uncertainty from")),
        ]
        let rows: [[[ReportDocument.Span]]] = outlooks.map { outlook in
            let value = { (p: Double) -> String in
                text.number(outlook.suggestions.first { $0.probability == p }?.value)
            }
            let source =
                outlook.source == .kept
                ? text.pick("\(year) års mål, behållet", "the \(year) target, kept")
                : text.pick("datasetets mål", "the dataset's target")
            return [
                [.link(outlook.goalID, anchor: outlook.goalID)],
                [.text(seriesTitle(outlook.key))],
                [.text(String(outlook.target.year))],
                [.text(text.target(outlook.target.comparator, outlook.target.value))],
                [.text(source)],
                [probabilitySpan(outlook.likelihood.probability)],
                [.text(value(0.5))], [.text(value(0.8))], [.text(value(0.9))],
                [
                    .text(
                        outlook.likelihood.probability == nil
                            ? (outlook.likelihood.reason ?? "–") : outlook.likelihood.basis.words(language))
                ],
            ]
        }
        blocks.append(.table(ReportDocument.Table(columns: columns, rows: rows)))
        return blocks
    }

    /// Per goal, the probability that every one of its indicators meets its target for
    /// `year`: the product of their P(met), the indicators' outcomes taken as independent
    /// (as ``GoalEvaluation`` simulates them); the goals least likely first. A goal with an
    /// indicator without a probability gets none.
    func goalsNextYear(_ outlooks: [NextYearOutlook], year: Int) -> [ReportDocument.Block] {
        var order: [String] = []
        var byGoal: [String: [NextYearOutlook]] = [:]
        for outlook in outlooks where outlook.target.year == year {
            if byGoal[outlook.goalID] == nil { order.append(outlook.goalID) }
            byGoal[outlook.goalID, default: []].append(outlook)
        }
        let titles = Dictionary(
            analysis.dataset.goals.map { ($0.id, $0.title(language)) }, uniquingKeysWith: { a, _ in a })
        let goals = order.map { id -> (id: String, count: Int, all: Double?) in
            let rows = byGoal[id] ?? []
            let ps = rows.compactMap(\.likelihood.probability)
            return (id, rows.count, ps.count == rows.count ? ps.reduce(1, *) : nil)
        }.enumerated().sorted { a, b in
            let pa = a.element.all ?? .infinity
            let pb = b.element.all ?? .infinity
            return pa != pb ? pa < pb : a.offset < b.offset
        }.map(\.element)
        guard !goals.isEmpty else { return [] }
        let columns: [ReportDocument.Column] = [
            .text(text.pick("Mål", "Goal")), .number(text.pick("Indikatorer", "Indicators")),
            .number(text.pick("P(alla indikatorer når målet \(year))", "P(every indicator meets its \(year) target)")),
        ]
        let rows: [[[ReportDocument.Span]]] = goals.map { goal in
            [
                [.link(goal.id, anchor: goal.id), .text(": " + (titles[goal.id] ?? ""))],
                [.text(String(goal.count))], [probabilitySpan(goal.all)],
            ]
        }
        return [
            Self.paragraph(
                text.pick(
                    "Per mål: sannolikheten att alla dess indikatorer når sina mål för \(year) (indikatorerna räknas som oberoende av varandra).",
                    "Per goal: the probability that all its indicators meet their \(year) targets (the indicators taken as independent of each other)."
                )),
            .table(ReportDocument.Table(columns: columns, rows: rows)),
        ]
    }

    /// A probability in its signal colour: red below 50 %, yellow below 80 %, green above.
    func probabilitySpan(_ p: Double?) -> ReportDocument.Span {
        guard let p, p.isFinite else { return .text("–") }
        let signal: Signal = p < 0.5 ? .red : p < 0.8 ? .yellow : .green
        return .signal(signal, text.percent(p))
    }
}
