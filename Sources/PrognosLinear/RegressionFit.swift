import PrognosNumerics

/// A linear regression y = Xβ + e fitted by least squares, with the statistics of
/// classical OLS (or WLS with known weights).
///
/// The solution is ``LeastSquaresSolution`` (pivoted Householder QR with iterative
/// refinement). With weights wᵢ > 0 the problem is solved as OLS on √wᵢ-scaled rows,
/// as statsmodels' WLS does. Definitions, with n observations, p columns and k = 1 when
/// the design has an intercept (else 0):
///
/// - RSS = Σ wᵢ rᵢ²; residual variance σ̂² = RSS / (n − p); residual SD σ̂.
/// - Cov(β̂) = σ̂² (XᵀWX)⁻¹ with (XᵀWX)⁻¹ = S P R⁻¹ R⁻ᵀ Pᵀ S from the QR factors.
/// - TSS = Σ wᵢ (yᵢ − ȳ_w)² with an intercept; Σ wᵢ yᵢ² without one (uncentred, as NIST
///   and statsmodels define it). ESS = Σ wᵢ (ŷᵢ − ȳ_w)² (or Σ wᵢ ŷᵢ²), computed from the
///   fitted values rather than as TSS − RSS, so that a small R² keeps its digits.
/// - R² = ESS / TSS; adjusted R² = 1 − (1 − R²)(n − k)/(n − p).
/// - F = (ESS / (p − k)) / σ̂² on (p − k, n − p) degrees of freedom.
/// - tⱼ = β̂ⱼ / SE(β̂ⱼ), two-sided pⱼ = 2 S_t(|tⱼ|; n − p).
///
/// Edge cases: an exact fit (RSS = 0) has zero standard errors and an infinite F; with
/// n = p the residual variance, standard errors and F are NaN.
public struct RegressionFit: Sendable {
    /// The name of each column of the design, e.g. `["intercept", "x", "x^2"]`.
    public let terms: [String]
    public let coefficients: [Double]
    public let standardErrors: [Double]
    /// (XᵀWX)⁻¹, p × p, row-major.
    public let unscaledCovariance: [Double]
    /// rᵢ = yᵢ − x̂ᵢβ̂ on the original (unweighted) scale.
    public let residuals: [Double]
    public let fitted: [Double]
    public let residualSumOfSquares: Double
    public let explainedSumOfSquares: Double
    public let totalSumOfSquares: Double
    public let observationCount: Int
    public let hasIntercept: Bool
    /// The QR factors, for intervals at new points.
    public let solution: LeastSquaresSolution

    public var parameterCount: Int { coefficients.count }
    public var residualDegreesOfFreedom: Int { observationCount - parameterCount }
    public var modelDegreesOfFreedom: Int { parameterCount - (hasIntercept ? 1 : 0) }

    public var residualVariance: Double {
        residualDegreesOfFreedom > 0 ? residualSumOfSquares / Double(residualDegreesOfFreedom) : .nan
    }

    public var residualStandardDeviation: Double { residualVariance.squareRoot() }

    public var rSquared: Double { explainedSumOfSquares / totalSumOfSquares }

    public var adjustedRSquared: Double {
        let k = hasIntercept ? 1.0 : 0.0
        return 1 - (1 - rSquared) * (Double(observationCount) - k) / Double(residualDegreesOfFreedom)
    }

    public var fStatistic: Double {
        guard modelDegreesOfFreedom > 0 else { return .nan }
        return (explainedSumOfSquares / Double(modelDegreesOfFreedom)) / residualVariance
    }

    /// P(F ≥ f) on (p − k, n − p) degrees of freedom.
    public var fPValue: Double {
        guard modelDegreesOfFreedom > 0, residualDegreesOfFreedom > 0 else { return .nan }
        return FDistribution(
            numeratorDegreesOfFreedom: Double(modelDegreesOfFreedom),
            denominatorDegreesOfFreedom: Double(residualDegreesOfFreedom)
        ).survival(fStatistic)
    }

    public var tValues: [Double] {
        zip(coefficients, standardErrors).map { $0 / $1 }
    }

    /// Two-sided p-values of the t statistics.
    public var pValues: [Double] {
        guard residualDegreesOfFreedom > 0 else { return coefficients.map { _ in .nan } }
        let t = StudentT(degreesOfFreedom: Double(residualDegreesOfFreedom))
        return tValues.map { value in value.isNaN ? .nan : 2 * t.survival(abs(value)) }
    }

    /// Fits `response` on the columns of `design`.
    ///
    /// - Parameters:
    ///   - hasIntercept: whether one column is the constant (decides centred or uncentred R²).
    ///   - weights: positive weights for WLS, or nil for OLS.
    public init(
        design: Matrix, response: [Double], terms: [String]? = nil, hasIntercept: Bool, weights: [Double]? = nil
    ) throws(LinearAlgebraError) {
        let n = design.rows
        let p = design.columns
        var weightedDesign = design
        var weightedResponse = response
        if let weights {
            guard weights.count == n, weights.allSatisfy({ $0 > 0 && $0.isFinite }) else { throw .nonFinite }
            for i in 0..<n {
                let root = weights[i].squareRoot()
                weightedResponse[i] *= root
                for j in 0..<p { weightedDesign[i, j] *= root }
            }
        }
        let solution = try LeastSquaresSolution(design: weightedDesign, response: weightedResponse)
        let qr = solution.qr
        let w = weights ?? [Double](repeating: 1, count: n)

        var residuals = solution.residuals
        if weights != nil {
            for i in 0..<n { residuals[i] /= w[i].squareRoot() }
        }
        let fitted = (0..<n).map { response[$0] - residuals[$0] }

        let rss = CompensatedArithmetic.sumOfSquares(solution.residuals)
        let meanY: Double
        if hasIntercept {
            let weightSum = CompensatedArithmetic.sum2(w)
            meanY = CompensatedArithmetic.sum2((0..<n).map { w[$0] * response[$0] }) / weightSum
        } else {
            meanY = 0
        }
        let tss = CompensatedArithmetic.sumOfSquares((0..<n).map { w[$0].squareRoot() * (response[$0] - meanY) })
        let ess = CompensatedArithmetic.sumOfSquares((0..<n).map { w[$0].squareRoot() * (fitted[$0] - meanY) })

        // (XᵀWX)⁻¹ = S P R⁻¹ R⁻ᵀ Pᵀ S.
        let inverse = try qr.inverseR()
        var covariance = [Double](repeating: 0, count: p * p)
        for a in 0..<p {
            for b in a..<p {
                var sum = 0.0
                for k in b..<p { sum += inverse[a + k * p] * inverse[b + k * p] }
                let i = qr.permutation[a]
                let j = qr.permutation[b]
                let value = sum * qr.scales[i] * qr.scales[j]
                covariance[i * p + j] = value
                covariance[j * p + i] = value
            }
        }
        let variance = n > p ? rss / Double(n - p) : .nan
        self.terms = terms ?? (0..<p).map { "x\($0)" }
        self.coefficients = solution.coefficients
        self.standardErrors = (0..<p).map { (variance * covariance[$0 * p + $0]).squareRoot() }
        self.unscaledCovariance = covariance
        self.residuals = residuals
        self.fitted = fitted
        self.residualSumOfSquares = rss
        self.explainedSumOfSquares = ess
        self.totalSumOfSquares = tss
        self.observationCount = n
        self.hasIntercept = hasIntercept
        self.solution = solution
    }
}
