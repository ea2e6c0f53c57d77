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
/// squared errors yₜ − μₜ, divided by the squared mean absolute value of y, with
/// α ∈ [0.1, 0.99], θ ∈ [1, 10⁴] (as the authors' R package forecTheta), in one of two
/// ways:
///
/// - ``InitialLevel/searched``, the `dotm` method and `auto`'s candidate: statsforecast's
///   procedure. All three are searched from (y₁/2, 0.5, 2) by ``AdaptiveNelderMead``,
///   over the errors from t = 4 on, until the simplex's values have a standard deviation
///   below 10⁻⁶ (`auto`: 10⁻⁴). On M3
///   yearly this reproduces statsforecast's DynamicOptimizedTheta (15.784 / 2.575 against
///   15.787 / 2.576) and forecast better on the training parts than the plain
///   ``NelderMead`` over the errors from t = 3 it replaced (19.116 against 19.225 sMAPE;
///   docs/forecasting-experiments.md).
/// - ``InitialLevel/solved``, `auto`'s candidate until statsforecast's procedure forecast
///   better in it: (α, θ) are searched from (0.5, 2) by ``NelderMead``, over the errors
///   from t = 3 on, and ℓ₀ is solved exactly for each trial, the errors being affine in
///   it. This takes 55 instead of 139 evaluations a fit of the plain three-parameter
///   ``NelderMead``.
///
/// Forecasts run the same recursions with future values replaced by their forecasts.
///
/// Intervals: the recursions are affine in the future values, so the h-step forecast
/// error is Σⱼ cₕⱼ εₙ₊ⱼ with cₕₕ = 1 and cₕⱼ the response of μₙ₊ₕ to a unit shock at
/// n + j (computed exactly by running the recursion on each unit shock); σ is the
/// standard deviation of the errors the fit scored (from t = 4 with ℓ₀ searched, from
/// t = 3 with it solved; at least the last two). Normal intervals.
public struct DynamicOptimizedTheta: Forecaster {
    public var name: String { "dotm" }
    public var minimumLength: Int { 4 }
    /// The search's stopping tolerance. With ℓ₀ searched, it is the standard deviation of
    /// the simplex's scaled sums of squares (10⁻⁶ by default). With ℓ₀ solved, it is the
    /// relative difference of the best and worst (10⁻¹⁰ by default).
    public var optimizerTolerance: Double

    /// How the initial level ℓ₀ is estimated.
    public enum InitialLevel: String, Sendable {
        /// Searched with α and θ by a three-parameter ``AdaptiveNelderMead`` from y₁/2,
        /// with no bound in practice: statsforecast's procedure.
        case searched
        /// Solved exactly for each trial (α, θ), within y₁/2 ± 10·(the range of y)
        /// (``profiledSumOfSquares(_:lines:alpha:theta:scale:levelBounds:from:)``): the
        /// least-squares fit of a three-parameter search, or a better one, in a third of
        /// the evaluations.
        case solved
    }
    public var initialLevel: InitialLevel

    /// The first one-step error in the sum of squares, counted from 0 (3: the errors from
    /// t = 4 on).
    public var firstScoredError: Int

    public init(optimizerTolerance: Double? = nil, initialLevel: InitialLevel = .searched, firstScoredError: Int? = nil)
    {
        self.optimizerTolerance = optimizerTolerance ?? (initialLevel == .searched ? 1e-6 : 1e-10)
        self.initialLevel = initialLevel
        self.firstScoredError = firstScoredError ?? (initialLevel == .searched ? 3 : 2)
    }

    struct Parameters {
        var level0: Double
        var alpha: Double
        var theta: Double
    }

    /// μₜ for t = 1…n + horizon, where y₁…yₙ are the first n = `observed` values of `y`
    /// (all of them by default) and each future value is its forecast plus `shocks[h]`
    /// (h = 0…horizon − 1; none by default).
    static func path(_ y: [Double], observed: Int? = nil, _ p: Parameters, horizon: Int, shocks: [Double]? = nil)
        -> [Double]
    {
        let n = observed ?? y.count
        var mu = [Double](repeating: 0, count: n + horizon)
        fillPath(y, observed: n, p, horizon: horizon, shocks: shocks, into: &mu)
        return mu
    }

