import CLAPACK

/// An ordinary least-squares fit y ≈ X β by Householder QR (LAPACK `dgels`), never by
/// the normal equations.
///
/// With X = QR (R upper triangular, n × p), β = R⁻¹ Qᵀ y, the residual sum of squares
/// is ‖y − Xβ‖², and the unscaled covariance (XᵀX)⁻¹ = R⁻¹ R⁻ᵀ comes from the
/// triangular inverse (`dtrtri`). The estimated covariance of β is σ̂² (XᵀX)⁻¹ with
/// σ̂² = RSS / (n − p).
///
/// Edge cases: n < p, or a design whose R has a diagonal entry below the rank
/// tolerance ε · max(n, p) · max|Rᵢᵢ| (collinear columns), gives `nil`. With n = p
/// the fit is exact, RSS = 0 and σ̂² is undefined (`nan`).
public struct LeastSquaresFit: Sendable {
    public let coefficients: [Double]
    /// (XᵀX)⁻¹, p × p, row-major.
    public let unscaledCovariance: [Double]
    public let residualSumOfSquares: Double
    public let observationCount: Int

    public var parameterCount: Int { coefficients.count }
    public var residualDegreesOfFreedom: Int { observationCount - parameterCount }

    /// σ̂² = RSS / (n − p); `nan` when n = p.
    public var residualVariance: Double {
        residualDegreesOfFreedom > 0 ? residualSumOfSquares / Double(residualDegreesOfFreedom) : .nan
    }

    /// Standard error of coefficient j: √(σ̂² [(XᵀX)⁻¹]ⱼⱼ).
    public func standardError(_ j: Int) -> Double {
        (residualVariance * unscaledCovariance[j * parameterCount + j]).squareRoot()
    }

    /// Fits `response` on the columns of `design` (n × p, row-major).
    public init?(design: [Double], rows n: Int, columns p: Int, response: [Double]) {
        guard p > 0, n >= p, design.count == n * p, response.count == n else { return nil }
        // LAPACK wants column-major storage.
        var a = [Double](repeating: 0, count: n * p)
        for i in 0..<n {
            for j in 0..<p { a[j * n + i] = design[i * p + j] }
        }
        var b = response
        let info = LAPACKE_dgels(
            LAPACK_COL_MAJOR, Int8(UInt8(ascii: "N")), Int32(n), Int32(p), 1, &a, Int32(n), &b, Int32(n))
        guard info == 0 else { return nil }
        // Numerical rank: a diagonal entry of R below ε · max(n, p) · max|Rᵢᵢ| means the
        // columns are collinear to working precision (the LAPACK rank tolerance).
        var largestDiagonal = 0.0
        for j in 0..<p { largestDiagonal = max(largestDiagonal, abs(a[j * n + j])) }
        let tolerance = Double.ulpOfOne * Double(max(n, p)) * largestDiagonal
        for j in 0..<p where !(abs(a[j * n + j]) > tolerance) { return nil }

        let coefficients = Array(b[0..<p])
        var rss = 0.0
        for i in p..<n { rss += b[i] * b[i] }

        // R is the upper triangle of the first p rows; invert it in place.
        var r = [Double](repeating: 0, count: p * p)
        for j in 0..<p {
            for i in 0...j { r[j * p + i] = a[j * n + i] }
        }
        let inverted = LAPACKE_dtrtri(
            LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), Int8(UInt8(ascii: "N")), Int32(p), &r, Int32(p))
        guard inverted == 0 else { return nil }
        // (XᵀX)⁻¹ = R⁻¹ R⁻ᵀ; entry (i, k) = Σ_j R⁻¹[i, j] R⁻¹[k, j] over j ≥ max(i, k).
        var covariance = [Double](repeating: 0, count: p * p)
        for i in 0..<p {
            for k in i..<p {
                var sum = 0.0
                for j in k..<p { sum += r[j * p + i] * r[j * p + k] }
                covariance[i * p + k] = sum
                covariance[k * p + i] = sum
            }
        }
        self.coefficients = coefficients
        self.unscaledCovariance = covariance
        self.residualSumOfSquares = rss
        self.observationCount = n
    }
}
