import Foundation

/// Fisher's F distribution with d₁ (numerator) and d₂ (denominator) degrees of freedom.
///
/// With u = d₁x/(d₁x + d₂) and 1 − u = d₂/(d₁x + d₂) each computed directly:
/// cdf(x) = I_u(d₁/2, d₂/2), survival(x) = I_{1−u}(d₂/2, d₁/2), both accurate in
/// relative terms in their tails. The quantile inverts the survival function with
/// ``QuantileSearch`` (upper half) or the cdf through the reflection F(d₁, d₂) =
/// 1/F(d₂, d₁) (lower half). x ≤ 0 has cdf 0; invalid parameters give NaN.
public struct FDistribution: Sendable, Equatable {
    public let numeratorDegreesOfFreedom: Double
    public let denominatorDegreesOfFreedom: Double

    public init(numeratorDegreesOfFreedom: Double, denominatorDegreesOfFreedom: Double) {
        self.numeratorDegreesOfFreedom = numeratorDegreesOfFreedom
        self.denominatorDegreesOfFreedom = denominatorDegreesOfFreedom
    }

    private var isValid: Bool { numeratorDegreesOfFreedom > 0 && denominatorDegreesOfFreedom > 0 }

    public func cdf(_ x: Double) -> Double {
        guard isValid, !x.isNaN else { return .nan }
        if x <= 0 { return 0 }
        if x.isInfinite { return 1 }
        return split(x).lower
    }

    public func survival(_ x: Double) -> Double {
        guard isValid, !x.isNaN else { return .nan }
        if x <= 0 { return 1 }
        if x.isInfinite { return 0 }
        return split(x).upper
    }

    private func split(_ x: Double) -> (lower: Double, upper: Double) {
        let d1 = numeratorDegreesOfFreedom
        let d2 = denominatorDegreesOfFreedom
        let denominator = d1 * x + d2
        return IncompleteBeta.regularized(a: d1 / 2, b: d2 / 2, x: d1 * x / denominator, y: d2 / denominator)
    }

    public func density(_ x: Double) -> Double {
        guard x > 0 else { return 0 }
        let d1 = numeratorDegreesOfFreedom
        let d2 = denominatorDegreesOfFreedom
        let logDensity =
            0.5 * d1 * Foundation.log(d1 * x / (d1 * x + d2)) + 0.5 * d2 * Foundation.log(d2 / (d1 * x + d2))
            - Foundation.log(x) - LogGamma.logBeta(d1 / 2, d2 / 2)
        return Foundation.exp(logDensity)
    }

    public func quantile(_ p: Double) -> Double {
        guard isValid, p >= 0, p <= 1 else { return .nan }
        if p == 0 { return 0 }
        if p == 1 { return .infinity }
        if p >= 0.5 {
            return QuantileSearch.invertSurvival(target: 1 - p, start: 1, survival: survival, density: density)
        }
        // Lower tail: X ≤ x ⇔ 1/X ≥ 1/x with 1/X ~ F(d₂, d₁).
        let reflected = FDistribution(
            numeratorDegreesOfFreedom: denominatorDegreesOfFreedom,
            denominatorDegreesOfFreedom: numeratorDegreesOfFreedom)
        return 1
            / QuantileSearch.invertSurvival(
                target: p, start: 1, survival: reflected.survival, density: reflected.density)
    }
}
