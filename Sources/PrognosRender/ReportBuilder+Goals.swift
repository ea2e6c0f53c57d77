import PrognosAnalysis
import PrognosModel

extension ReportBuilder {
    /// A section per goal (under its parent goal's heading): its assessment, a row per
    /// indicator for the assessed year, and the charts of the goal and its indicators.
    func goalSections() -> [ReportDocument.Block] {
        let goalsByID = Dictionary(analysis.dataset.goals.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var blocks: [ReportDocument.Block] = []
        var lastParent: String? = nil
        for evaluation in assessedGoals {
            if let parentID = evaluation.goal.parentGoal, parentID != lastParent, let parent = goalsByID[parentID] {
                blocks.append(Self.heading(2, parent.id + ": " + parent.title(language)))
                lastParent = parentID
            }
            blocks.append(
                Self.heading(3, evaluation.goal.id + ": " + evaluation.goal.title(language), anchor: evaluation.goal.id)
            )
            var assessment: [ReportDocument.Span] = [
                .text(text.pick("Bedömning", "Assessment") + ": "),
                .signal(evaluation.assessment.signal, evaluation.assessment.label(language)),
            ]
            if let reported = evaluation.goal.reportedAssessment {
                assessment.append(
                    .text(" (" + text.pick("rapporterad", "reported") + ": " + reported.label(language) + ")"))
            }
            blocks.append(.paragraph(assessment))
            blocks.append(.table(indicatorTable(evaluation)))
            var figures = [
                ReportDocument.Figure(
                    chart: ChartNames.goalChartName(evaluation.goal.id),
                    caption: text.pick("Målets indikatorer", "The goal's indicators") + " (" + evaluation.goal.id + ")")
            ]
            for target in evaluation.evaluations {
                let key = SeriesKey(entityID: target.target.entityID, indicatorID: target.target.indicatorID)
                guard charted(key) else { continue }
                figures += seriesFigures(key)
            }
            blocks.append(.figures(figures))
        }
        return blocks
    }

    /// A series' history chart and its probability curve.
    func seriesFigures(_ key: SeriesKey) -> [ReportDocument.Figure] {
        let base = ChartScripts.baseName(key)
        let title = seriesTitle(key)
        return [
            ReportDocument.Figure(chart: base, caption: title),
            ReportDocument.Figure(
                chart: base + "__probability",
                caption: text.pick("Sannolikhet att nå målet: ", "Probability of meeting the target: ") + title),
        ]
    }

    /// The goal's indicators in the assessed year: target, outcome, the year before, status,
    /// P(met) and where its uncertainty comes from.
    func indicatorTable(_ evaluation: GoalEvaluation) -> ReportDocument.Table {
        let year = evaluation.year.map { " \($0)" } ?? ""
        let columns: [ReportDocument.Column] = [
            .text(text.pick("Indikator", "Indicator")), .number(text.pick("Mål", "Target") + year),
            .number(text.pick("Utfall", "Outcome")), .number(text.pick("Föregående", "Previous")),
            .text(text.pick("Status", "Status")), .number(text.pick("P(målet nås)", "P(target met)")),
            .text(text.pick("Osäkerhet från", "Uncertainty from")),
        ]
        // The comparison beside each indicator (a stated average, or its comparison group's).
        let comparisons = evaluation.evaluations.map { target in
            goalSeries[SeriesKey(entityID: target.target.entityID, indicatorID: target.target.indicatorID)]?.comparison
        }
        let compared = comparisons.contains { $0?.points.isEmpty == false }
        var rows: [[[ReportDocument.Span]]] = []
        for (target, comparison) in zip(evaluation.evaluations, comparisons) {
            let key = SeriesKey(entityID: target.target.entityID, indicatorID: target.target.indicatorID)
            var status = target.status.label(language)
            switch target.basis {
            case .latestBeforeTargetYear:
                status += text.pick(" (inget utfall för målåret)", " (no outcome for the target year)")
            case .forecast: status += text.pick(" enligt prognosen", " by the forecast")
            case .targetYearOutcome, .none: break
            }
            let previous = target.previousOutcome.flatMap { value in
                target.previousYear.map { text.number(value) + " (\($0))" }
            }
            rows.append(
                [
                    [.text(seriesTitle(key))],
                    [.text(text.target(target.target.comparator, target.target.value))],
                    [.text(outcomeText(target))],
                    [.text(previous ?? "–")],
                    [.signal(target.status.signal, status)],
                    [.text(text.percent(target.likelihood?.probability))],
                    [.text(target.likelihood.map { $0.basis.words(language) } ?? "–")],
                ] + (compared ? [[.text(comparisonText(comparison))]] : []))
        }
        return ReportDocument.Table(
            columns: columns + (compared ? [.text(text.pick("Jämförelse", "Comparison"))] : []), rows: rows)
    }

    /// A comparison's latest value with its year and name: "3 (2023, Genomsnittet …)".
    func comparisonText(_ comparison: ComparisonGroups.Comparison?) -> String {
        guard let comparison, let last = comparison.points.last else { return "–" }
        return text.number(last.mean) + " (\(last.year), " + comparison.title + ")"
    }

    /// The judged outcome with its year: "≈ 96 (prognos 2023)" when the forecast stands in,
    /// "73 (2023, preliminärt)" for a preliminary outcome.
    func outcomeText(_ target: TargetEvaluation) -> String {
        guard let value = target.outcome else { return "–" }
        if target.basis == .forecast {
            return "≈ " + text.number(value) + " (" + text.pick("prognos", "forecast") + " \(target.target.year))"
        }
        guard let year = target.outcomeYear else { return text.number(value) }
        if target.outcomeIsPreliminary {
            return text.number(value) + " (\(year), " + text.pick("preliminärt", "preliminary") + ")"
        }
        return text.number(value) + " (\(year))"
    }
}
