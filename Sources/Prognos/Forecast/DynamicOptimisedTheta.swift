import Foundation

/// The dynamic optimised Theta model (DOTM) of Fiorucci, Pellegrini, Louzada,
/// Petropoulos & Koehler, "Models for optimising the theta method and their relationship
/// to state space models", International Journal of Forecasting 32(4), 2016.
///
/// The level ℓ smooths the series; the long-term line's intercept Aₜ and slope Bₜ are
/// the OLS line of y₁…yₜ, updated recursively (dynamic); θ weights the two theta lines:
///
///     μₜ₊₁ = ℓₜ + (1 − 1/θ) [Aₜ (1 − α)ᵗ + Bₜ (1 − (1 − α)ᵗ⁺¹)/α]
///     ℓₜ₊₁ = α yₜ₊₁ + (1 − α) ℓₜ
///     ȳₜ₊₁ = (t ȳₜ + yₜ₊₁)/(t + 1)
///     Bₜ₊₁ = ((t − 1) Bₜ + 6 (yₜ₊₁ − ȳₜ)/(t + 1)) / (t + 2),   Aₜ₊₁ = ȳₜ₊₁ − Bₜ₊₁ (t + 2)/2
///
/// started from ℓ₁ = α y₁ + (1 − α) ℓ₀, A₁ = y₁, B₁ = 0. (ℓ₀, α, θ) minimise the sum of
/// squared errors yₜ − μₜ for t ≥ 3, with α ∈ [0.1, 0.99], θ ≥ 1 (as the authors' R
/// package forecTheta), by ``NelderMead`` from (y₁/2, 0.5, 2). Forecasts run the same
/// recursions with future values replaced by their forecasts.
///
/// Intervals: the recursions are affine in the future values, so the h-step forecast
/// error is Σⱼ cₕⱼ εₙ₊ⱼ with cₕₕ = 1 and cₕⱼ the response of μₙ₊ₕ to a unit shock at
/// n + j (computed exactly by running the recursion on each unit shock); σ is the
/// standard deviation of the errors for t ≥ 3. Normal intervals.
public struct DynamicOptimisedTheta: Forecaster {
    public var name: String { "dotm" }
    public var minimumLength: Int { 4 }
    /// The Nelder–Mead stopping tolerance: the simplex's best and worst scaled sums of
    /// squares agree to this relative difference.
    public var optimizerTolerance: Double

    public init(optimizerTolerance: Double = 1e-10) {
        self.optimizerTolerance = optimizerTolerance
    }

    struct Parameters {
        var level0: Double
        var alpha: Double
        var theta: Double
    }

    /// μₜ for t = 1…n + horizon, with future values from `future(h)` (h = 1…horizon).
    static func path(_ y: [Double], _ p: Parameters, horizon: Int, shocks: [Double]? = nil) -> [Double] {
        let n = y.count
        let total = n + horizon
        var mu = [Double](repeating: 0, count: total)
        var value = y[0]
        var level = p.alpha * value + (1 - p.alpha) * p.level0
        var mean = value
        var a = value
        var b = 0.0
        mu[0] = value
        let weight = 1 - 1 / p.theta
        var decay = 1 - p.alpha  // (1 − α)ⁱ
        for i in 1..<total {
            let t = Double(i)
            mu[i] = level + weight * (a * decay + b * (1 - decay * (1 - p.alpha)) / p.alpha)
            value = i < n ? y[i] : mu[i] + (shocks?[i - n] ?? 0)
            level = p.alpha * value + (1 - p.alpha) * level
            let previousMean = mean
            mean = (t * mean + value) / (t + 1)
            b = ((t - 1) * b + 6 * (value - previousMean) / (t + 1)) / (t + 2)
            a = mean - b * (t + 2) / 2
            decay *= 1 - p.alpha
        }
        return mu
    }

    /// The long-term lines' intercepts Aₜ and slopes Bₜ over the observed values, as
    /// ``path(_:_:horizon:shocks:)`` computes them: element i is the (A, B) used for μᵢ.
    /// They depend on y alone, not on (ℓ₀, α, θ), so the optimiser computes them once.
    static func longTermLines(_ y: [Double]) -> (a: [Double], b: [Double]) {
        let n = y.count
        var lineA = [Double](repeating: 0, count: n)
        var lineB = [Double](repeating: 0, count: n)
        guard n > 0 else { return (lineA, lineB) }
        var mean = y[0]
        var a = y[0]
        var b = 0.0
        for i in 1..<max(1, n) {
            lineA[i] = a
            lineB[i] = b
            let t = Double(i)
            let value = y[i]
            let previousMean = mean
            mean = (t * mean + value) / (t + 1)
            b = ((t - 1) * b + 6 * (value - previousMean) / (t + 1)) / (t + 2)
            a = mean - b * (t + 2) / 2
        }
        return (lineA, lineB)
    }

