import Foundation

/// A method applied to the logarithm of a positive series, its forecasts mapped back by
/// exp: constant growth rates instead of constant increments. The back-transformed
/// distribution is log-normal-like; the point forecast is the median exp(μ), and
/// quantiles map exactly (exp is monotone). The location-scale form is kept by a
/// first-order (delta-method) scale exp(μ)·σ, so intervals are approximate.
///
/// Series with a value ≤ 0 are not transformed: the inner method forecasts them as they are.
public struct LogTransformed: Forecaster {
    public let inner: any Forecaster
    public var name: String { "log_" + inner.name }
    public var minimumLength: Int { inner.minimumLength }

    public init(_ inner: any Forecaster) {
        self.inner = inner
    }

    public func forecast(_ y: [Double], horizon: Int) -> Forecast? {
        guard y.allSatisfy({ $0 > 0 }) else { return inner.forecast(y, horizon: horizon) }
        guard let inside = inner.forecast(y.map { Foundation.log($0) }, horizon: horizon) else { return nil }
        let distributions = inside.distributions.map { d -> PredictiveDistribution in
            let median = Foundation.exp(d.location)
            return PredictiveDistribution(location: median, scale: median * d.scale, shape: d.shape)
        }
        return Forecast(method: name, distributions: distributions, intervalSource: inside.intervalSource)
    }
}
