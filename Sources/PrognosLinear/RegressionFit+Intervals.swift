import PrognosNumerics

/// Intervals at new points x₀ (a row of the design, in the caller's column order).
///
/// With u = Pᵀ S x₀ and v = R⁻ᵀ u, x₀ᵀ(XᵀWX)⁻¹x₀ = ‖v‖², so
/// - the standard error of the mean response is σ̂ ‖v‖,
/// - the standard error of a new observation (weight w₀) is σ̂ √(1/w₀ + ‖v‖²),
/// and the two-sided interval at level 1 − α is ŷ₀ ± t_{1−α/2, n−p} · SE.
extension RegressionFit {
    public struct Interval: Sendable, Equatable {
        public var estimate: Double
        public var standardError: Double
        public var lower: Double
        public var upper: Double
    }

    /// ŷ₀ = x₀ᵀβ̂ and ‖v‖² = x₀ᵀ(XᵀWX)⁻¹x₀.
    func leverage(at x: [Double]) throws(LinearAlgebraError) -> (estimate: Double, quadratic: Double) {
        let p = parameterCount
        guard x.count == p else { throw .tooFewObservations(observations: x.count, parameters: p) }
        let qr = solution.qr
        var v = (0..<p).map { k in x[qr.permutation[k]] * qr.scales[qr.permutation[k]] }
        try qr.solveR(&v, transpose: true)
        let estimate = x.withUnsafeBufferPointer { row in
            coefficients.withUnsafeBufferPointer { beta in CompensatedArithmetic.dot2(row, beta) }
        }
        return (estimate, CompensatedArithmetic.sumOfSquares(v))
    }

    /// The confidence interval of the mean response at x₀.
    public func meanInterval(at x: [Double], level: Double) throws(LinearAlgebraError) -> Interval {
        let (estimate, quadratic) = try leverage(at: x)
        return interval(
            estimate: estimate, standardError: residualStandardDeviation * quadratic.squareRoot(), level: level)
    }

    /// The prediction interval of a new observation at x₀ with weight w₀ (1 for OLS).
    public func predictionInterval(at x: [Double], level: Double, weight: Double = 1) throws(LinearAlgebraError)
        -> Interval
    {
        let (estimate, quadratic) = try leverage(at: x)
        let standardError = residualStandardDeviation * (1 / weight + quadratic).squareRoot()
        return interval(estimate: estimate, standardError: standardError, level: level)
    }

    private func interval(estimate: Double, standardError: Double, level: Double) -> Interval {
        let df = Double(residualDegreesOfFreedom)
        let critical = df > 0 ? StudentT(degreesOfFreedom: df).quantile(0.5 + level / 2) : .nan
        return Interval(
            estimate: estimate, standardError: standardError, lower: estimate - critical * standardError,
            upper: estimate + critical * standardError)
    }
}
