/// Everything the batch job computes from a dataset, before it is rendered.
public struct RunAnalysis: Sendable {
    public let dataset: Dataset
    /// The year assessed: targets of this year are judged (default: the latest year with an outcome).
    public let year: Int?
    /// One summary per series of the dataset's panel, in panel order.
    public let series: [SeriesSummary]
    /// One evaluation per goal, in the order of `goals.csv`.
    public let goals: [GoalEvaluation]

    /// - Parameter method: the forecasting method for each series' next year (`auto` by default).
    public init(dataset: Dataset, year: Int? = nil, rule: GoalRule = .report, method: (any Forecaster)? = AutoForecaster()) {
        self.dataset = dataset
        let indicators = dataset.indicatorsByID
        let assessedYear = year ?? dataset.latestObservedYear ?? dataset.targets.map(\.year).min()
        self.year = assessedYear
        let panel = Panel(dataset: dataset)
        let pools = UncertaintyPools(dataset: dataset)
        var pointsByKey: [SeriesKey: [SeriesPoint]] = [:]
        var series: [SeriesSummary] = []
        series.reserveCapacity(panel.keys.count)
        for (row, key) in panel.keys.enumerated() {
            let points = panel.points(row: row)
            pointsByKey[key] = points
            series.append(
                SeriesSummary(
                    key: key, points: points, targets: dataset.targets, year: assessedYear ?? 0,
                    indicator: indicators[key.indicatorID], method: method, pools: pools))
        }
        self.series = series
        self.goals = dataset.goals.map { goal in
            GoalEvaluation(
                goal: goal, targets: dataset.targets, year: assessedYear ?? 0,
                series: { pointsByKey[$0] ?? [] },
                likelihood: { target in
                    method.map { method in
                        let key = SeriesKey(entityID: target.entityID, indicatorID: target.indicatorID)
                        return TargetLikelihood.make(
                            target: target, points: pointsByKey[key] ?? [], indicator: indicators[target.indicatorID],
                            key: key, pools: pools, method: method)
                    }
                }, rule: rule)
        }
    }
}
