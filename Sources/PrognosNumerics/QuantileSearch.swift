import Foundation

/// Inverts a continuous, decreasing survival function S(x) on (0, ∞) to the x with
/// S(x) = target, to full double precision, by Newton's method on ln S (whose slope is
/// −f(x)/S(x)), safeguarded by a bracket that bisection falls back on.
///
/// Working in ln S keeps the relative accuracy of tail probabilities down to 1e-300,
/// where Newton on S itself would stall.
enum QuantileSearch {
    static func invertSurvival(
        target: Double, start: Double,
        survival: (Double) -> Double, density: (Double) -> Double
    ) -> Double {
        let logTarget = Foundation.log(target)
        var low = 0.0
        var high = Double.infinity
        var x = start > 0 && start.isFinite ? start : 1
        for _ in 0..<200 {
            let s = survival(x)
            let g = Foundation.log(s) - logTarget
            if g == 0 { return x }
            if g > 0 { low = x } else { high = x }
            let slope = -density(x) / s
            var next = x - g / slope
            if !(next > low && next < high) || !next.isFinite {
                next = high.isFinite ? 0.5 * (low + high) : max(2 * x, x + 1)
            }
            if abs(next - x) <= 2 * Double.ulpOfOne * abs(x) { return next }
            x = next
        }
        return x
    }
}
