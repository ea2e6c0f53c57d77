/// A deterministic Nelder–Mead minimiser over a box (Nelder & Mead 1965, with the
/// standard coefficients: reflection 1, expansion 2, contraction ½, shrink ½).
///
/// Bounds are enforced by clamping every trial point into the box, so the objective is
/// never evaluated outside it. The start simplex is the start point plus a step of 10 %
/// of each parameter's range along each axis (inward from a bound). Same input, same
/// iterates: there is no randomness.
struct NelderMead {
    var lower: [Double]
    var upper: [Double]
    var maximumEvaluations: Int = 1000
    /// Stop when the best and worst function values differ by less than this (relative).
    var tolerance: Double = 1e-10

    func minimize(start: [Double], _ objective: ([Double]) -> Double) -> (point: [Double], value: Double) {
        let dimension = start.count
        func clamp(_ x: [Double]) -> [Double] {
            (0..<dimension).map { min(max(x[$0], lower[$0]), upper[$0]) }
        }
        func evaluate(_ x: [Double]) -> Double {
            let value = objective(x)
            return value.isNaN ? .infinity : value
        }
        var simplex = [clamp(start)]
        for j in 0..<dimension {
            var vertex = simplex[0]
            let step = 0.1 * (upper[j] - lower[j])
            vertex[j] = vertex[j] + step <= upper[j] ? vertex[j] + step : vertex[j] - step
            simplex.append(clamp(vertex))
        }
        var values = simplex.map(evaluate)
        var evaluations = simplex.count
        while evaluations < maximumEvaluations {
            let order = (0...dimension).sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
            simplex = order.map { simplex[$0] }
            values = order.map { values[$0] }
            let best = values[0]
            let worst = values[dimension]
            if abs(worst - best) <= tolerance * (abs(best) + tolerance) { break }
            var centroid = [Double](repeating: 0, count: dimension)
            for vertex in simplex.dropLast() {
                for j in 0..<dimension { centroid[j] += vertex[j] / Double(dimension) }
            }
            let reflected = clamp((0..<dimension).map { centroid[$0] + (centroid[$0] - simplex[dimension][$0]) })
            let reflectedValue = evaluate(reflected)
            evaluations += 1
            if reflectedValue < values[0] {
                let expanded = clamp((0..<dimension).map { centroid[$0] + 2 * (centroid[$0] - simplex[dimension][$0]) })
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
                let target = outside ? reflected : simplex[dimension]
                var contracted = [Double](repeating: 0, count: dimension)
                for j in 0..<dimension { contracted[j] = centroid[j] + 0.5 * (target[j] - centroid[j]) }
                contracted = clamp(contracted)
                let contractedValue = evaluate(contracted)
                evaluations += 1
                if contractedValue < min(reflectedValue, values[dimension]) {
                    simplex[dimension] = contracted
                    values[dimension] = contractedValue
                } else {
                    for i in 1...dimension {
                        simplex[i] = clamp((0..<dimension).map { simplex[0][$0] + 0.5 * (simplex[i][$0] - simplex[0][$0]) })
                        values[i] = evaluate(simplex[i])
                    }
                    evaluations += dimension
                }
            }
        }
        let bestIndex = (0...dimension).min { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) } ?? 0
        return (simplex[bestIndex], values[bestIndex])
    }
}
