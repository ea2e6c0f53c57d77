/// The size of a series, (1/n) Σ |yₜ|, at least 10⁻¹² (so an empty or all-zero series has
/// size 10⁻¹², never 0): the unit in which the Holt, Damped and DOTM
/// searches measure their sums of squares, so that their stops and their forecasts do not
/// depend on the series' units.
func meanAbsoluteValue(_ y: [Double]) -> Double {
    guard !y.isEmpty else { return 1e-12 }
    return max(y.reduce(0) { $0 + abs($1) } / Double(y.count), 1e-12)
}
