import Foundation
import PrognosForecast
import PrognosLinear
import PrognosModel
import PrognosSupport

/// Everything the batch job computes from a dataset, before it is rendered.
public struct RunAnalysis: Sendable {
    /// The dataset analysed, without its observations: once the panel is built they are
    /// let go (a country's worth is gigabytes); each series' outcomes are its summary's
    /// `points`.
    public let dataset: Dataset
    /// The year assessed: targets of this year are judged (default: the latest year with an outcome).
    public let year: Int?
    /// One summary per series of the dataset's panel, in panel order.
    public let series: [SeriesSummary]
    /// One evaluation per goal, in the order of `goals.csv`.
    public let goals: [GoalEvaluation]
    /// How accurate one-year-ahead forecasts were on the dataset's own series: `auto`
    /// against `naive` at the last three origins of every series long enough (rows `all`),
    /// or of a deterministic sample of `accuracySample` of them (``SeriesSample``) when
    /// there are more.
    public let accuracy: [AccuracyTable.Row]
    /// How well the run's probabilities held one year ahead on the dataset's own series
    /// (nil without a method, or without a series of three consecutive values).
    public let calibration: RunCalibration?
    /// The targets each goal's indicators face after the assessed year, most at risk
    /// first (empty without a method or an assessed year).
    public let nextYear: [NextYearOutlook]
    /// Whether comparison entities' series were forecast as entities of their own.
    public let forecastComparisons: Bool
    /// Wall-clock time of each step (panel, series, accuracy, goals).
    public let phases: [PhaseClock.Phase]
    /// The index in `series` of each series a goal's target is on.
    let goalSeriesRows: [SeriesKey: Int]

    /// - Parameter method: the forecasting method for each series' next year (`auto` by default).
    /// - Parameter accuracySample: how many series the accuracy backtest uses at most (about).
    /// - Parameter onSeries: called with each series summary and the number of series in
    ///   all, as soon as the summary is computed (on a worker thread), so that rendering can
    ///   start while the rest is computed.
    /// - Parameter forecastComparisons: whether the series of comparison entities (kind
    ///   `comparison`) get forecasts and suggested targets of their own; by default they
    ///   are only shown beside the other entities' series.
    public init(
        dataset: consuming Dataset, year: Int? = nil, rule: GoalRule = .report,
        method: (any Forecaster)? = AutoForecaster(),
        accuracySample: Int = SeriesSample.defaultLimit, forecastComparisons: Bool = false,
        onSeries: (@Sendable (SeriesSummary, _ seriesCount: Int) -> Void)? = nil
    ) {
        // A var of its own: what was passed in is moved here, so that clearing its
        // observations below frees them (when the caller passed it with `consume`).
        var dataset = dataset
        var clock = PhaseClock()
        let indicators = dataset.indicatorsByID
        let assessedYear = year ?? dataset.latestObservedYear ?? dataset.targets.map(\.year).min()
        self.year = assessedYear
        let (panel, comparisons, targetsByKey, outlooks, evaluation) = Self.prepare(
            dataset, method: method, accuracySample: accuracySample)
        // The observations are no longer needed: the panel, the pools and the sample have
        // what the rest takes from them.
        dataset.observations = []
        clock.lap("analysis: panel, short series' pooled backtest and accuracy sample, targets by series")
        let kept = dataset
        self.dataset = kept
        // Series are independent: summarise them on all cores, each straight into its
        // place in the array. Each summary holds its series' points; nothing else keeps a
        // copy of them.
        let keys = panel.keys
        let summaryYear = assessedYear ?? 0
        self.forecastComparisons = forecastComparisons
        let unforecast = forecastComparisons ? [] : Set(kept.entities.filter { $0.kind == .comparison }.map(\.id))
        // Every series' straight-line trend at once: the complete series of the panel
        // through one least-squares operator, those with gaps one by one.
        let trends = BatchedTrendFit(
            values: panel.values, years: panel.years, threads: ProcessInfo.processInfo.activeProcessorCount)
        let series = parallelArray(count: keys.count, threads: ProcessInfo.processInfo.activeProcessorCount) { index in
            let key = keys[index]
            let points = panel.points(row: index)
            let summary = SeriesSummary(
                key: key, points: points,
                trend: LinearTrend(
                    batch: trends, row: index, yearTotal: points.reduce(0) { $0 + $1.year },
                    values: points.map(\.value)),
                targets: key.gender == .total ? targetsByKey[key] ?? [] : [], year: summaryYear,
                indicator: indicators[key.indicatorID], method: unforecast.contains(key.entityID) ? nil : method,
                panel: outlooks, row: index,
                comparison: comparisons.isEmpty ? nil : comparisons.comparison(for: key))
            onSeries?(summary, keys.count)
            return summary
        }
        self.series = series
        clock.lap("analysis: series (forecasts, likelihoods, targets)")
        var accuracy: [AccuracyTable.Row] = []
        if let method {
            for candidate in [method, RandomWalk(drift: false) as any Forecaster] {
                let results = Backtest.run(
                    method: candidate, series: evaluation, holdout: 1, origins: 3,
                    threads: ProcessInfo.processInfo.activeProcessorCount)
                if let all = AccuracyTable.rows(method: candidate.name, series: results).last { accuracy.append(all) }
            }
        }
        self.accuracy = accuracy
        calibration = method.flatMap { method in
            RunCalibration(
                summaries: series, indicators: indicators, method: PanelAuto.forRun(method), limit: accuracySample,
                threads: ProcessInfo.processInfo.activeProcessorCount)
        }
        clock.lap("analysis: accuracy and calibration backtests")
        // Summaries are found through the panel's row of their key (series are in panel order).
        @Sendable func summary(_ key: SeriesKey) -> SeriesSummary? {
            panel.row(of: key).flatMap { $0 < series.count ? series[$0] : nil }
        }
        let targetsByGoal = Dictionary(grouping: kept.targets, by: \.goalID)
        // Goals are independent (each simulation is seeded from its goal's id): on all cores.
        let goals = kept.goals
        self.goals = parallelArray(
            count: goals.count, threads: ProcessInfo.processInfo.activeProcessorCount, blockSize: 4
        ) { index in
            let goal = goals[index]
            return GoalEvaluation(
                goal: goal, targets: targetsByGoal[goal.id] ?? [], year: assessedYear ?? 0,
                series: { summary($0)?.points ?? [] },
                likelihood: { target in
                    method.map { method in
                        let key = SeriesKey(entityID: target.entityID, indicatorID: target.indicatorID)
                        // The series summary already judged this target (same year, value
                        // and comparator give the same likelihood, whatever the goal).
                        if let judged = summary(key)?.evaluation, let likelihood = judged.likelihood,
                            judged.target.year == target.year, judged.target.value == target.value,
                            judged.target.comparator == target.comparator
                        {
                            return likelihood
                        }
                        return TargetLikelihood.make(
                            target: target, points: summary(key)?.points ?? [],
                            indicator: indicators[target.indicatorID],
                            row: panel.row(of: key), panel: outlooks, method: method)
                    }
                }, rule: rule)
        }
        // The rows of the series the goals' targets are on (``goalSeriesByKey()``).
        var goalRows: [SeriesKey: Int] = [:]
        for evaluation in self.goals {
            for target in evaluation.evaluations {
                let key = SeriesKey(entityID: target.target.entityID, indicatorID: target.target.indicatorID)
                if let row = panel.row(of: key), row < series.count { goalRows[key] = row }
            }
        }
        self.goalSeriesRows = goalRows
        var nextYear: [NextYearOutlook] = []
        if let method, let assessedYear {
            for evaluation in self.goals {
                for judged in evaluation.evaluations {
                    let key = SeriesKey(entityID: judged.target.entityID, indicatorID: judged.target.indicatorID)
                    nextYear += NextYearOutlook.make(
                        judged: judged.target, year: max(assessedYear, judged.target.year),
                        targets: targetsByGoal[evaluation.goal.id] ?? [],
                        points: summary(key)?.points ?? [], indicator: indicators[key.indicatorID],
                        row: panel.row(of: key),
                        panel: outlooks, method: method, outlook: summary(key)?.outlook)
                }
            }
        }
        self.nextYear = NextYearOutlook.ordered(nextYear)
        clock.lap("analysis: goals")
        self.phases = clock.phases
    }

