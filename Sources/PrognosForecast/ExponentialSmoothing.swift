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
/// initial states enter the errors linearly, so for each trial (α, β, φ) they are solved
/// exactly by least squares (concentrated out), and only the smoothing parameters are
/// searched. With a trend, ``NelderMead`` searches the box α ∈ [10⁻⁴, 0.9999],
/// β = min(α, β̄)·β* with β* ∈ [10⁻⁴, 0.9999] (so 0 < β < α and β < β̄), φ ∈ [0.8, 0.98]
/// (``dampingBounds``; [0.8, 0.995] in `auto` and the ensembles), from α = 0.2, β* = 0.5,
/// φ = 0.978. The limit β̄ (``slopeSmoothingLimit``) is 0.12 for
/// the `holt` and `damped` methods: a trend that learns slowly. It was chosen on four
/// selection sets, none of them M3's test part (the training parts of M3 yearly, M1
/// yearly, Tourism yearly and the synthetic Kolada-like set; docs/forecasting.md "Four selection
/// sets"), where, averaged over `holt`, `damped` and `comb` and over sMAPE and MASE, it forecast better
/// than every other limit tried (0.08, 0.1, 0.15, 0.2; Holt 1.6 % lower sMAPE than at 0.2
/// and 0.6 % lower MASE, Damped 1.1 % and 0.4 % lower, Comb 0.6 % lower sMAPE and 0.1 %
/// higher MASE; `swift run --package-path Development -c release SelectionSets limit`). At 0.2, the limit first
/// chosen on M3's training parts alone, the two trends forecast worse on the Tourism and
/// synthetic sets, and unlimited (β < α only) they forecast worse on every set but M1. (statsforecast's AutoETS ends up with a limit of its own: its β box
/// is capped at its start α, 0.2.) `auto`'s damped candidate and the `mean`/`median`
/// ensembles use no limit (β̄ = 1, so β = α·β*), which combined better.
/// Without a trend, α alone is found by Brent's method on [10⁻⁴, 0.9999]
/// (``BrentMinimizer``, as R's `optimize`), which on the training parts of M3 yearly
/// forecast better than a one-dimensional Nelder–Mead from α = 0.2 (SES 21.66 against
/// 21.85 sMAPE, Theta 19.53 against 19.71, `auto` 18.76 against 18.83;
/// docs/forecasting-experiments.md) at half the cost.
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

    /// The Nelder–Mead stopping tolerance of Holt and the damped trend: the simplex's best
    /// and worst sums of squares agree to this relative difference. 10⁻⁴ by default: on
    /// the training parts of M3 yearly Holt, Damped, Comb, the ensembles and `auto`
    /// forecast as at 10⁻⁶ and 10⁻⁵ (to within 0.006 sMAPE; Holt 20.062 against 20.057,
    /// Damped 19.271 both), 1.5× faster (docs/forecasting-experiments.md). The initial states are
    /// solved exactly for every trial, so the stop only decides how closely the smoothing
    /// parameters are found.
    public var optimizerTolerance: Double

    /// β̄, the upper limit of the trend's smoothing parameter: β < min(α, β̄). At 1 or
    /// more it is no limit beyond β < α. The default, 0.12, is the `holt` and `damped`
    /// methods' (see the type's description).
    public var slopeSmoothingLimit: Double

    /// The damping parameter φ's box: [0.8, 0.98] by default (forecast::ets's), the
    /// `damped` method's. `auto`'s damped candidate and the `mean` and `median` ensembles'
    /// use [0.8, 0.995], a trend that may persist longer: on the four selection sets
    /// (docs/forecasting.md "Four selection sets"; `SelectionSets damping`) it lowered their average
    /// sMAPE and MASE (`auto` 0.9971 and 0.9964 of [0.8, 0.98]'s), also with any one set
    /// left out, where the `damped` method alone forecast worse with a set left out.
    public var dampingBounds: ClosedRange<Double>

    /// The `holt` and `damped` methods' ``slopeSmoothingLimit``.
    public static let defaultSlopeSmoothingLimit = 0.12

    /// Brent's stopping tolerance on simple exponential smoothing's α: the bracket around
    /// the minimum is within 2 × 10⁻⁵ (every M3 yearly figure, training and test parts,
    /// equals that at 10⁻⁷ to the third decimal; docs/forecasting-experiments.md).
    static let alphaTolerance = 1e-5

    public init(
        trend: Trend, optimizerTolerance: Double = 1e-4,
        slopeSmoothingLimit: Double = ExponentialSmoothing.defaultSlopeSmoothingLimit,
        dampingBounds: ClosedRange<Double> = 0.8...0.98
    ) {
        self.dampingBounds = dampingBounds
        self.trend = trend
        self.optimizerTolerance = optimizerTolerance
        self.slopeSmoothingLimit = slopeSmoothingLimit
    }

    /// A fitted model: parameters, final states and the one-step errors' variance.
    public struct Fit: Sendable {
        public var alpha: Double
        public var beta: Double
        public var phi: Double
        public var level: Double
        public var slope: Double
        /// The initial states ℓ₀ and b₀ (before y₁).
        public var initialLevel: Double
        public var initialSlope: Double
        public var sumOfSquaredErrors: Double
        public var variance: Double
    }

    public func fit(_ y: [Double]) -> Fit? {
        let n = y.count
        guard n >= minimumLength, y.allSatisfy(\.isFinite) else { return nil }
        let best = trend == .none ? levelSmoothing(y) : trendSmoothing(y)
        let smoothing = self.smoothing(best)
        let result = concentrated(y, smoothing: smoothing)
        guard result.sse.isFinite else { return nil }
        let variance = result.sse / Double(max(1, n - estimatedCount))
        return Fit(
            alpha: smoothing.alpha, beta: smoothing.beta, phi: smoothing.phi, level: result.level, slope: result.slope,
            initialLevel: result.initialLevel, initialSlope: result.initialSlope, sumOfSquaredErrors: result.sse,
            variance: variance)
    }

    /// What the fit estimates, as forecast::ets counts it: the smoothing parameters (α;
    /// α, β; α, β, φ), the initial states (ℓ₀; ℓ₀, b₀) and σ.
    var estimatedCount: Int {
        switch trend {
        case .none: return 1 + 1 + 1
        case .additive: return 2 + 2 + 1
        case .damped: return 3 + 2 + 1
        }
    }

    /// α of simple exponential smoothing: one parameter, searched by Brent's method.
    private func levelSmoothing(_ y: [Double]) -> NelderMead.Point {
        let minimizer = BrentMinimizer(absoluteTolerance: Self.alphaTolerance)
        let (alpha, _) = minimizer.minimize(lower: 1e-4, upper: 0.9999) { alpha in
            self.concentrated(y, smoothing: Smoothing(alpha: alpha, beta: 0, phi: 1)).sse
        }
        return NelderMead.point([alpha])
    }

    /// [α, β*, φ] of Holt's and the damped trend, searched by Nelder–Mead.
    private func trendSmoothing(_ y: [Double]) -> NelderMead.Point {
        var lower = [1e-4, 1e-4]
        var upper = [0.9999, 0.9999]
        var start = [0.2, 0.5]
        if trend == .damped {
            lower += [dampingBounds.lowerBound]
            upper += [dampingBounds.upperBound]
            start += [min(max(0.978, dampingBounds.lowerBound), dampingBounds.upperBound)]
        }
        // The sum of squares in units of the series' size (its mean absolute value), so
        // the stop, relative with an absolute floor of `optimizerTolerance`², acts the same
        // on rates near 0.01 as on counts in the thousands.
        let size = meanAbsoluteValue(y)
        let inverseSquare = 1 / (size * size)
        let optimizer = NelderMead(lower: lower, upper: upper, maximumEvaluations: 600, tolerance: optimizerTolerance)
        return optimizer.minimize(start: NelderMead.point(start)) { parameters in
            self.concentrated(y, smoothing: self.smoothing(parameters)).sse * inverseSquare
        }.point
    }

    struct Smoothing {
        var alpha: Double
        var beta: Double
        var phi: Double
    }

    func smoothing(_ parameters: NelderMead.Point) -> Smoothing {
        let alpha = parameters[0]
        // β = min(α, β̄)·β*; with β̄ ≥ 1 this is α·β* exactly (α ≤ 0.9999).
        let betaRange = min(alpha, slopeSmoothingLimit)
        switch trend {
        case .none: return Smoothing(alpha: alpha, beta: 0, phi: 1)
        case .additive: return Smoothing(alpha: alpha, beta: betaRange * parameters[1], phi: 1)
        case .damped: return Smoothing(alpha: alpha, beta: betaRange * parameters[1], phi: parameters[2])
        }
    }

    /// The sum of squared one-step errors minimised over the initial states, and the
    /// final states, for given smoothing parameters.
    ///
    /// The filter is affine in (ℓ₀, b₀): eₜ = e⁰ₜ − δℓ dₜ − δb gₜ, where e⁰ is the error path
    /// started from the reference states (y₁, 0), (δℓ, δb) = (ℓ₀ − y₁, b₀), and d, g are the
    /// paths' responses to a unit initial level and slope (propagated through the same
    /// recursions in the same pass, which also accumulates their inner products). The
    /// correction is the least-squares solution of e⁰ ≈ [d g](δℓ, δb): from the 2 × 2 Gram
    /// matrix by Cholesky when its columns are far from parallel (the Schur complement
    /// g·g − (d·g)²/d·d above 10⁻⁸ g·g, so at most 10⁻⁸ of the coefficients is lost to
    /// rounding), else by the two-column QR of ``twoColumnSolve(_:_:_:scratch:)``. The sum
    /// of squares is then summed from the residuals themselves, never from the Gram
    /// matrix, so it carries no cancellation error (and, being stationary in the
    /// coefficients, only a second-order one from them). Starting the reference path at
    /// y₁ keeps the correction small. Without a trend there is one path and one column
    /// (``concentratedLevel(_:alpha:)``).
    func concentrated(
        _ y: [Double], smoothing p: Smoothing
    ) -> (sse: Double, level: Double, slope: Double, initialLevel: Double, initialSlope: Double) {
        let n = y.count
        guard n > 0 else { return (.infinity, 0, 0, 0, 0) }
        if trend == .none { return concentratedLevel(y, alpha: p.alpha) }
        // Three paths and three scratch columns, on the stack: this runs for every trial
        // point of the optimiser.
        return y.withUnsafeBufferPointer { y in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: 6 * n) { storage in
                let e0 = UnsafeMutableBufferPointer(rebasing: storage[0..<n])
                let d = UnsafeMutableBufferPointer(rebasing: storage[n..<(2 * n)])
                let g = UnsafeMutableBufferPointer(rebasing: storage[(2 * n)..<(3 * n)])
                // Reference path and the sensitivities to ℓ₀ (sl, sb) and to b₀ (tl, tb).
                let reference = y[0]
                var level = reference
                var slope = 0.0
                var sl = 1.0
                var sb = 0.0
                var tl = 0.0
                var tb = 1.0
                var dd = 0.0
                var dg = 0.0
                var gg = 0.0
                var de = 0.0
                var ge = 0.0
                for t in 0..<n {
                    let error = y[t] - (level + p.phi * slope)
                    e0[t] = error
                    let dl = sl + p.phi * sb
                    let dgt = tl + p.phi * tb
                    d[t] = dl
                    g[t] = dgt
                    dd += dl * dl
                    dg += dl * dgt
                    gg += dgt * dgt
                    de += dl * error
                    ge += dgt * error
                    level = level + p.phi * slope + p.alpha * error
                    slope = p.phi * slope + p.beta * error
                    // A unit initial level changes the error by −dl; propagate that change.
                    sl = sl + p.phi * sb - p.alpha * dl
                    sb = p.phi * sb - p.beta * dl
                    tl = tl + p.phi * tb - p.alpha * dgt
                    tb = p.phi * tb - p.beta * dgt
                }
                guard dd > 0 else { return (.infinity, 0, 0, 0, 0) }
                var levelCorrection = 0.0
                var slopeCorrection = 0.0
                let schur = gg - dg * dg / dd
                if schur > 1e-8 * gg {
                    slopeCorrection = (ge - dg / dd * de) / schur
                    levelCorrection = (de - dg * slopeCorrection) / dd
                } else {
                    let scratch = UnsafeMutableBufferPointer(rebasing: storage[(3 * n)..<(6 * n)])
                    guard let solution = Self.twoColumnSolve(d, g, e0, scratch: scratch) else {
                        return (.infinity, 0, 0, 0, 0)
                    }
                    (levelCorrection, slopeCorrection) = solution
                }
                var sse = 0.0
                for t in 0..<n {
                    let error = e0[t] - levelCorrection * d[t] - slopeCorrection * g[t]
                    sse += error * error
                }
                return (
                    sse, level + levelCorrection * sl + slopeCorrection * tl,
                    slope + levelCorrection * sb + slopeCorrection * tb, reference + levelCorrection, slopeCorrection
                )
            }
        }
    }

    /// ``concentrated(_:smoothing:)`` for simple exponential smoothing (no trend): the
    /// response to a unit initial level is dₜ = (1 − α)ᵗ⁻¹, so one path e⁰ from ℓ = y₁ and
    /// δℓ = Σ dₜ e⁰ₜ / Σ dₜ².
    private func concentratedLevel(
        _ y: [Double], alpha: Double
    ) -> (sse: Double, level: Double, slope: Double, initialLevel: Double, initialSlope: Double) {
        let n = y.count
        return y.withUnsafeBufferPointer { y in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * n) { storage in
                let e0 = UnsafeMutableBufferPointer(rebasing: storage[0..<n])
                let d = UnsafeMutableBufferPointer(rebasing: storage[n..<(2 * n)])
                let reference = y[0]
                var level = reference
                var response = 1.0
                var dd = 0.0
                var de = 0.0
                for t in 0..<n {
                    let error = y[t] - level
                    e0[t] = error
                    d[t] = response
                    dd += response * response
                    de += response * error
                    level = level + alpha * error
                    response = response - alpha * response
                }
                guard dd > 0 else { return (.infinity, 0, 0, 0, 0) }
                let correction = de / dd
                var sse = 0.0
                for t in 0..<n {
                    let error = e0[t] - correction * d[t]
                    sse += error * error
                }
                return (sse, level + correction * response, 0, reference + correction, 0)
            }
        }
    }

    /// argmin ‖r − (a x₁ + b x₂)‖ by Gram–Schmidt QR of [a b] with one reorthogonalisation.
    /// `scratch` holds at least 3 n values (q₁, v, q₂).
    static func twoColumnSolve(
        _ a: UnsafeMutableBufferPointer<Double>, _ b: UnsafeMutableBufferPointer<Double>,
        _ r: UnsafeMutableBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Double>
    ) -> (Double, Double)? {
        let n = a.count
        var norm1 = 0.0
        for t in 0..<n { norm1 += a[t] * a[t] }
        let r11 = norm1.squareRoot()
        guard r11 > 0 else { return nil }
        let q1 = UnsafeMutableBufferPointer(rebasing: scratch[0..<n])
        let v = UnsafeMutableBufferPointer(rebasing: scratch[n..<(2 * n)])
        let q2 = UnsafeMutableBufferPointer(rebasing: scratch[(2 * n)..<(3 * n)])
        for t in 0..<n { q1[t] = a[t] / r11 }
        var r12 = 0.0
        for t in 0..<n { r12 += q1[t] * b[t] }
        for t in 0..<n { v[t] = b[t] - r12 * q1[t] }
        var correction = 0.0
        for t in 0..<n { correction += q1[t] * v[t] }
        r12 += correction
        for t in 0..<n { v[t] = v[t] - correction * q1[t] }
        var norm2 = 0.0
        for t in 0..<n { norm2 += v[t] * v[t] }
        let r22 = norm2.squareRoot()
        guard r22 > 1e-12 * r11 else { return nil }
        for t in 0..<n { q2[t] = v[t] / r22 }
        var z1 = 0.0
        for t in 0..<n { z1 += q1[t] * r[t] }
        var z2 = 0.0
        for t in 0..<n { z2 += q2[t] * r[t] }
        let x2 = z2 / r22
        return ((z1 - r12 * x2) / r11, x2)
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
