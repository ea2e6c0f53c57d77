import Foundation
import PrognosAnalysis
import PrognosModel
import PrognosRender
import PrognosSupport

/// The batch job behind `prognos run`: read and validate a dataset, analyse every
/// series and goal, render the outputs, and write them atomically.
public struct RunJob: Sendable {
    public var language: Language
    /// The year to assess; `nil` for the latest year with an outcome.
    public var year: Int?
    /// The goal rule; nil for the dataset's own (`prognos.goal_rule`, default the report's).
    public var rule: GoalRule?
    /// At most about this many series get their own charts and rows in the report's
    /// series tables (``SeriesSample``); every series is in indicators.csv and summary.json.
    public var detailLimit: Int
    /// Whether comparison entities' series are forecast too (``RunAnalysis``).
    public var forecastComparisons = false
    /// Where Prognos keeps its own next-year forecasts between runs (``ForecastArchive``):
    /// `run` records this run's, and reports how the earlier ones fared. Nil: no archive,
    /// and a run's outputs depend on its inputs alone.
    public var archive: URL? = nil

    public init(
        language: Language = .sv, year: Int? = nil, rule: GoalRule? = nil, detailLimit: Int = SeriesSample.defaultLimit
    ) {
        self.detailLimit = detailLimit
        self.language = language
        self.year = year
        self.rule = rule
    }

    /// Analyses an already validated dataset.
    public func analyze(_ dataset: Dataset) -> RunAnalysis {
        RunAnalysis(
            dataset: dataset, year: year, rule: rule ?? dataset.goalRule, forecastComparisons: forecastComparisons)
    }

    /// The output files of an analysis, by relative path (in memory; `run` streams the
    /// two with a row per series instead).
    public func outputs(of analysis: RunAnalysis) -> [String: String] {
        var files = smallOutputs(of: analysis)
        files["indicators.csv"] = IndicatorsTable.csv(analysis)
        files["summary.json"] = SummaryDocument.json(analysis)
        return files
    }

    /// The outputs whose size does not grow with the number of series.
    func smallOutputs(
        of analysis: RunAnalysis, report: ReportDocument? = nil, ownForecasts: ArchiveAccuracy? = nil
    ) -> [String: String] {
        let document = report ?? self.report(of: analysis, ownForecasts: ownForecasts)
        var files = [
            "goals.csv": GoalsTable.csv(analysis),
            "report.md": MarkdownReport.render(document),
            "accuracy.csv": AccuracyTable.csv(analysis.accuracy + [ownForecasts?.row].compactMap { $0 }),
        ]
        files["forecast_checkpoints.csv"] = CheckpointsTable.csv(analysis.dataset, language: language)
        return files
    }

    /// The report of an analysis (``ReportDocument``), with the charts of the goals' series
    /// and of the sample of the others (``ChartedSeries``).
    public func report(of analysis: RunAnalysis, ownForecasts: ArchiveAccuracy? = nil) -> ReportDocument {
        let charted = ChartedSeries(
            dataset: analysis.dataset, sample: SeriesSample(total: analysis.series.count, limit: detailLimit),
            forecastComparisons: analysis.forecastComparisons)
        return ReportDocument(analysis, language: language, charted: charted.contains, ownForecasts: ownForecasts)
    }

