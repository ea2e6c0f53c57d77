import Foundation
import PrognosNumerics

/// The predictive distribution of one future value: a location-scale family on a
/// transformed scale, censored at the indicator's bounds.
///
/// The variable is X = g⁻¹(location + scale · Z) with Z standard normal, Student t
/// (ν degrees of freedom) or a point mass (scale 0), and g the ``Transform`` (the identity
/// unless a method forecast on another scale; `location` and `scale` are then on g's
/// scale). Values beyond a bound are moved onto it (censoring), so no quantile or interval
/// leaves [lower, upper] and the cdf jumps to 1 at the upper bound. The point forecast is
/// the median, g⁻¹(location) clamped to the bounds.
public struct PredictiveDistribution: Sendable, Equatable {
    public enum Shape: Sendable, Equatable {
        case normal
        case studentT(degreesOfFreedom: Double)
    }

    public var location: Double
    public var scale: Double
    public var shape: Shape
    public var lowerBound: Double?
    public var upperBound: Double?
    /// The scale `location` and `scale` are on.
    public var transform: Transform

    public init(
        location: Double, scale: Double, shape: Shape = .normal, lowerBound: Double? = nil, upperBound: Double? = nil,
        transform: Transform = .identity
    ) {
        self.location = location
        self.scale = max(0, scale)
        self.shape = shape
        self.lowerBound = lowerBound
        self.upperBound = upperBound
        self.transform = transform
    }

    /// The same distribution censored at other bounds.
    public func bounded(lower: Double?, upper: Double?) -> PredictiveDistribution {
        PredictiveDistribution(
            location: location, scale: scale, shape: shape, lowerBound: lower, upperBound: upper, transform: transform)
    }

    /// The point forecast: the median, within the bounds.
    public var point: Double { clamp(transform.inverse(location)) }

    /// (g(x) − location)/scale: where x falls on the standard variable Z (scale > 0). On a
    /// logit scale a value at or beyond a bound of the scale is ±∞: X never reaches it;
    /// inside, g is the exact logit (the squeeze of ``Transform`` is for data on a bound).
    public func standardized(_ x: Double) -> Double {
        if case .logit(let lower, let upper) = transform {
            if x >= upper { return .infinity }
            if x <= lower { return -.infinity }
            // Exactly, without the squeeze that keeps data at a bound finite: so that the
            // cdf inverts the quantile all the way to the bounds.
            let u = (x - lower) / (upper - lower)
            return (Foundation.log(u / (1 - u)) - location) / scale
        }
        return (transform.apply(x) - location) / scale
    }

    func clamp(_ x: Double) -> Double {
        var value = x
        if let lowerBound, value < lowerBound { value = lowerBound }
        if let upperBound, value > upperBound { value = upperBound }
        return value
    }

    /// The p-quantile of the censored distribution, 0 < p < 1.
    public func quantile(_ p: Double) -> Double {
        guard scale > 0, scale.isFinite else { return point }
        let z: Double
        switch shape {
        case .normal: z = Normal.quantile(p)
        case .studentT(let df): z = StudentT(degreesOfFreedom: df).quantile(p)
        }
        return clamp(transform.inverse(location + scale * z))
    }

    /// P(X ≤ x) of the censored distribution.
    public func cdf(_ x: Double) -> Double {
        if let lowerBound, x < lowerBound { return 0 }
        if let upperBound, x >= upperBound { return 1 }
        guard scale > 0, scale.isFinite else { return x >= point ? 1 : 0 }
        let z = standardized(x)
        switch shape {
        case .normal: return Normal.cdf(z)
        case .studentT(let df): return StudentT(degreesOfFreedom: df).cdf(z)
        }
    }

    /// P(X ≥ x) of the censored distribution (the upper tail, accurate when small).
    public func survival(_ x: Double) -> Double {
        if let lowerBound, x <= lowerBound { return 1 }
        if let upperBound, x > upperBound { return 0 }
        guard scale > 0, scale.isFinite else { return x <= point ? 1 : 0 }
        let z = standardized(x)
        switch shape {
        case .normal: return Normal.survival(z)
        case .studentT(let df): return StudentT(degreesOfFreedom: df).survival(z)
        }
    }

    /// The central interval holding probability `level` (e.g. 0.95).
    public func interval(_ level: Double) -> (lower: Double, upper: Double) {
        (quantile(0.5 - level / 2), quantile(0.5 + level / 2))
    }

    /// The continuous ranked probability score of the uncensored distribution at y
    /// (Gneiting & Raftery 2007): for the normal, σ[z(2Φ(z) − 1) + 2φ(z) − 1/√π] with
    /// z = (y − μ)/σ; for Student t with ν > 1, σ[z(2F(z) − 1) + 2f(z)(ν + z²)/(ν − 1)
    /// − 2√ν B(½, ν − ½) / ((ν − 1) B(½, ν/2)²)] (Jordan, Krüger & Lerch 2019,
    /// scoringRules); |y − μ| for a point mass. On a transformed scale it is the mean of
    /// the quantile scores, CRPS = 2 ∫₀¹ (1{y ≤ q_τ} − τ)(q_τ − y) dτ, by the midpoint rule
    /// on 200 levels (of the censored distribution).
    public func crps(_ y: Double) -> Double {
        guard scale > 0, scale.isFinite else { return abs(y - point) }
        guard transform == .identity else {
            let levels = 200
            var total = 0.0
            for i in 0..<levels {
                let tau = (Double(i) + 0.5) / Double(levels)
                let q = quantile(tau)
                total += ((y <= q ? 1 : 0) - tau) * (q - y)
            }
            return 2 * total / Double(levels)
        }
        let z = (y - location) / scale
        switch shape {
        case .normal:
            return scale * (z * (2 * Normal.cdf(z) - 1) + 2 * Normal.density(z) - 1 / Double.pi.squareRoot())
        case .studentT(let nu):
            guard nu > 1 else { return .nan }
            let t = StudentT(degreesOfFreedom: nu)
            let ratio = Foundation.exp(LogGamma.logBeta(0.5, nu - 0.5) - 2 * LogGamma.logBeta(0.5, nu / 2))
            return scale
                * (z * (2 * t.cdf(z) - 1) + 2 * t.density(z) * (nu + z * z) / (nu - 1)
                    - 2 * nu.squareRoot() / (nu - 1) * ratio)
        }
    }
}