    /// ``path(_:observed:_:horizon:shocks:)`` written into `mu` (at least n + horizon values).
    static func fillPath(
        _ y: [Double], observed n: Int, _ p: Parameters, horizon: Int, shocks: [Double]?, into mu: inout [Double]
    ) {
        mu.withUnsafeMutableBufferPointer { mu in
            run(y, observed: n, p, horizon: horizon, shocks: shocks) { i, value in mu[i] = value }
        }
    }

    /// The recursions of the model over y₁…yₙ (n = `observed`, at least 1) and `horizon`
    /// steps beyond, giving each μᵢ (i = 0…n + horizon − 1) to `emit` in order.
    private static func run(
        _ y: [Double], observed n: Int, _ p: Parameters, horizon: Int, shocks: [Double]?,
        _ emit: (Int, Double) -> Void
    ) {
        let total = n + horizon
        var state = Recursion(y[0], p)
        emit(0, y[0])
        for i in 1..<max(1, total) {
            let mu = state.oneStepForecast()
            emit(i, mu)
            state.advance(at: i, value: i < n ? y[i] : mu + (shocks?[i - n] ?? 0))
        }
    }

    /// The model's states before step i (ℓ, ȳ, A, B and (1 − α)ⁱ), so that a path can be
    /// branched from any step: every path through the same values is the same sequence of
    /// operations, whichever step it started from.
    struct Recursion {
        let alpha: Double
        let weight: Double
        var level: Double
        var mean: Double
        var a: Double
        var b = 0.0
        var decay: Double

        /// The states after y₁ (before step 1).
        init(_ first: Double, _ p: Parameters) {
            alpha = p.alpha
            weight = 1 - 1 / p.theta
            level = p.alpha * first + (1 - p.alpha) * p.level0
            mean = first
            a = first
            decay = 1 - p.alpha
        }

        /// μᵢ, the forecast of step i's value, from the states before step i.
        @inline(__always)
        func oneStepForecast() -> Double {
            level + weight * (a * decay + b * (1 - decay * (1 - alpha)) / alpha)
        }

        /// The states after the value of step i.
        @inline(__always)
        mutating func advance(at i: Int, value: Double) {
            let t = Double(i)
            level = alpha * value + (1 - alpha) * level
            let previousMean = mean
            mean = (t * mean + value) / (t + 1)
            b = ((t - 1) * b + 6 * (value - previousMean) / (t + 1)) / (t + 2)
            a = mean - b * (t + 2) / 2
            decay *= 1 - alpha
        }

        /// Appends μᵢ…μᵢ₊ₛ₋₁, s = `steps`, each future value its own forecast, as ``run``
        /// gives them from these states.
        func appendForecasts(from i: Int, steps: Int, to points: inout [Double]) {
            var state = self
            for k in i..<(i + steps) {
                let mu = state.oneStepForecast()
                points.append(mu)
                state.advance(at: k, value: mu + 0)
            }
        }
    }

    /// The forecasts from each origin o in `origins` (1 ≤ o ≤ n), min(horizon, n − o) steps
    /// each followed by NaN up to `horizon`: one pass over y, branching at every origin
    /// (the last values of ``path(_:observed:_:horizon:shocks:)`` over y₁…yₒ, bit for bit).
    static func appendRollingForecasts(
        _ y: [Double], origins: Range<Int>, _ p: Parameters, horizon: Int, to points: inout [Double]
    ) {
        let n = y.count
        var state = Recursion(y[0], p)
        for i in 1..<max(1, origins.upperBound) {
            if origins.contains(i) {
                let steps = min(horizon, n - i)
                state.appendForecasts(from: i, steps: steps, to: &points)
                points.append(contentsOf: repeatElement(.nan, count: horizon - steps))
            }
            state.advance(at: i, value: y[i])
        }
    }

    /// The long-term lines' intercepts Aₜ and slopes Bₜ over the observed values, as
    /// ``path(_:observed:_:horizon:shocks:)`` computes them: element i is the (A, B) used for μᵢ.
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

