/// Nelder–Mead with the dimension-adapted coefficients of Gao & Han, "Implementing the
/// Nelder–Mead simplex algorithm with adaptive parameters", Computational Optimization
/// and Applications 51, 2012: for n parameters, reflection 1, expansion 1 + 2/n,
/// contraction 3/4 − 1/(2n), shrink 1 − 1/n. This is the variant statsforecast's
/// DynamicOptimizedTheta and AutoETS search with, set up as they set it up, so the `dotm`
/// method fits as the published implementation does (docs/forecasting-experiments.md).
///
/// - Start simplex: the start point and, for each axis i, the start point with its i-th
///   coordinate times 1 + `initialStep` (5 %), or `zeroStep` where that coordinate is 0.
///   All points are clamped into the box, and every trial point is clamped too, so the
///   objective is never evaluated outside it.
/// - Step: reflect the worst vertex through the centroid of the others. Keep the reflection
///   if it lies between the best and the second worst; expand if it is the new best
///   (keeping the better of the two); contract outside if it lies between the second
///   worst and the worst, inside if it is no better than the worst; shrink all vertices
///   toward the best when the contraction fails.
/// - Stop: when the population standard deviation of the simplex's values falls below
///   `tolerance` (an absolute figure, so the objective should be scale-free), or after
///   `maximumIterations` steps. The best vertex is returned.
///
/// Clamping can flatten the simplex onto a face of the box: once every vertex sits on a
/// bound in one coordinate, no step can leave it, even where the minimum lies inside (a
/// test shows a quadratic held at a bound it does not need). statsforecast's search
/// shares this; the `dotm` method keeps it, being that search.
///
/// Same input, same iterates: ties between values keep the vertices' order (a stable
/// insertion sort), and nothing is random. Points are `SIMD4<Double>` (up to four
/// parameters; unused lanes are held at 0 by a zero-width box) and the simplex lives on
/// the stack, as in ``NelderMead``.
struct AdaptiveNelderMead {
    typealias Point = SIMD4<Double>

    var box: SearchBox
    var initialStep = 0.05
    var zeroStep = 1e-4
    var maximumIterations = 1000
    /// Stop when the simplex's values have a standard deviation below this.
    var tolerance: Double

    /// A box from per-parameter bounds (1 to 4 of them).
    init(lower: [Double], upper: [Double], tolerance: Double, maximumIterations: Int = 1000) {
        box = SearchBox(lower: lower, upper: upper)
        self.tolerance = tolerance
        self.maximumIterations = maximumIterations
    }

    func minimize(start: Point, _ objective: (Point) -> Double) -> (point: Point, value: Double) {
        let box = self.box
        let dimension = box.dimension
        let n = Double(dimension)
        let expansion = 1 + 2 / n
        let contraction = 0.75 - 1 / (2 * n)
        let shrink = 1 - 1 / n
        func clamp(_ x: Point) -> Point { box.clamp(x) }
        func evaluate(_ x: Point) -> Double { SearchBox.value(of: objective, at: x) }
        return withUnsafeTemporaryAllocation(of: Point.self, capacity: dimension + 1) { simplex in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: dimension + 1) { values in
                withUnsafeTemporaryAllocation(of: Int.self, capacity: dimension + 1) { order in
                    let origin = clamp(start)
                    simplex.initialize(repeating: origin)
                    for i in 0..<dimension {
                        var vertex = origin
                        vertex[i] = vertex[i] == 0 ? zeroStep : vertex[i] * (1 + initialStep)
                        simplex[i] = clamp(vertex)
                    }
                    for i in 0...dimension { values.initializeElement(at: i, to: evaluate(simplex[i])) }
                    order.initialize(repeating: 0)
                    for _ in 0..<maximumIterations {
                        if Self.standardDeviation(values) < tolerance { break }
                        // Vertices by value, ties in row order (stable insertion sort).
                        for i in 0...dimension {
                            var k = i
                            while k > 0 && values[i] < values[order[k - 1]] {
                                order[k] = order[k - 1]
                                k -= 1
                            }
                            order[k] = i
                        }
                        let best = order[0]
                        let worst = order[dimension]
                        let secondWorst = order[dimension - 1]
                        var centroid = Point.zero
                        for i in 0...dimension where i != worst { centroid += simplex[i] }
                        centroid /= Point(repeating: n)
                        let reflected = clamp(centroid + (centroid - simplex[worst]))
                        let reflectedValue = evaluate(reflected)
                        if values[best] <= reflectedValue && reflectedValue < values[secondWorst] {
                            simplex[worst] = reflected
                            values[worst] = reflectedValue
                            continue
                        }
                        if reflectedValue < values[best] {
                            let expanded = clamp(centroid + expansion * (reflected - centroid))
                            let expandedValue = evaluate(expanded)
                            let keepExpanded = expandedValue < reflectedValue
                            simplex[worst] = keepExpanded ? expanded : reflected
                            values[worst] = keepExpanded ? expandedValue : reflectedValue
                            continue
                        }
                        if reflectedValue < values[worst] {
                            let outside = clamp(centroid + contraction * (reflected - centroid))
                            let outsideValue = evaluate(outside)
                            if outsideValue <= reflectedValue {
                                simplex[worst] = outside
                                values[worst] = outsideValue
                                continue
                            }
                        } else {
                            let inside = clamp(centroid - contraction * (reflected - centroid))
                            let insideValue = evaluate(inside)
                            if insideValue < values[worst] {
                                simplex[worst] = inside
                                values[worst] = insideValue
                                continue
                            }
                        }
                        for i in 0...dimension where i != best {
                            simplex[i] = clamp(simplex[best] + shrink * (simplex[i] - simplex[best]))
                            values[i] = evaluate(simplex[i])
                        }
                    }
                    var bestIndex = 0
                    for i in 1...dimension where values[i] < values[bestIndex] { bestIndex = i }
                    return (simplex[bestIndex], values[bestIndex])
                }
            }
        }
    }

    /// The population standard deviation of the simplex's values (∞ if any is infinite,
    /// so a simplex with an infeasible vertex never counts as converged).
    static func standardDeviation(_ values: UnsafeMutableBufferPointer<Double>) -> Double {
        var sum = 0.0
        for value in values { sum += value }
        let mean = sum / Double(values.count)
        guard mean.isFinite else { return .infinity }
        var squares = 0.0
        for value in values { squares += (value - mean) * (value - mean) }
        return (squares / Double(values.count)).squareRoot()
    }
}
