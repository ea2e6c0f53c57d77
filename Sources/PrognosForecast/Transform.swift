import Foundation

/// A scale a method forecasts on, so that its intervals respect an indicator's bounds.
///
/// - `identity`: g(y) = y.
/// - `logit(lower:upper:)`: for a quantity on a closed scale [L, U] (a share 0–100, an
///   index 1–6): u = (y − L)/(U − L), squeezed into [δ, 1 − δ] with δ = 10⁻³, and
///   g(y) = ln(u/(1 − u)); g⁻¹(z) = L + (U − L)/(1 + e⁻ᶻ). Every value of g⁻¹ lies strictly
///   inside (L, U): a band near 100 % approaches the bound without a point mass on it.
/// - `log1p`: for small non-negative counts and FTE figures, g(y) = ln(1 + y),
///   g⁻¹(z) = eᶻ − 1. Moves are relative for large values and absolute near 0, and the
///   upper tail grows with the level, as a count's does. g⁻¹ may fall below 0; the
///   distribution's lower bound censors it there (a count of 0 is a possible outcome).
///
/// Edge cases: a value outside the bounds is squeezed like one on them; `log1p` of a
/// value ≤ −1 is −∞ (there is none among non-negative quantities).
public enum Transform: Sendable, Equatable {
    case identity
    case logit(lower: Double, upper: Double)
    case log1p

    static let squeeze = 1e-3

    public func apply(_ y: Double) -> Double {
        switch self {
        case .identity:
            return y
        case .logit(let lower, let upper):
            let u = min(max((y - lower) / (upper - lower), Self.squeeze), 1 - Self.squeeze)
            return Foundation.log(u / (1 - u))
        case .log1p:
            return y > -1 ? Foundation.log1p(y) : -.infinity
        }
    }

    public func inverse(_ z: Double) -> Double {
        switch self {
        case .identity:
            return z
        case .logit(let lower, let upper):
            return lower + (upper - lower) / (1 + Foundation.exp(-z))
        case .log1p:
            return Foundation.expm1(z)
        }
    }
}
