/// A deterministic Nelder–Mead minimiser over a box (Nelder & Mead 1965, with the
/// standard coefficients: reflection 1, expansion 2, contraction ½, shrink ½).
///
/// Bounds are enforced by clamping every trial point into the box, so the objective is
/// never evaluated outside it. The start simplex is the start point plus a step of 10 %
/// of each parameter's range along each axis (inward from a bound). Same input, same
/// iterates: there is no randomness.
///
/// Points are `SIMD4<Double>` (at most four parameters; unused lanes are held at 0 by a
/// zero-width box), and the simplex lives on the stack, so a fit allocates nothing on
/// the heap: the minimiser runs in the inner loop of `auto`'s cross-validation, hundreds
/// of thousands of times per second. Each step orders the vertices by value with a stable
/// insertion sort (ties keep their order). Every lane is computed with the same
/// operations, in the same order, as the scalar formulas above.
struct NelderMead {
    typealias Point = SIMD4<Double>

    var box: SearchBox
    var maximumEvaluations: Int = 1000
    /// Stop when the best and worst function values differ by less than this (relative).
    var tolerance: Double = 1e-10

    /// A box from per-parameter bounds (1 to 4 of them).
    init(lower: [Double], upper: [Double], maximumEvaluations: Int = 1000, tolerance: Double = 1e-10) {
        box = SearchBox(lower: lower, upper: upper)
        self.maximumEvaluations = maximumEvaluations
        self.tolerance = tolerance
    }

    /// Packs up to four parameters into a point (missing lanes 0).
    static func point(_ values: [Double]) -> Point {
        var point = Point.zero
        for j in 0..<min(4, values.count) { point[j] = values[j] }
        return point
    }

    func minimize(start: Point, _ objective: (Point) -> Double) -> (point: Point, value: Double) {
        let box = self.box
        let dimension = box.dimension
        let lower = box.lower
        let upper = box.upper
        func clamp(_ x: Point) -> Point { box.clamp(x) }
        func evaluate(_ x: Point) -> Double { SearchBox.value(of: objective, at: x) }
        // The simplex and its values live on the stack: a fit runs the minimiser once, and
        // `auto` fits several hundred thousand series a second.
        return withUnsafeTemporaryAllocation(of: Point.self, capacity: dimension + 1) { simplex in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: dimension + 1) { values in
                simplex.initialize(repeating: clamp(start))
                for j in 0..<dimension {
                    var vertex = simplex[0]
                    let step = 0.1 * (upper[j] - lower[j])
                    vertex[j] = vertex[j] + step <= upper[j] ? vertex[j] + step : vertex[j] - step
                    simplex[j + 1] = clamp(vertex)
                }
                for i in 0...dimension { values.initializeElement(at: i, to: evaluate(simplex[i])) }
                var evaluations = dimension + 1
                while evaluations < maximumEvaluations {
                    // Stable insertion sort by value: a vertex moves before another only
                    // when its value is strictly lower, so ties keep their order.
                    for i in 1...dimension {
                        let value = values[i]
                        let vertex = simplex[i]
                        var k = i
                        while k > 0 && value < values[k - 1] {
                            values[k] = values[k - 1]
                            simplex[k] = simplex[k - 1]
                            k -= 1
                        }
                        values[k] = value
                        simplex[k] = vertex
                    }
                    let best = values[0]
                    let worst = values[dimension]
                    if abs(worst - best) <= tolerance * (abs(best) + tolerance) { break }
                    var centroid = Point.zero
                    for i in 0..<dimension { centroid += simplex[i] / Double(dimension) }
                    let worstVertex = simplex[dimension]
                    let reflected = clamp(centroid + (centroid - worstVertex))
                    let reflectedValue = evaluate(reflected)
                    evaluations += 1
                    if reflectedValue < values[0] {
                        let expanded = clamp(centroid + 2 * (centroid - worstVertex))
                        let expandedValue = evaluate(expanded)
                        evaluations += 1
                        if expandedValue < reflectedValue {
                            simplex[dimension] = expanded
                            values[dimension] = expandedValue
                        } else {
                            simplex[dimension] = reflected
                            values[dimension] = reflectedValue
                        }
                    } else if reflectedValue < values[dimension - 1] {
                        simplex[dimension] = reflected
                        values[dimension] = reflectedValue
                    } else {
                        let outside = reflectedValue < values[dimension]
                        let target = outside ? reflected : worstVertex
                        let contracted = clamp(centroid + 0.5 * (target - centroid))
                        let contractedValue = evaluate(contracted)
                        evaluations += 1
                        if contractedValue < min(reflectedValue, values[dimension]) {
                            simplex[dimension] = contracted
                            values[dimension] = contractedValue
                        } else {
                            for i in 1...dimension {
                                simplex[i] = clamp(simplex[0] + 0.5 * (simplex[i] - simplex[0]))
                                values[i] = evaluate(simplex[i])
                            }
                            evaluations += dimension
                        }
                    }
                }
                var bestIndex = 0
                for i in 1...dimension where values[i] < values[bestIndex] { bestIndex = i }
                return (simplex[bestIndex], values[bestIndex])
            }
        }
    }
}
