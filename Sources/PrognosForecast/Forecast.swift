/// Where a forecast's intervals come from.
public enum IntervalSource: String, Sendable, Codable {
    /// The method's own formula (OLS prediction intervals; ETS class-1 variances).
    case analytic
    /// The spread of the method's own errors at rolling origins inside the series, per horizon.
    case crossValidation = "cross_validation"
}

/// Forecasts of a series for horizons 1…H: a predictive distribution per horizon.
public struct Forecast: Sendable, Equatable {
    public var method: String
    public var distributions: [PredictiveDistribution]
    public var intervalSource: IntervalSource

    public init(method: String, distributions: [PredictiveDistribution], intervalSource: IntervalSource) {
        self.method = method
        self.distributions = distributions
        self.intervalSource = intervalSource
    }

    public var horizon: Int { distributions.count }
    /// The point forecasts (medians within the bounds).
    public var points: [Double] { distributions.map(\.point) }

    /// The same forecast censored at bounds (a non-negative or bounded indicator).
    public func bounded(lower: Double?, upper: Double?) -> Forecast {
        var forecast = self
        forecast.bound(lower: lower, upper: upper)
        return forecast
    }

    /// Censors this forecast at bounds, in place.
    public mutating func bound(lower: Double?, upper: Double?) {
        for h in distributions.indices { distributions[h] = distributions[h].bounded(lower: lower, upper: upper) }
    }
}

/// A forecasting method: fits one series (equally spaced, oldest first, no gaps) and
/// forecasts it.
public protocol Forecaster: Sendable {
    /// The method's code (`naive`, `theta`, …).
    var name: String { get }
    /// The fewest observations the method needs.
    var minimumLength: Int { get }
    /// Forecasts for horizons 1…`horizon`, or nil when the series is too short or the fit fails.
    func forecast(_ series: [Double], horizon: Int) -> Forecast?
    /// Appends the point forecasts from every origin in `origins` from one fit, as
    /// ``RollingOriginForecasting`` describes; returns false, having appended nothing,
    /// where the method cannot (the default) or its fit fails, and the caller refits at
    /// every origin. A requirement here, not only in ``RollingOriginForecasting``, so that
    /// `auto` reaches it by a direct call: a cast of a candidate to that protocol looked its
    /// conformance up in the runtime's cache for every series, and boxed on the heap any
    /// method larger than an existential's three words.
    func appendRollingOriginPoints(
        _ y: [Double], origins: Range<Int>, horizon: Int, fittedLength: Int, to points: inout [Double]
    ) -> Bool
}

extension Forecaster {
    /// A method without forecasts from one fit: refitted at every origin.
    public func appendRollingOriginPoints(
        _ y: [Double], origins: Range<Int>, horizon: Int, fittedLength: Int, to points: inout [Double]
    ) -> Bool {
        false
    }
}

extension Forecaster {
    /// Point forecasts only.
    func points(_ series: [Double], horizon: Int) -> [Double]? {
        forecast(series, horizon: horizon)?.points
    }
}