    /// Loads the dataset in `directory` and writes the outputs into `output`.
    ///
    /// - Throws: ``InvalidInput`` when the dataset has problems (nothing is written), or
    ///   ``OutputDirectory/WriteError`` when the output cannot be written (an existing
    ///   output directory is left as it was).
    public func run(
        directory: URL, displayName: String, output: URL, progress: ChartRenderer.Progress? = nil
    ) throws -> RunAnalysisSummary {
        var clock = PhaseClock()
        let dataset = try DatasetLoader.load(directory: directory, displayName: displayName).dataset
        let archive = try self.archive.map { try ForecastArchive(directory: $0) }
        let archived = try archive?.forecasts(dataset: dataset.name) ?? []
        clock.lap("read and validate")
        // Charts are drawn while the series are still being analysed.
        let pipeline = try ChartRenderer.RenderPipeline(
            workers: ProcessInfo.processInfo.activeProcessorCount, progress: progress)
        let language = self.language
        let limit = detailLimit
        let indicators = dataset.indicatorsByID
        let entities = dataset.entitiesByID
        let goalRule = rule ?? dataset.goalRule
        let targeted = ChartedSeries.targeted(dataset)
        let comparisons = forecastComparisons ? [] : ChartedSeries.comparisons(dataset)
        // The analysis takes the dataset over, so that it can let the observations go.
        let analysis = RunAnalysis(
            dataset: consume dataset, year: year, rule: goalRule, forecastComparisons: forecastComparisons
        ) { summary, count in
            guard
                ChartedSeries(
                    targeted: targeted, comparisons: comparisons, sample: SeriesSample(total: count, limit: limit)
                ).contains(summary.key)
            else { return }
            pipeline.submit(
                ChartRenderer.seriesJobs(summary, indicators: indicators, entities: entities, language: language))
        }
        clock.append(analysis.phases)
        pipeline.submit(ChartRenderer.summaryJobs(analysis, language: language))
        let ownForecasts = archive.map { _ in ArchiveAccuracy(forecasts: archived, series: analysis.series) }
        let report = self.report(of: analysis, ownForecasts: ownForecasts)
        var files = smallOutputs(of: analysis, report: report, ownForecasts: ownForecasts).mapValues { Data($0.utf8) }
        clock.lap("goals.csv, report.md, accuracy.csv")
        let charts = ChartRenderer.inChartsDirectory(try pipeline.finish())
        files.merge(charts.files) { a, _ in a }
        clock.lap("charts (the rest, after the analysis)")
        // report.html is rendered while the charts and the small outputs are written (the
        // one is work for a core, the other mostly waiting for the file system).
        let chartsDrawn = charts
        let ready = files
        let written =
            files.keys.filter { !$0.hasPrefix("charts/") } + ["report.html", "indicators.csv", "summary.json"]
        try OutputDirectory.write(to: output, protecting: [directory] + (self.archive.map { [$0] } ?? [])) { staging in
            let (html, others) = concurrently {
                Result { try staging.write("report.html", Data(HTMLReport.render(report, svg: chartsDrawn.svg).utf8)) }
            } _: {
                Result { for (path, data) in ready.sorted(by: { $0.key < $1.key }) { try staging.write(path, data) } }
            }
            try others.get()
            try html.get()
            clock.lap("report.html, beside writing the charts and the small outputs")
            try staging.streamConcurrently([
                ("indicators.csv", { IndicatorsTable.write(analysis, to: &$0) }),
                (
                    "summary.json",
                    { SummaryDocument.write(analysis, to: &$0, threads: ProcessInfo.processInfo.activeProcessorCount) }
                ),
            ])
        }
        clock.lap("write indicators.csv and summary.json (streamed), move the output into place")
        if let archive {
            try archive.record(ArchivedForecast.nextYear(of: analysis, made: Date()))
            clock.lap("record the next-year forecasts in the archive")
        }
        return RunAnalysisSummary(
            goalCount: analysis.goals.filter { !$0.evaluations.isEmpty }.count, seriesCount: analysis.series.count,
            files: written.sorted() + ["charts/ (\(charts.files.count) files)"], phases: clock.phases,
            warnings: charts.warnings)
    }
}

/// What a run produced, for the command line to report.
public struct RunAnalysisSummary: Sendable {
    public var goalCount: Int
    public var seriesCount: Int
    public var files: [String]
    /// Wall-clock time of each step of the run.
    public var phases: [PhaseClock.Phase]
    /// gnuplot's warnings (``ChartRenderer/Charts/warnings``), for the log.
    public var warnings: [String] = []
}
