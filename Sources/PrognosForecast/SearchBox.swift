/// The box of up to four parameters that ``NelderMead`` and ``AdaptiveNelderMead``
/// search: per-parameter bounds in `SIMD4<Double>` lanes, the unused lanes held at 0 by
/// a zero-width box.
struct SearchBox {
    var lower: SIMD4<Double>
    var upper: SIMD4<Double>
    /// The number of parameters, 1…4.
    var dimension: Int

    /// A box from per-parameter bounds (1 to 4 of them; extra ones are ignored).
    init(lower: [Double], upper: [Double]) {
        dimension = min(4, lower.count, upper.count)
        self.lower = .zero
        self.upper = .zero
        for j in 0..<dimension {
            self.lower[j] = lower[j]
            self.upper[j] = upper[j]
        }
    }

    /// The point moved into the box, lane by lane.
    func clamp(_ x: SIMD4<Double>) -> SIMD4<Double> {
        x.replacing(with: lower, where: x .< lower).replacing(with: upper, where: x .> upper)
    }

    /// The objective at `x`, with NaN read as +∞, so an undefined trial point never wins.
    static func value(of objective: (SIMD4<Double>) -> Double, at x: SIMD4<Double>) -> Double {
        let value = objective(x)
        return value.isNaN ? .infinity : value
    }
}
