import Foundation

/// The predictive distribution of a series' value in a future year, and where its
/// uncertainty comes from.
///
/// - Location: `auto` on the latest run of consecutive years when it has at least three
///   values; with two, the last value plus half the last change per year (Theta's half
///   slope); with one, the last value.
/// - Scale: with n values in that run and the method's own scale s_own (none below three),
///   σ² = w s_own² + (1 − w) σ²_pool h with w = (n − 1)/(n + 3): the pool
///   (``UncertaintyPools``) dominates for 2–4 values and fades as the series lengthens.
///   From eight values on, the series' own uncertainty is used alone.
/// - Censored at the indicator's bounds; normal unless the method's is Student t.
///
/// `source` is `own`, or the pool's label (`pooled:indicator=…`, `pooled:unit=…`) when the
/// pool carries weight. Nil when there is no value at all, or no own scale and no pool.
public struct Outlook: Sendable {
    public let distribution: PredictiveDistribution
    public let source: String
    public let method: String
    public let year: Int
    /// The distribution's central 80 % and 95 % intervals, computed once with it (each is
    /// two quantiles, an iterative inversion for Student t) rather than by every output
    /// that prints them.
    public let interval80: (lower: Double, upper: Double)
    public let interval95: (lower: Double, upper: Double)

    public init(distribution: PredictiveDistribution, source: String, method: String, year: Int) {
        self.distribution = distribution
        self.source = source
        self.method = method
        self.year = year
        interval80 = distribution.interval(0.8)
        interval95 = distribution.interval(0.95)
    }

    public static func make(
        points: [SeriesPoint], year: Int, indicator: Indicator?, key: SeriesKey, pools: UncertaintyPools,
        method: any Forecaster
    ) -> Outlook? {
        guard let last = points.last, year > last.year else { return nil }
        let run = SeriesSummary.latestConsecutiveRun(points)
        let n = run.count
        let h = year - last.year
        var location = last.value
        var ownScale: Double? = nil
        var shape = PredictiveDistribution.Shape.normal
        var methodName = "naive"
        if n >= 3, let forecast = method.forecast(run, horizon: h), let d = forecast.distributions.last {
            location = d.location
            ownScale = d.scale
            shape = d.shape
            methodName = forecast.method
        } else if n == 2 {
            location = last.value + 0.5 * (run[1] - run[0]) * Double(h)
            methodName = "half_drift"
        }
        let weight = n >= 8 ? 1 : Double(n - 1) / Double(n + 3)
        let pooled = pools.scale(for: key)
        var variance: Double
        var source: String
        switch (ownScale, pooled) {
        case let (own?, pool?) where weight < 1:
            variance = weight * own * own + (1 - weight) * pool.sigma * pool.sigma * Double(h)
            source = pool.label
        case let (own?, _):
            variance = own * own
            source = "own"
        case let (nil, pool?):
            variance = pool.sigma * pool.sigma * Double(h)
            source = pool.label
        case (nil, nil):
            return nil
        }
        if !(variance > 0) { variance = 0 }
        let distribution = PredictiveDistribution(
            location: location, scale: variance.squareRoot(), shape: shape, lowerBound: indicator?.lowerBound,
            upperBound: indicator?.upperBound)
        return Outlook(distribution: distribution, source: source, method: methodName, year: year)
    }
}
