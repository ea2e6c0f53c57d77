import Foundation

/// Logarithms of Γ and of the beta function, accurate in relative terms where the
/// incomplete beta needs them.
package enum LogGamma {
    /// ln Γ(x) for x > 0 (the C library's `lgamma`, accurate to a few ulp).
    package static func logGamma(_ x: Double) -> Double {
        Foundation.lgamma(x)
    }

    /// The remainder of Stirling's series, ln Γ(z) − [(z − ½) ln z − z + ½ ln 2π]
    /// = Σₖ B₂ₖ / (2k(2k − 1) z²ᵏ⁻¹), for z ≥ 8 (eight terms give full double precision).
    static func stirlingCorrection(_ z: Double) -> Double {
        let coefficients: [Double] = [
            1.0 / 12, -1.0 / 360, 1.0 / 1260, -1.0 / 1680, 1.0 / 1188, -691.0 / 360360, 1.0 / 156, -3617.0 / 122400,
        ]
        let inverse = 1 / z
        let inverseSquared = inverse * inverse
        var sum = 0.0
        for coefficient in coefficients.reversed() { sum = sum * inverseSquared + coefficient }
        return sum * inverse
    }

    /// ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b).
    ///
    /// When the larger argument is ≥ 8, ln Γ(large) − ln Γ(large + small) is computed
    /// from Stirling's series as −(l − ½) log1p(s/l) − s ln(l + s) + s + c(l) − c(l + s),
    /// which avoids the cancellation of two large lgamma values (e.g. a = ½, b = 500:
    /// lgamma ≈ 2600 each, their difference ≈ 3).
    package static func logBeta(_ a: Double, _ b: Double) -> Double {
        let small = min(a, b)
        let large = max(a, b)
        if large < 8 {
            return logGamma(a) + logGamma(b) - logGamma(a + b)
        }
        let ratio =
            -(large - 0.5) * Foundation.log1p(small / large) - small * Foundation.log(large + small) + small
            + stirlingCorrection(large) - stirlingCorrection(large + small)
        return logGamma(small) + ratio
    }
}
