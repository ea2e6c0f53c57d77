/// Brent's method for a minimum of a function of one variable on [a, b] ("localmin",
/// R. P. Brent, *Algorithms for Minimization without Derivatives*, 1973, ch. 5; the
/// algorithm of R's `optimize` and of netlib's `fmin`).
///
/// It keeps a bracket [a, b] and the three lowest points x ≤ w ≤ v by value, and steps to
/// the vertex of the parabola through them when that vertex lies inside the bracket and
/// the step is less than half the step before last; otherwise it takes a golden-section
/// step, c = (3 − √5)/2 of the larger part of the bracket, from x. The first point is
/// a + c (b − a). It stops when the bracket around x is within 2·tol of x, tol =
/// `relativeTolerance`·|x| + `absoluteTolerance`; no two evaluations are closer than tol.
/// On a smooth unimodal function it converges superlinearly, and never slower than
/// golden section; on a function with several local minima it finds one of them.
///
/// Edge cases: NaN values count as +∞. The method itself never evaluates the ends a and
/// b; when it stops within 2·tol of one, that end is evaluated too and returned if lower,
/// so a minimum at a bound is found exactly. A degenerate interval (a = b) returns a.
/// Same function, same iterates: there is no randomness.
struct BrentMinimizer {
    var absoluteTolerance: Double = 1e-7
    /// About √ε: closer than this, the function's own rounding hides the minimum.
    var relativeTolerance: Double = 1.5e-8
    var maximumEvaluations: Int = 100

    func minimize(lower: Double, upper: Double, _ function: (Double) -> Double) -> (point: Double, value: Double) {
        func f(_ x: Double) -> Double {
            let value = function(x)
            return value.isNaN ? .infinity : value
        }
        guard upper > lower else { return (lower, f(lower)) }
        let golden = 0.381_966_011_250_105_1  // (3 − √5)/2
        var a = lower
        var b = upper
        var x = a + golden * (b - a)
        var fx = f(x)
        var w = x
        var fw = fx
        var v = x
        var fv = fx
        var step = 0.0  // d: the last step
        var previousStep = 0.0  // e: the step before it
        var evaluations = 1
        while evaluations < maximumEvaluations {
            let middle = 0.5 * (a + b)
            let tol = relativeTolerance * abs(x) + absoluteTolerance
            let tol2 = 2 * tol
            if abs(x - middle) <= tol2 - 0.5 * (b - a) { break }
            var parabolic = false
            if abs(previousStep) > tol {
                // The vertex of the parabola through (x, fx), (w, fw), (v, fv), as x + p/q.
                var r = (x - w) * (fx - fv)
                var q = (x - v) * (fx - fw)
                var p = (x - v) * q - (x - w) * r
                q = 2 * (q - r)
                if q > 0 { p = -p } else { q = -q }
                r = previousStep
                previousStep = step
                if abs(p) < abs(0.5 * q * r) && p > q * (a - x) && p < q * (b - x) {
                    step = p / q
                    let u = x + step
                    // Not too near an end of the bracket.
                    if u - a < tol2 || b - u < tol2 { step = x < middle ? tol : -tol }
                    parabolic = true
                }
            }
            if !parabolic {
                previousStep = (x < middle ? b : a) - x
                step = golden * previousStep
            }
            let u = abs(step) >= tol ? x + step : x + (step > 0 ? tol : -tol)
            let fu = f(u)
            evaluations += 1
            if fu <= fx {
                if u < x { b = x } else { a = x }
                v = w
                fv = fw
                w = x
                fw = fx
                x = u
                fx = fu
            } else {
                if u < x { a = u } else { b = u }
                if fu <= fw || w == x {
                    v = w
                    fv = fw
                    w = u
                    fw = fu
                } else if fu <= fv || v == x || v == w {
                    v = u
                    fv = fu
                }
            }
        }
        // Brent's method never evaluates the ends; when it stopped beside one, the minimum
        // may be the end itself (a parameter at its bound), so that end is tried too.
        let endTolerance = 2 * (relativeTolerance * abs(x) + absoluteTolerance)
        for end in [lower, upper] where abs(x - end) <= endTolerance {
            let value = f(end)
            if value < fx { return (end, value) }
        }
        return (x, fx)
    }
}
