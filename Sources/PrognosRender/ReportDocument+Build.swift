import PrognosAnalysis
import PrognosModel

extension ReportDocument {
    /// The report of a run, in the order a reader asks its questions: what is at risk next
    /// year, how the goals fared in the assessed year, how far the forecasts can be trusted,
    /// which targets are realistic, the other series, and the budget with the organisation's
    /// own forecasts.
    ///
    /// - Parameters:
    ///   - charted: whether a series has its own charts (``RunJob`` draws them for the
    ///     series of goals and for the sample of the others); only those are shown.
    ///   - ownForecasts: how Prognos's archived forecasts fared (`run --archive`), if any.
    public init(
        _ analysis: RunAnalysis, language: Language, charted: @escaping (SeriesKey) -> Bool = { _ in true },
        ownForecasts: ArchiveAccuracy? = nil
    ) {
        var builder = ReportBuilder(analysis: analysis, text: ReportText(language: language), charted: charted)
        builder.ownForecasts = ownForecasts
        let dataset = analysis.dataset
        let name = dataset.title(language)
        let year = analysis.year.map { " \($0)" } ?? ""
        self.init(
            language: language,
            title: builder.text.pick("Måluppföljning", "Goal follow-up") + year + ": " + name,
            blocks: builder.build())
    }
}

/// Builds the blocks of a ``ReportDocument``, section by section (one file per section).
struct ReportBuilder {
    let analysis: RunAnalysis
    let text: ReportText
    let charted: (SeriesKey) -> Bool
    let indicators: [String: Indicator]
    let entities: [String: Entity]
    /// The series of the goals' targets, by key (looked up once, not per goal).
    let goalSeries: [SeriesKey: SeriesSummary]
    /// How Prognos's archived forecasts fared, when the run keeps an archive.
    var ownForecasts: ArchiveAccuracy? = nil

    init(analysis: RunAnalysis, text: ReportText, charted: @escaping (SeriesKey) -> Bool) {
        self.analysis = analysis
        self.text = text
        self.charted = charted
        indicators = analysis.dataset.indicatorsByID
        entities = analysis.dataset.entitiesByID
        goalSeries = analysis.goalSeriesByKey()
    }

    var language: Language { text.language }

    func build() -> [ReportDocument.Block] {
        var blocks: [ReportDocument.Block] = []
        blocks += nextYearSection()
        blocks += summarySection()
        blocks += goalSections()
        blocks += accuracySection()
        blocks += calibrationSection()
        blocks += suggestionSection()
        blocks += otherSeriesSection()
        blocks += budgetSection()
        blocks += ownForecastSection()
        blocks.append(.rule)
        blocks.append(
            .paragraph([
                .text(
                    text.pick(
                        "Skapad av Prognos från datasetet \(analysis.dataset.name). Status per indikator: uppfyllt när senaste utfallet (ett preliminärt räknas) når målet, förbättring när det inte gör det men är bättre än året före, annars ej uppfyllt.",
                        "Made by Prognos from the dataset \(analysis.dataset.name). Indicator status: met when the latest outcome (a preliminary one counts) meets the target, improving when it does not but is better than the year before, otherwise not met."
                    ))
            ]))
        return blocks
    }

    static func heading(_ level: Int, _ text: String, anchor: String? = nil) -> ReportDocument.Block {
        .heading(ReportDocument.Heading(level: level, text: text, anchor: anchor))
    }

    static func paragraph(_ text: String) -> ReportDocument.Block { .paragraph([.text(text)]) }

    /// The goals assessed in the run (those with at least one target).
    var assessedGoals: [GoalEvaluation] { analysis.goals.filter { !$0.evaluations.isEmpty } }

    /// All goals with their signal colours and probabilities, for the assessed year.
    func summarySection() -> [ReportDocument.Block] {
        let assessed = assessedGoals
        guard !assessed.isEmpty else { return [] }
        var counts: [String] = []
        for assessment in Assessment.allCases {
            let n = assessed.filter { $0.assessment == assessment }.count
            if n > 0 { counts.append("\(n) \(assessment.label(language).lowercased())") }
        }
        let year = analysis.year.map { " \($0)" } ?? ""
        var blocks = [Self.heading(2, text.pick("Sammanfattning", "Summary") + year)]
        blocks.append(
            Self.paragraph(
                text.pick("\(assessed.count) mål med indikatorer: ", "\(assessed.count) goals with indicators: ")
                    + counts.joined(separator: ", ") + "."))
        let columns: [ReportDocument.Column] = [
            .text(text.pick("Mål", "Goal")), .text(text.pick("Bedömning", "Assessment")),
            .text(text.pick("Rapporterad bedömning", "Reported assessment")),
            .number(text.pick("Indikatorer", "Indicators")),
            .number(text.pick("Uppfyllda", "Met")), .number(text.pick("P(helt uppfyllt)", "P(fully met)")),
            .number(text.pick("P(minst delvis)", "P(at least partly)")),
        ]
        let rows: [[[ReportDocument.Span]]] = assessed.map { evaluation in
            [
                [.link(evaluation.goal.id, anchor: evaluation.goal.id), .text(": " + evaluation.goal.title(language))],
                [.signal(evaluation.assessment.signal, evaluation.assessment.label(language))],
                [.text(evaluation.goal.reportedAssessment.map { $0.label(language) } ?? "–")],
                [.text(String(evaluation.evaluations.count))], [.text(String(evaluation.metCount))],
                [.text(text.percent(evaluation.probabilityFullyMet))],
                [.text(text.percent(evaluation.probabilityAtLeastPartlyMet))],
            ]
        }
        blocks.append(.table(ReportDocument.Table(columns: columns, rows: rows)))
        return blocks
    }

    /// An indicator's title in the report's language, with its gender when not the total.
    func seriesTitle(_ key: SeriesKey) -> String {
        var title = indicators[key.indicatorID]?.title(language) ?? key.indicatorID
        if key.gender != .total { title += " (" + MarkdownReport.genderLabel(key.gender, text).lowercased() + ")" }
        return title
    }

    func entityName(_ id: String) -> String { entities[id]?.name(language) ?? id }
}
