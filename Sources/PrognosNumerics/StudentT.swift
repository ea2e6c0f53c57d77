import Foundation
import Synchronization

/// Student's t distribution with ν > 0 degrees of freedom.
///
/// - survival S(t) = ½ I_{ν/(ν+t²)}(ν/2, ½) for t ≥ 0, with y = t²/(ν + t²) passed
///   separately to the incomplete beta to avoid cancellation; cdf(t) = S(−t). ν = 1 (the
///   Cauchy) and ν = 2 use their closed forms: S(t) = atan2(1, t)/π and
///   S(t) = ½ (1 − t/√(2 + t²)) = 1 / (√(2 + t²) (√(2 + t²) + t)).
/// - quantile: closed forms for ν = 1 (1/tan(πp)) and ν = 2 ((1 − 2p)/√(2p(1 − p)));
///   otherwise ``QuantileSearch`` on the upper tail, started from the normal quantile,
///   and remembered (``solvedTails``): a run asks for the same few quantiles (the 80 %
///   and 95 % bounds at the degrees of freedom series lengths give) a million times.
///   p = 0 or 1 gives ∓∞; p outside [0, 1] or ν ≤ 0 gives NaN.
///
/// Relative accuracy about 1e-13 against scipy for ν from 1 to 1000 and probabilities
/// down to 1e-12 (see `Tests/PrognosTests/DistributionTests.swift`).
public struct StudentT: Sendable, Equatable {
    public let degreesOfFreedom: Double

    public init(degreesOfFreedom: Double) {
        self.degreesOfFreedom = degreesOfFreedom
    }

    public func cdf(_ t: Double) -> Double {
        survival(-t)
    }

    public func survival(_ t: Double) -> Double {
        let nu = degreesOfFreedom
        guard nu > 0, !t.isNaN else { return .nan }
        if t.isInfinite { return t > 0 ? 0 : 1 }
        if t < 0 { return 1 - survival(-t) }
        if t == 0 { return 0.5 }
        if nu == 1 { return Foundation.atan2(1, t) / Double.pi }
        if nu == 2 {
            let root = (2 + t * t).squareRoot()
            return 1 / (root * (root + t))
        }
        let t2 = t * t
        let denominator = nu + t2
        let x = nu / denominator
        let y = t2 / denominator
        return 0.5 * IncompleteBeta.regularized(a: nu / 2, b: 0.5, x: x, y: y).lower
    }

    public func density(_ t: Double) -> Double {
        let nu = degreesOfFreedom
        let logDensity =
            -LogGamma.logBeta(nu / 2, 0.5) - 0.5 * Foundation.log(nu) - (nu + 1) / 2 * Foundation.log1p(t * t / nu)
        return Foundation.exp(logDensity)
    }

    public func quantile(_ p: Double) -> Double {
        let nu = degreesOfFreedom
        guard nu > 0, p >= 0, p <= 1 else { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p == 0.5 { return 0 }
        // Solve in the smaller tail: S(t) = tail, t > 0.
        let tail = min(p, 1 - p)
        let sign: Double = p > 0.5 ? 1 : -1
        let t: Double
        if nu == 1 {
            t = 1 / Foundation.tan(Double.pi * tail)
        } else if nu == 2 {
            t = (1 - 2 * tail) / (2 * tail * (1 - tail)).squareRoot()
        } else {
            let key = SolvedTail(degreesOfFreedom: nu, tail: tail)
            if let known = Self.solvedTails.withLock({ $0[key] }) {
                t = known
            } else {
                let start = max(-Normal.quantile(tail), 1e-3)
                t = QuantileSearch.invertSurvival(
                    target: tail, start: start, survival: survival, density: density)
                Self.solvedTails.withLock { solved in
                    if solved.count < Self.solvedTailLimit { solved[key] = t }
                }
            }
        }
        return sign * t
    }

    /// A quantile search's question: the upper-tail probability at ν degrees of freedom.
    struct SolvedTail: Hashable {
        var degreesOfFreedom: Double
        var tail: Double
    }

    /// The searched quantiles so far, shared by all threads. The search is a function of
    /// (ν, tail) alone, so a remembered answer is the one a new search would give, and
    /// results do not depend on which thread searched first. At most ``solvedTailLimit``
    /// are kept, so callers asking for many distinct quantiles do not grow it without end.
    static let solvedTails = Mutex<[SolvedTail: Double]>([:])
    static let solvedTailLimit = 4096
}
