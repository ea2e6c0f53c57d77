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
    /// The forecast for the year after the last outcome, from the latest run of
    /// consecutive years, censored at the indicator's bounds; nil when that run is too
    /// short for the method.
    public let forecast: Forecast?
    public var forecastYear: Int? { forecast == nil ? nil : last.map { $0.year + 1 } }

    public var last: SeriesPoint? { points.last }
    public var previous: SeriesPoint? { points.count >= 2 ? points[points.count - 2] : nil }

    /// Latest outcome minus the one before it.
    public var change: Double? {
        guard let last, let previous else { return nil }
        return last.value - previous.value
    }

    public init(
        key: SeriesKey, points: [SeriesPoint], targets: [Target], year: Int, indicator: Indicator? = nil,
        method: (any Forecaster)? = nil
    ) {
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
        if let method {
            let consecutive = Self.latestConsecutiveRun(points)
            forecast = method.forecast(consecutive, horizon: 1)?.bounded(
                lower: indicator?.lowerBound, upper: indicator?.upperBound)
        } else {
            forecast = nil
        }
    }

    /// The values of the latest run of consecutive years, oldest first.
    static func latestConsecutiveRun(_ points: [SeriesPoint]) -> [Double] {
        guard let last = points.last else { return [] }
        var values = [last.value]
        var year = last.year
        for point in points.dropLast().reversed() {
            guard point.year == year - 1 else { break }
            values.insert(point.value, at: 0)
            year = point.year
        }
        return values
    }
}
