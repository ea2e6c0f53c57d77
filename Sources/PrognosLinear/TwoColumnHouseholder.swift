/// The least-squares line y = a + b·t through k points by two Householder reflections,
/// for fits too small to be worth a LAPACK call.
///
/// H₁ maps the column of ones to (−√k, 0, …); applied to t and y it gives R₁₁ = −√k,
/// R₁₂ = (H₁t)₀ and (H₁y)₀. H₂ does the same for the rest of H₁t, giving R₂₂. Then
/// z = Qᵀy, b = z₁/R₂₂, a = (z₀ − R₁₂ b)/R₁₁, the residual sum of squares is Σᵢ≥₂ zᵢ²
/// (the norm of the residual in the rotated basis, free of cancellation) and the
/// unscaled slope variance [(XᵀX)⁻¹]₁₁ = 1/R₂₂². No normal equations.
///
/// Edge cases: k < 2, or all t equal (R₂₂ = 0), gives NaN everywhere; with k = 2 the
/// residual sum of squares is 0. `times` and `values` are overwritten.
enum TwoColumnHouseholder {
    struct Result {
        var intercept: Double
        var slope: Double
        var residualSumOfSquares: Double
        var slopeVariance: Double
    }

    static func fit(
        times t: UnsafeMutableBufferPointer<Double>, values y: UnsafeMutableBufferPointer<Double>, count k: Int
    ) -> Result {
        let none = Result(intercept: .nan, slope: .nan, residualSumOfSquares: .nan, slopeVariance: .nan)
        guard k >= 2 else { return none }
        // H₁ = I − β₁ v vᵀ with v = (1 + √k, 1, …, 1).
        let root = Double(k).squareRoot()
        let r11 = -root
        let v0 = 1 + root
        let beta1 = 1 / (root * v0)  // 2 / vᵀv, vᵀv = v0² + (k − 1) = 2√k(1 + √k)
        var vt = v0 * t[0]
        var vy = v0 * y[0]
        for i in 1..<k {
            vt += t[i]
            vy += y[i]
        }
        t[0] -= beta1 * vt * v0
        y[0] -= beta1 * vy * v0
        for i in 1..<k {
            t[i] -= beta1 * vt
            y[i] -= beta1 * vy
        }
        let r12 = t[0]
        // H₂ on rows 1…k−1.
        var norm = 0.0
        for i in 1..<k { norm += t[i] * t[i] }
        norm = norm.squareRoot()
        guard norm > 0 else { return none }
        let r22 = t[1] > 0 ? -norm : norm
        let u0 = t[1] - r22
        let beta2 = 1 / (norm * abs(u0))  // 2 / uᵀu, uᵀu = 2‖u‖(‖u‖ + |t₁|) = 2 norm |u0|
        var uy = u0 * y[1]
        for i in 2..<k { uy += t[i] * y[i] }
        y[1] -= beta2 * uy * u0
        var rss = 0.0
        for i in 2..<k {
            y[i] -= beta2 * uy * t[i]
            rss += y[i] * y[i]
        }
        let slope = y[1] / r22
        let intercept = (y[0] - r12 * slope) / r11
        return Result(intercept: intercept, slope: slope, residualSumOfSquares: rss, slopeVariance: 1 / (r22 * r22))
    }
}
