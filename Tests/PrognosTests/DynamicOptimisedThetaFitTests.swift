import Foundation
import Testing

@testable import Prognos

/// DOTM's fit — a search over α with (ℓ₀, θ) solved exactly — against the objective
/// evaluated directly through the model's own recursion (``DynamicOptimisedTheta/path``),
/// and against the three-parameter Nelder–Mead search it replaced.
@Suite struct DynamicOptimisedThetaFitTests {
    /// Σₜ₌₃ⁿ (yₜ − μₜ)² with μ from the forecasting recursion.
    static func sumOfSquares(_ y: [Double], _ p: DynamicOptimisedTheta.Parameters) -> Double {
        let mu = DynamicOptimisedTheta.path(y, p, horizon: 0)
        var sum = 0.0
        for t in 2..<y.count {
            let error = y[t] - mu[t]
            sum += error * error
        }
        return sum
    }

    static let training: [[Double]] = M3BenchmarkTests.series.map { Array($0.values.dropLast($0.testCount)) }

    @Test func theConcentratedFitIsNeverWorseThanAThreeParameterSearch() throws {
        try #require(Self.training.count == 645)
        var lower = 0
        for y in Self.training {
            let fit = try #require(DynamicOptimisedTheta().fitParameters(y))
            #expect(fit.alpha >= 0.1 && fit.alpha <= 0.99)
            #expect(fit.theta >= 1 && fit.theta <= 1e4 * (1 + 1e-9))
            // The search of the authors' R package: (ℓ₀, α, θ) together from (y₁/2, 0.5, 2).
            let scale = max(y.reduce(0) { $0 + abs($1) } / Double(y.count), 1e-12)
            let spread = max((y.max() ?? 0) - (y.min() ?? 0), scale)
            let optimizer = NelderMead(
                lower: [y[0] / 2 - 10 * spread, 0.1, 1], upper: [y[0] / 2 + 10 * spread, 0.99, 1e4],
                maximumEvaluations: 2000)
            let (best, _) = optimizer.minimize(start: NelderMead.point([y[0] / 2, 0.5, 2])) { v in
                Self.sumOfSquares(y, .init(level0: v[0], alpha: v[1], theta: v[2]))
            }
            let searched = Self.sumOfSquares(y, .init(level0: best[0], alpha: best[1], theta: best[2]))
            let concentrated = Self.sumOfSquares(y, fit)
            #expect(concentrated <= searched * (1 + 1e-8) + 1e-300)
            if concentrated < searched * (1 - 1e-6) { lower += 1 }
        }
        #expect(lower >= 100)
    }

    @Test func forAGivenAlphaTheLevelAndThetaAreTheExactMinimum() throws {
        for y in Self.training.prefix(40) {
            let lines = DynamicOptimisedTheta.longTermLines(y)
            let spread = max((y.max() ?? 0) - (y.min() ?? 0), 1e-12)
            let box = DynamicOptimisedTheta.Box(levelLower: y[0] / 2 - 10 * spread, levelUpper: y[0] / 2 + 10 * spread)
            for alpha in [0.1, 0.35, 0.7, 0.99] {
                let solution = y.withUnsafeBufferPointer { y in
                    lines.a.withUnsafeBufferPointer { a in
                        lines.b.withUnsafeBufferPointer { b in
                            DynamicOptimisedTheta.concentrated(y, lines: (a, b), alpha: alpha, box: box)
                        }
                    }
                }
                let theta = 1 / (1 - solution.weight)
                let direct = Self.sumOfSquares(y, .init(level0: solution.level0, alpha: alpha, theta: theta))
                #expect(abs(solution.sse - direct) <= 1e-9 * max(direct, 1e-300))
                // No feasible neighbour in (ℓ₀, w) does better.
                for dl in [-1e-3, 0, 1e-3] {
                    for dw in [-1e-3, 0, 1e-3] {
                        let l = solution.level0 + dl * spread
                        let w = solution.weight + dw
                        guard w >= 0, w <= 1 - 1e-4, l >= box.levelLower, l <= box.levelUpper else { continue }
                        let neighbour = Self.sumOfSquares(y, .init(level0: l, alpha: alpha, theta: 1 / (1 - w)))
                        #expect(neighbour >= direct * (1 - 1e-9))
                    }
                }
            }
        }
    }

    @Test func thetaStopsAtOneWhenTheLineWouldBeSubtracted() throws {
        // A series that rises and then falls steadily: the long-term line points the wrong
        // way for the recent values, and the unconstrained optimum would have θ < 1.
        var y: [Double] = []
        for t in 0..<20 {
            let time = Double(t)
            y.append(t < 10 ? 100 + 5 * time : 145 - 6 * (time - 9))
        }
        let fit = try #require(DynamicOptimisedTheta().fitParameters(y))
        #expect(fit.theta >= 1)
        let counts = try Self.training.map { try #require(DynamicOptimisedTheta().fitParameters($0)).theta }
        #expect(counts.contains { $0 == 1 })
    }
}
