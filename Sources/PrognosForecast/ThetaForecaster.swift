import Foundation

/// The standard Theta method as Hyndman & Billah (2003) state it and forecast::thetaf
/// computes it: simple exponential smoothing with drift equal to half the OLS slope.
///
/// With SES fitted as ETS(A,N,N) (α and ℓ₀ by least squares, ``ExponentialSmoothing``),
/// b the OLS slope of y on t = 0…n−1 (closed form, ``TrendForecaster/slope(_:)``):
///
///     ŷₙ₊ₕ = ℓₙ + (b/2) · [(h − 1) + (1 − (1 − α)ⁿ)/α],
///
/// with the SES variance σ²[1 + (h − 1)α²] (normal intervals), as thetaf.
public struct ThetaForecaster: Forecaster {
    public var name: String { "theta" }
    public var minimumLength: Int { 3 }

    /// θ of the theta line: the drift is the OLS slope times 1 − 1/θ (2: half the slope,
    /// the standard method, and `auto`'s candidate). As `auto`'s candidate θ = 6 passed the
    /// rule of the four selection sets (sMAPE 0.9958, MASE 0.9932 of θ = 2's) but lost
    /// the published ETS/ARIMA/Theta bar on M3's test part, so it is not used (docs/forecasting.md,
    /// "Four selection sets"; `SelectionSets theta`).
    public var theta: Double

    public init(theta: Double = 2) {
        self.theta = theta
    }

    /// 1 − 1/θ, the share of the OLS slope taken as drift (0.5 exactly at θ = 2).
    var slopeWeight: Double { 1 - 1 / theta }

    public func forecast(_ y: [Double], horizon: Int) -> Forecast? {
        let n = y.count
        guard n >= minimumLength, let ses = ExponentialSmoothing(trend: .none).fit(y) else { return nil }
        let alpha = max(1e-10, ses.alpha)
        let halfSlope = TrendForecaster.slope(y) * slopeWeight
        let offset = (1 - Foundation.pow(1 - alpha, Double(n))) / alpha
        let distributions = (1...max(1, horizon)).map { h -> PredictiveDistribution in
            let mean = ses.level + halfSlope * (Double(h - 1) + offset)
            let sd = (ses.variance * (1 + Double(h - 1) * alpha * alpha)).squareRoot()
            return PredictiveDistribution(location: mean, scale: sd)
        }
        return Forecast(method: name, distributions: Array(distributions.prefix(horizon)), intervalSource: .analytic)
    }
}
