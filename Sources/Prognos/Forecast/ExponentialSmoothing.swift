import Foundation

/// Additive-error exponential smoothing without seasonality: ETS(A,N,N) (simple
/// exponential smoothing), ETS(A,A,N) (Holt's linear trend) and ETS(A,Ad,N) (damped
/// trend), in the state-space form of Hyndman, Koehler, Ord & Snyder (2008):
///
///     ŷₜ = ℓₜ₋₁ + φ bₜ₋₁,   eₜ = yₜ − ŷₜ,
///     ℓₜ = ℓₜ₋₁ + φ bₜ₋₁ + α eₜ,   bₜ = φ bₜ₋₁ + β eₜ      (φ = 1 undamped, b ≡ 0 for N).
///
/// Parameters (α, β, φ) and initial states (ℓ₀, b₀) maximise the Gaussian likelihood,
/// which for additive errors is minimising the sum of squared one-step errors. The
/// optimiser is ``NelderMead`` over a box: α ∈ [10⁻⁴, 0.9999], β = α·β* with
/// β* ∈ [10⁻⁴, 0.9999] (so 0 < β < α), φ ∈ [0.8, 0.98], ℓ₀ and b₀ within the data's range
/// of their heuristic start (forecast::ets's `initstate`: a regression on the first
/// ten observations). Starts: α = 0.2, β* = 0.5, φ = 0.978.
///
/// Forecast: ŷₙ₊ₕ = ℓₙ + (φ + … + φʰ) bₙ, with the class-1 variance
/// vₕ = σ² [1 + Σⱼ₌₁ʰ⁻¹ cⱼ²], cⱼ = α + β (φ + … + φʲ), σ² = SSE / (n − k) with k the number
/// of estimated parameters and states plus one (as forecast::ets). Intervals are normal.
public struct ExponentialSmoothing: Forecaster {
    public enum Trend: String, Sendable {
        case none
        case additive
        case damped
    }

    public let trend: Trend
    public var name: String {
        switch trend {
        case .none: return "ses"
        case .additive: return "holt"
        case .damped: return "damped"
        }
    }

    public var minimumLength: Int {
        switch trend {
        case .none: return 3
        case .additive: return 5
        case .damped: return 6
        }
    }

    public init(trend: Trend) {
        self.trend = trend
    }

    /// A fitted model: parameters, final states and the one-step errors' variance.
    public struct Fit: Sendable {
        public var alpha: Double
        public var beta: Double
        public var phi: Double
        public var level: Double
        public var slope: Double
        public var sumOfSquaredErrors: Double
        public var variance: Double
    }

    public func fit(_ y: [Double]) -> Fit? {
        let n = y.count
        guard n >= minimumLength, y.allSatisfy(\.isFinite) else { return nil }
        let head = min(10, n)
        var level0 = y[0..<head].reduce(0, +) / Double(head)
        var slope0 = 0.0
        if trend != .none, let line = LinearTrend(years: Array(1...head), values: Array(y[0..<head])) {
            // ℓ₀ is the regression line at t = 0, one step before the first observation.
            slope0 = line.slope
            level0 = line.intercept + line.slope * (0 - line.centreYear)
        }
        let minimum = y.min() ?? 0
        let maximum = y.max() ?? 0
        let range = max(maximum - minimum, abs(level0) * 1e-3, 1e-8)

        // Parameter vector: [α, β*, φ, ℓ₀, b₀] restricted to what the trend uses.
        var lower = [1e-4]
        var upper = [0.9999]
        var start = [0.2]
        if trend != .none {
            lower += [1e-4]
            upper += [0.9999]
            start += [0.5]
        }
        if trend == .damped {
            lower += [0.8]
            upper += [0.98]
            start += [0.978]
        }
        lower += [level0 - range]
        upper += [level0 + range]
        start += [level0]
        if trend != .none {
            lower += [slope0 - range / 2]
            upper += [slope0 + range / 2]
            start += [slope0]
        }
        let optimizer = NelderMead(lower: lower, upper: upper, maximumEvaluations: 2000)
        let (best, _) = optimizer.minimize(start: start) { parameters in
            self.run(y, parameters: parameters).sse
        }
        let result = run(y, parameters: best)
        let k = best.count + 1
        let variance = result.sse / Double(max(1, n - k))
        let p = unpack(best)
        return Fit(
            alpha: p.alpha, beta: p.beta, phi: p.phi, level: result.level, slope: result.slope,
            sumOfSquaredErrors: result.sse, variance: variance)
    }

    func unpack(_ parameters: [Double]) -> (alpha: Double, beta: Double, phi: Double, level: Double, slope: Double) {
        let alpha = parameters[0]
        switch trend {
        case .none: return (alpha, 0, 1, parameters[1], 0)
        case .additive: return (alpha, alpha * parameters[1], 1, parameters[2], parameters[3])
        case .damped: return (alpha, alpha * parameters[1], parameters[2], parameters[3], parameters[4])
        }
    }

    /// Runs the filter: the sum of squared one-step errors and the final states.
    func run(_ y: [Double], parameters: [Double]) -> (sse: Double, level: Double, slope: Double) {
        let p = unpack(parameters)
        var level = p.level
        var slope = p.slope
        var sse = 0.0
        for value in y {
            let damped = p.phi * slope
            let error = value - (level + damped)
            sse += error * error
            level = level + damped + p.alpha * error
            slope = damped + p.beta * error
        }
        return (sse, level, slope)
    }

    public func forecast(_ series: [Double], horizon: Int) -> Forecast? {
        guard let fit = fit(series) else { return nil }
        return Self.forecast(fit: fit, horizon: horizon, method: name)
    }

    static func forecast(fit: Fit, horizon: Int, method: String) -> Forecast {
        var distributions: [PredictiveDistribution] = []
        var dampedSum = 0.0
        var phiPower = 1.0
        var varianceSum = 0.0
        for h in 1...max(1, horizon) {
            phiPower *= fit.phi
            dampedSum += phiPower
            if h > 1 {
                // cⱼ for j = h − 1: α + β (φ + … + φʲ).
                let j = h - 1
                var partial = 0.0
                var power = 1.0
                for _ in 1...j {
                    power *= fit.phi
                    partial += power
                }
                let c = fit.alpha + fit.beta * partial
                varianceSum += c * c
            }
            let mean = fit.level + dampedSum * fit.slope
            let sd = (fit.variance * (1 + varianceSum)).squareRoot()
            distributions.append(PredictiveDistribution(location: mean, scale: sd))
        }
        return Forecast(method: method, distributions: Array(distributions.prefix(horizon)), intervalSource: .analytic)
    }
}