    /// Σₜ₌₃ⁿ ((yₜ − μₜ)/scale)², the objective: the recursion of ``path(_:_:horizon:shocks:)``
    /// over the observed values with the same operations (the lines from
    /// ``longTermLines(_:)``), without storing μ.
    static func scaledSumOfSquares(
        _ y: [Double], lines: (a: [Double], b: [Double]), _ p: Parameters, scale: Double
    ) -> Double {
        let n = y.count
        guard n >= 2 else { return 0 }
        return y.withUnsafeBufferPointer { y in
            lines.a.withUnsafeBufferPointer { lineA in
                lines.b.withUnsafeBufferPointer { lineB in
                    var level = p.alpha * y[0] + (1 - p.alpha) * p.level0
                    let weight = 1 - 1 / p.theta
                    var decay = 1 - p.alpha
                    let inverseAlpha = 1 / p.alpha
                    var sse = 0.0
                    for i in 1..<n {
                        let mu = level + weight * (lineA[i] * decay + lineB[i] * (1 - decay * (1 - p.alpha)) * inverseAlpha)
                        let value = y[i]
                        if i >= 2 {
                            let e = value - mu
                            sse += e * e
                        }
                        level = p.alpha * value + (1 - p.alpha) * level
                        decay *= 1 - p.alpha
                    }
                    return sse / (scale * scale)
                }
            }
        }
    }

    /// (ℓ₀, α, θ) minimising the scaled sum of squares, or nil for a series too short or not finite.
    func fitParameters(_ y: [Double]) -> Parameters? {
        let n = y.count
        guard n >= minimumLength, y.allSatisfy(\.isFinite) else { return nil }
        let scale = max(y.reduce(0) { $0 + abs($1) } / Double(n), 1e-12)
        let start = [y[0] / 2, 0.5, 2.0]
        let spread = max((y.max() ?? 0) - (y.min() ?? 0), scale)
        let lower = [y[0] / 2 - 10 * spread, 0.1, 1.0]
        let upper = [y[0] / 2 + 10 * spread, 0.99, 1e4]
        let optimizer = NelderMead(lower: lower, upper: upper, maximumEvaluations: 2000, tolerance: optimizerTolerance)
        let lines = Self.longTermLines(y)
        let (best, _) = optimizer.minimize(start: NelderMead.point(start)) { v in
            Self.scaledSumOfSquares(y, lines: lines, Parameters(level0: v[0], alpha: v[1], theta: v[2]), scale: scale)
        }
        return Parameters(level0: best[0], alpha: best[1], theta: best[2])
    }

    public func forecast(_ y: [Double], horizon: Int) -> Forecast? {
        let n = y.count
        guard let parameters = fitParameters(y) else { return nil }
        let base = Self.path(y, parameters, horizon: horizon)
        var residuals: [Double] = []
        for t in 2..<n { residuals.append(y[t] - base[t]) }
        let meanResidual = residuals.reduce(0, +) / Double(residuals.count)
        let variance =
            residuals.reduce(0) { $0 + ($1 - meanResidual) * ($1 - meanResidual) } / Double(max(1, residuals.count - 1))
        // Responses of the forecasts to a unit shock at each future step.
        var coefficientSquares = [Double](repeating: 1, count: horizon)
        for j in 0..<max(0, horizon - 1) {
            var shocks = [Double](repeating: 0, count: horizon)
            shocks[j] = 1
            let shocked = Self.path(y, parameters, horizon: horizon, shocks: shocks)
            for h in (j + 1)..<horizon {
                let c = shocked[n + h] - base[n + h]
                coefficientSquares[h] += c * c
            }
        }
        let distributions = (0..<horizon).map { h in
            PredictiveDistribution(location: base[n + h], scale: (variance * coefficientSquares[h]).squareRoot())
        }
        return Forecast(method: name, distributions: distributions, intervalSource: .analytic)
    }
}
