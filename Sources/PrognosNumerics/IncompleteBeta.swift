import Foundation

/// The regularised incomplete beta function Iₓ(a, b) = B(x; a, b) / B(a, b) and its
/// complement 1 − Iₓ(a, b) = I₁₋ₓ(b, a), each accurate in relative terms even when
/// tiny (tail probabilities down to 1e-300).
///
/// Method: the continued fraction of Iₓ(a, b) (Abramowitz & Stegun 26.5.8), evaluated
/// by the modified Lentz algorithm, on whichever side converges fast
/// (x < (a + 1)/(a + b + 2)); the other side is 1 minus it, which loses nothing because it
/// is then the larger of the two. The prefactor xᵃ yᵇ / (a B(a, b)) is formed in logs
/// with ``LogGamma/logBeta(_:_:)``.
///
/// The caller passes both x and y = 1 − x, so that a y close to 0 (or x close to 1) that
/// was computed without cancellation, e.g. y = t²/(ν + t²) for Student's t, keeps its
/// accuracy.
enum IncompleteBeta {
    /// (Iₓ(a, b), 1 − Iₓ(a, b)) for a, b > 0 and x + y = 1, 0 ≤ x ≤ 1.
    static func regularized(a: Double, b: Double, x: Double, y: Double) -> (lower: Double, upper: Double) {
        if x <= 0 { return (0, 1) }
        if y <= 0 { return (1, 0) }
        if x < (a + 1) / (a + b + 2) {
            let lower = prefactor(a: a, b: b, x: x, y: y) * continuedFraction(a: a, b: b, x: x) / a
            return (lower, 1 - lower)
        } else {
            let upper = prefactor(a: b, b: a, x: y, y: x) * continuedFraction(a: b, b: a, x: y) / b
            return (1 - upper, upper)
        }
    }

    /// xᵃ yᵇ / B(a, b), in logs.
    static func prefactor(a: Double, b: Double, x: Double, y: Double) -> Double {
        Foundation.exp(a * Foundation.log(x) + b * Foundation.log(y) - LogGamma.logBeta(a, b))
    }

    /// The continued fraction 1/(1 + d₁/(1 + d₂/(1 + …))) of A&S 26.5.8 by modified Lentz.
    static func continuedFraction(a: Double, b: Double, x: Double) -> Double {
        let tiny = 1e-300
        let qab = a + b
        let qap = a + 1
        let qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...100_000 {
            let mm = Double(m)
            let m2 = 2 * mm
            var aa = mm * (b - mm) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + mm) * (qab + mm) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) <= Double.ulpOfOne { break }
        }
        return h
    }
}