    /// Σₜ ((yₜ − μₜ)/scale)² over t = `first` + 1 … n (t from 1; `first` counts from 0, so
    /// 2 sums from t = 3) for given (ℓ₀, α, θ): the recursion of
    /// ``path(_:observed:_:horizon:shocks:)`` over the observed values with the same
    /// operations (the lines from ``longTermLines(_:)``), without storing μ: the objective
    /// of the three-parameter search (``InitialLevel/searched``, from t = 4).
    static func scaledSumOfSquares(
        _ y: [Double], lines: (a: [Double], b: [Double]), _ p: Parameters, scale: Double, from first: Int = 2
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
                        let mu =
                            level + weight * (lineA[i] * decay + lineB[i] * (1 - decay * (1 - p.alpha)) * inverseAlpha)
                        let value = y[i]
                        if i >= first {
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

    /// The ℓ₀ that minimises the sum of squares (of the errors from index `first`, as in
    /// ``scaledSumOfSquares(_:lines:_:scale:from:)``) for fixed (α, θ), within
    /// `levelBounds`, and that scaled sum of squares.
    ///
    /// ℓ₀ enters every level with the weight (1 − α)ᵗ and nothing else, so the errors are
    /// affine in it: eₜ(ℓ₀) = eₜ(r) − cₜ (ℓ₀ − r), cₜ = (1 − α)ᵗ, for any reference r (y₁
    /// here, near the optimum, so that the sums below do not cancel). The sum of squares
    /// S(ℓ₀) = Σ eₜ(r)² − 2δ Σ eₜ(r) cₜ + δ² Σ cₜ², δ = ℓ₀ − r, is a convex parabola: its
    /// minimum is at δ* = Σ eₜ(r) cₜ / Σ cₜ², clamped into the bounds (the constrained
    /// minimum of a convex function of one variable). One pass over the series, as for
    /// one trial of ``scaledSumOfSquares(_:lines:_:scale:from:)``.
    static func profiledSumOfSquares(
        _ y: [Double], lines: (a: [Double], b: [Double]), alpha: Double, theta: Double, scale: Double,
        levelBounds: ClosedRange<Double>, from first: Int = 2
    ) -> (sumOfSquares: Double, level0: Double) {
        let n = y.count
        guard n >= 2 else { return (0, y.first ?? 0) }
        return y.withUnsafeBufferPointer { y in
            lines.a.withUnsafeBufferPointer { lineA in
                lines.b.withUnsafeBufferPointer { lineB in
                    let reference = y[0]
                    var level = alpha * y[0] + (1 - alpha) * reference
                    let weight = 1 - 1 / theta
                    var decay = 1 - alpha
                    let inverseAlpha = 1 / alpha
                    var errorSquares = 0.0
                    var errorWeights = 0.0
                    var weightSquares = 0.0
                    for i in 1..<n {
                        let mu =
                            level + weight * (lineA[i] * decay + lineB[i] * (1 - decay * (1 - alpha)) * inverseAlpha)
                        let value = y[i]
                        if i >= first {
                            let e = value - mu
                            errorSquares += e * e
                            errorWeights += e * decay
                            weightSquares += decay * decay
                        }
                        level = alpha * value + (1 - alpha) * level
                        decay *= 1 - alpha
                    }
                    let unconstrained = weightSquares > 0 ? reference + errorWeights / weightSquares : reference
                    let level0 = min(max(unconstrained, levelBounds.lowerBound), levelBounds.upperBound)
                    let shift = level0 - reference
                    let sum = errorSquares - 2 * shift * errorWeights + shift * shift * weightSquares
                    return (max(sum, 0) / (scale * scale), level0)
                }
            }
        }
    }

    /// (ℓ₀, α, θ) minimising the scaled sum of squares, or nil for a series too short or
    /// not finite, as ``initialLevel`` says. ℓ₀ stays within y₁/2 ± w·(the range of y),
    /// forecTheta's start and a box around it: w = 10 where ℓ₀ is solved, w = 10¹⁰ (no
    /// bound in practice, as statsforecast's ±10¹⁰) where it is searched. ℓ₀ weighs
    /// (1 − α)ᵗ, so at a large α it is barely determined and the search can wander far;
    /// clamping it at 10 ranges there made `dotm` forecast worse on the training parts of
    /// M3 yearly (19.139 against 19.116 sMAPE).
    func fitParameters(_ y: [Double]) -> Parameters? {
        let n = y.count
        guard n >= minimumLength, y.allSatisfy(\.isFinite) else { return nil }
        let scale = meanAbsoluteValue(y)
        let spread = max((y.max() ?? 0) - (y.min() ?? 0), scale)
        let width = (initialLevel == .searched ? 1e10 : 10) * spread
        let levelBounds = (y[0] / 2 - width)...(y[0] / 2 + width)
        let lines = Self.longTermLines(y)
        let first = firstScoredError
        if initialLevel == .searched {
            let optimizer = AdaptiveNelderMead(
                lower: [levelBounds.lowerBound, 0.1, 1.0], upper: [levelBounds.upperBound, 0.99, 1e4],
                tolerance: optimizerTolerance)
            let (best, _) = optimizer.minimize(start: AdaptiveNelderMead.Point(y[0] / 2, 0.5, 2.0, 0)) { v in
                Self.scaledSumOfSquares(
                    y, lines: lines, Parameters(level0: v[0], alpha: v[1], theta: v[2]), scale: scale, from: first)
            }
            return Parameters(level0: best[0], alpha: best[1], theta: best[2])
        }
        let optimizer = NelderMead(
            lower: [0.1, 1.0], upper: [0.99, 1e4], maximumEvaluations: 2000, tolerance: optimizerTolerance)
        let (best, _) = optimizer.minimize(start: NelderMead.point([0.5, 2.0])) { v in
            Self.profiledSumOfSquares(
                y, lines: lines, alpha: v[0], theta: v[1], scale: scale, levelBounds: levelBounds, from: first
            ).sumOfSquares
        }
        let level0 = Self.profiledSumOfSquares(
            y, lines: lines, alpha: best[0], theta: best[1], scale: scale, levelBounds: levelBounds, from: first
        ).level0
        return Parameters(level0: level0, alpha: best[0], theta: best[1])
    }

    public func forecast(_ y: [Double], horizon: Int) -> Forecast? {
        let n = y.count
        guard let parameters = fitParameters(y) else { return nil }
        // The observed part of the path, and the states at the first future step, from
        // which the forecast and every shocked path branch.
        var base = [Double](repeating: 0, count: n + horizon)
        var state = Recursion(y[0], parameters)
        base[0] = y[0]
        for i in 1..<n {
            base[i] = state.oneStepForecast()
            state.advance(at: i, value: y[i])
        }
        // The variance about their mean of the residuals the fit scored (from t = 3 or 4),
        // at least the last two (n ≥ 4): an unscored early residual reflects a ℓ₀ the
        // fit did not look at.
        let firstResidual = min(firstScoredError, n - 2)
        let residualCount = n - firstResidual
        var residualSum = 0.0
        for t in firstResidual..<n { residualSum += y[t] - base[t] }
        let meanResidual = residualSum / Double(residualCount)
        var squares = 0.0
        for t in firstResidual..<n {
            let deviation = (y[t] - base[t]) - meanResidual
            squares += deviation * deviation
        }
        let variance = squares / Double(max(1, residualCount - 1))
        // Responses of the forecasts to a shock at each future step, per unit of shock. The
        // shock is the size of the series (its mean absolute value), not 1: the response is
        // the difference of two paths of that size, and a unit shock on values of 10¹⁴
        // would be lost to their rounding (the recursion is affine, so the size does not
        // change the response, only how exactly it is measured).
        let shockSize = meanAbsoluteValue(y)
        var coefficientSquares = [Double](repeating: 1, count: horizon)
        // The forecast path, with the states before each of its steps (on the stack): a
        // shock at step n + j changes the path from there on only, so its path starts from
        // those states.
        withUnsafeTemporaryAllocation(of: Recursion.self, capacity: max(1, horizon)) { states in
            for i in n..<(n + horizon) {
                states.initializeElement(at: i - n, to: state)
                let mu = state.oneStepForecast()
                base[i] = mu
                state.advance(at: i, value: mu + 0)
            }
            for j in 0..<max(0, horizon - 1) {
                var shocked = states[j]
                for i in (n + j)..<(n + horizon) {
                    let mu = shocked.oneStepForecast()
                    if i > n + j {
                        let c = (mu - base[i]) / shockSize
                        coefficientSquares[i - n] += c * c
                    }
                    shocked.advance(at: i, value: mu + (i == n + j ? shockSize : 0))
                }
            }
            states.baseAddress?.deinitialize(count: horizon)
        }
        let distributions = (0..<horizon).map { h in
            PredictiveDistribution(location: base[n + h], scale: (variance * coefficientSquares[h]).squareRoot())
        }
        return Forecast(method: name, distributions: distributions, intervalSource: .analytic)
    }
}