    /// What every series' summary draws on, computed two at a time: the panel, and beside
    /// it each series' targets; then the comparison groups (from the panel), and the short
    /// series' pooled backtest (``PanelOutlooks``) beside the accuracy backtest's sample. A
    /// function of its own, so that nothing holds the dataset's observations once it returns.
    private static func prepare(
        _ dataset: Dataset, method: (any Forecaster)?, accuracySample: Int
    ) -> (Panel, ComparisonGroups, [SeriesKey: [Target]], PanelOutlooks?, [Backtest.EvaluationSeries]) {
        // The panel, and beside it the targets by series (a scan of all targets per series
        // would be quadratic in a country's worth of series; sized once for a series each,
        // as `Dictionary(grouping:)` grows by rehashing).
        let (panel, targetsByKey) = concurrently {
            Panel(dataset: dataset)
        } _: {
            var byKey = [SeriesKey: [Target]](minimumCapacity: dataset.targets.count)
            for target in dataset.targets {
                byKey[SeriesKey(entityID: target.entityID, indicatorID: target.indicatorID), default: []].append(target)
            }
            return byKey
        }
        let comparisons = ComparisonGroups(dataset: dataset, panel: panel)
        // Then the short series' pooled backtest, as far ahead as any target lies, beside
        // the accuracy backtest's sample, which is gathered now, while the observations are
        // here: series with five outcomes or more, counted on the panel; only those in the
        // sample are gathered.
        let furthest = dataset.targets.map(\.year).max()
        let (outlooks, evaluation) = concurrently { () -> PanelOutlooks? in
            guard let method else { return nil }
            return PanelOutlooks(
                panel: panel, indicators: dataset.indicatorsByID, until: furthest, method: PanelAuto.forRun(method),
                peers: comparisons.isEmpty
                    ? nil
                    : { key in
                        comparisons.group(for: SeriesKey(entityID: key.entityID, indicatorID: key.indicatorID))?.others
                    },
                threads: ProcessInfo.processInfo.activeProcessorCount)
        } _: { () -> [Backtest.EvaluationSeries] in
            guard method != nil else { return [] }
            let width = panel.years.count
            func outcomes(_ row: Int) -> Int {
                var count = 0
                for offset in 0..<width where !panel.values[row * width + offset].isNaN { count += 1 }
                return count
            }
            var longCount = 0
            for (row, key) in panel.keys.enumerated() where key.gender == .total && outcomes(row) >= 5 {
                longCount += 1
            }
            let sample = SeriesSample(total: longCount, limit: accuracySample)
            return Backtest.series(of: dataset) { key in
                sample.contains(key) && panel.row(of: key).map { outcomes($0) >= 5 } == true
            }.filter { $0.values.count >= 5 }
        }
        return (panel, comparisons, targetsByKey, outlooks, evaluation)
    }
}

extension RunAnalysis {
    /// The summaries of the series the goals' targets are on, by key: a few per goal, found
    /// by their rows (a dictionary of every summary would copy perhaps a million of them).
    public func goalSeriesByKey() -> [SeriesKey: SeriesSummary] {
        goalSeriesRows.mapValues { series[$0] }
    }
}
