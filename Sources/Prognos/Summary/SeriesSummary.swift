/// The descriptive figures of one series, and how it fares against its target.
///
/// Fills the first columns of `indicators.csv`: number of outcomes, the latest outcome
/// and the one before it, the change between them, the OLS slope per year over all
/// outcomes (with its standard error and two-sided p-value from three outcomes on), and
/// the target with its
/// ``TargetEvaluation``.
public struct SeriesSummary: Sendable, Equatable {
    public let key: SeriesKey
    public let points: [SeriesPoint]
    public let trend: LinearTrend?
    /// The target that applies in the assessed year, if the series has one.
    public let evaluation: TargetEvaluation?

    public var last: SeriesPoint? { points.last }
    public var previous: SeriesPoint? { points.count >= 2 ? points[points.count - 2] : nil }

    /// Latest outcome minus the one before it.
    public var change: Double? {
        guard let last, let previous else { return nil }
        return last.value - previous.value
    }

    public init(key: SeriesKey, points: [SeriesPoint], targets: [Target], year: Int) {
        self.key = key
        self.points = points
        self.trend = LinearTrend(years: points.map(\.year), values: points.map(\.value))
        let own = targets.filter {
            key.gender == .total && $0.entityID == key.entityID && $0.indicatorID == key.indicatorID
        }
        if let chosen = TargetSelection.year(among: own.map(\.year), preferring: year),
            let target = own.first(where: { $0.year == chosen })
        {
            evaluation = TargetEvaluation(target: target, points: points)
        } else {
            evaluation = nil
        }
    }
}
