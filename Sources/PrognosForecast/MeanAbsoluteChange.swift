/// The mean absolute one-step change of a series, (1/(n − 1)) Σ |yₜ − yₜ₋₁|: the scale of
/// MASE and MSIS for non-seasonal data (m = 1), and of the errors `auto` compares.
/// NaN for fewer than two values.
package func meanAbsoluteChange<C: RandomAccessCollection>(_ y: C) -> Double where C.Element == Double, C.Index == Int {
    guard y.count >= 2 else { return .nan }
    var sum = 0.0
    for t in (y.startIndex + 1)..<y.endIndex { sum += abs(y[t] - y[t - 1]) }
    return sum / Double(y.count - 1)
}
