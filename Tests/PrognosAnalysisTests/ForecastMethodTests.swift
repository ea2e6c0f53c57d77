import Foundation
import PrognosTestSupport
import Testing

@testable import PrognosAnalysis
@testable import PrognosForecast
@testable import PrognosIngest
@testable import PrognosLinear
@testable import PrognosModel
@testable import PrognosSupport

@Suite struct ForecastMethodTests {
    @Test func nelderMeadFindsTheRosenbrockMinimumInsideTheBox() {
        let optimizer = NelderMead(lower: [-2, -1], upper: [2, 3], maximumEvaluations: 5000, tolerance: 1e-16)
        let (point, value) = optimizer.minimize(start: NelderMead.point([-1.2, 1])) { x in
            100 * pow(x[1] - x[0] * x[0], 2) + pow(1 - x[0], 2)
        }
        #expect(abs(point[0] - 1) < 1e-4 && abs(point[1] - 1) < 1e-4, "\(point)")
        #expect(value < 1e-8)
        // A minimum outside the box ends on the boundary.
        let (bounded, _) = NelderMead(lower: [0], upper: [1]).minimize(start: NelderMead.point([0.5])) { x in
            (x[0] - 3) * (x[0] - 3)
        }
        #expect(abs(bounded[0] - 1) < 1e-6)
    }

    @Test func brentFindsInteriorAndEndMinima() {
        let minimizer = BrentMinimizer(absoluteTolerance: 1e-9)
        // A smooth valley inside the interval.
        let (x, value) = minimizer.minimize(lower: 0, upper: 2) { ($0 - 0.3) * ($0 - 0.3) + 1 }
        #expect(abs(x - 0.3) < 1e-6 && abs(value - 1) < 1e-12, "\(x)")
        // Decreasing towards an end: the end itself, exactly.
        #expect(minimizer.minimize(lower: 1e-4, upper: 0.9999) { -$0 }.point == 0.9999)
        #expect(minimizer.minimize(lower: 1e-4, upper: 0.9999) { $0 }.point == 1e-4)
        // NaN counts as +∞: the search stays where the function is defined.
        let (defined, _) = minimizer.minimize(lower: 0, upper: 1) { $0 > 0.5 ? .nan : ($0 - 0.2) * ($0 - 0.2) }
        #expect(abs(defined - 0.2) < 1e-6, "\(defined)")
        // A degenerate interval.
        #expect(minimizer.minimize(lower: 3, upper: 3) { $0 }.point == 3)
        // Each evaluation point is different from the others by more than the tolerance.
        var points: [Double] = []
        _ = BrentMinimizer(absoluteTolerance: 1e-3).minimize(lower: 0, upper: 1) { x in
            points.append(x)
            return cos(6 * x)
        }
        let sorted = points.sorted()
        #expect(zip(sorted, sorted.dropFirst()).allSatisfy { $1 - $0 >= 1e-3 * 0.99 }, "\(sorted)")
    }

    @Test func randomWalkFormulas() throws {
        let y: [Double] = [10, 12, 11, 15, 16]
        let naive = try #require(RandomWalk(drift: false).forecast(y, horizon: 3))
        #expect(naive.points == [16, 16, 16])
        // σ² = (4 + 1 + 16 + 1)/4 = 5.5; v₃ = 3σ².
        #expect(abs(naive.distributions[2].scale - (3 * 5.5).squareRoot()) < 1e-12)
        let drift = try #require(RandomWalk(drift: true).forecast(y, horizon: 2))
        #expect(abs(drift.points[1] - (16 + 2 * 1.5)) < 1e-12)
    }

    @Test func holtContinuesAStraightLine() throws {
        let y = (0..<12).map { 5 + 2 * Double($0) }
        let fit = try #require(ExponentialSmoothing(trend: .additive).fit(y))
        #expect(fit.sumOfSquaredErrors < 1e-10)
        let forecast = try #require(ExponentialSmoothing(trend: .additive).forecast(y, horizon: 3))
        #expect(abs(forecast.points[2] - (5 + 2 * 14)) < 1e-4)
    }

    /// A trend that turns twice: unlimited, the likelihood wants a fast-learning trend
    /// (β well above 0.2); the `holt` and `damped` methods hold β below 0.12 and below α,
    /// while `auto`'s damped candidate keeps only β < α.
    @Test(arguments: [ExponentialSmoothing.Trend.additive, .damped])
    func trendSmoothingStaysBelowItsLimit(trend: ExponentialSmoothing.Trend) throws {
        let y: [Double] = [10, 12, 15, 19, 24, 30, 33, 34, 33, 31, 28, 24, 21, 19, 18, 18, 19, 21, 24, 28]
        let limited = try #require(ExponentialSmoothing(trend: trend).fit(y))
        #expect(limited.beta > 0 && limited.beta < 0.12 && limited.beta < limited.alpha)
        let unlimited = try #require(ExponentialSmoothing(trend: trend, slopeSmoothingLimit: 1).fit(y))
        #expect(unlimited.beta > 0.2 && unlimited.beta < unlimited.alpha)
        // The limit is a constraint: the unlimited fit is at least as good in-sample.
        #expect(unlimited.sumOfSquaredErrors <= limited.sumOfSquaredErrors)
    }

    /// `auto`'s and the ensembles' damped trend: β < α only, φ up to 0.995; the `holt` and
    /// `damped` methods: β below 0.12, φ up to forecast::ets's 0.98.
    @Test func autoAndTheEnsemblesUseTheUnlimitedDampedTrend() throws {
        let candidates = AutoForecaster.defaultCandidates + MethodRegistry.ensembleMembers
        let damped = candidates.compactMap { $0 as? ExponentialSmoothing }
        #expect(damped.count == 2)
        #expect(damped.allSatisfy { $0.trend == .damped && $0.slopeSmoothingLimit >= 1 })
        #expect(damped.allSatisfy { $0.dampingBounds == 0.8...0.995 })
        let methods = ["holt", "damped"].compactMap { MethodRegistry.method($0) as? ExponentialSmoothing }
        #expect(methods.count == 2)
        #expect(methods.allSatisfy { $0.slopeSmoothingLimit == 0.12 && $0.dampingBounds == 0.8...0.98 })
    }

    /// φ stays in its box, and a wider box can only fit better in-sample: on a straight
    /// line the damped trend wants φ at the box's top.
    @Test(arguments: [0.98, 0.995])
    func dampingStaysInItsBox(upper: Double) throws {
        let y: [Double] = (0..<20).map { t in
            let wiggle: Double = t % 2 == 0 ? 0.3 : -0.3
            return 50 + 2.5 * Double(t) + wiggle
        }
        let narrow = try #require(ExponentialSmoothing(trend: .damped, slopeSmoothingLimit: 1).fit(y))
        let fit = try #require(
            ExponentialSmoothing(trend: .damped, slopeSmoothingLimit: 1, dampingBounds: 0.8...upper).fit(y))
        #expect(fit.phi >= 0.8 && fit.phi <= upper)
        #expect(fit.phi > upper - 0.01)
        #expect(fit.sumOfSquaredErrors <= narrow.sumOfSquaredErrors * (1 + 1e-9))
    }

    @Test func sesVarianceGrowsAsTheClassOneFormula() throws {
        let y: [Double] = [3, 5, 4, 6, 5, 7, 6, 5, 7, 8]
        let model = ExponentialSmoothing(trend: .none)
        let fit = try #require(model.fit(y))
        let forecast = try #require(model.forecast(y, horizon: 4))
        for h in 1...4 {
            let expected = (fit.variance * (1 + Double(h - 1) * fit.alpha * fit.alpha)).squareRoot()
            #expect(abs(forecast.distributions[h - 1].scale - expected) < 1e-12)
            #expect(forecast.points[h - 1] == fit.level)
        }
    }

    @Test func thetaOnALineHasHalfTheSlopeAsDrift() throws {
        let y = (0..<10).map { 100 + 3 * Double($0) }
        let forecast = try #require(ThetaForecaster().forecast(y, horizon: 2))
        // One step apart, the drift term grows by b/2 = 1.5.
        #expect(abs((forecast.points[1] - forecast.points[0]) - 1.5) < 1e-6)
    }

    @Test func dotmIsDeterministicAndFollowsATrend() throws {
        let y: [Double] = (0..<15).map { t in
            let wiggle: Double = t % 3 == 0 ? 1.0 : -0.5
            return 50 + 4 * Double(t) + wiggle
        }
        let first = try #require(DynamicOptimizedTheta().forecast(y, horizon: 6))
        let second = try #require(DynamicOptimizedTheta().forecast(y, horizon: 6))
        #expect(first == second)
        #expect(first.points[5] > y.last ?? 0)
        #expect(zip(first.distributions, first.distributions.dropFirst()).allSatisfy { $0.scale <= $1.scale })
    }

    /// The forecast and its spread, which branch from the states at the first future step,
    /// are bit for bit what the whole recursion gives (``DynamicOptimizedTheta/path``): the
    /// mean path, and each response cₕⱼ from the path with a shock at n + j.
    @Test func dotmIntervalsEqualTheShockedWholePaths() throws {
        let y: [Double] = [112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118, 115, 126, 141, 135]
        let method = DynamicOptimizedTheta()
        let horizon = 6
        let n = y.count
        let forecast = try #require(method.forecast(y, horizon: horizon))
        let p = try #require(method.fitParameters(y))
        let base = DynamicOptimizedTheta.path(y, p, horizon: horizon)
        #expect(forecast.distributions.map(\.location.bitPattern) == base[n...].map(\.bitPattern))
        let first = min(method.firstScoredError, n - 2)
        let residuals = (first..<n).map { y[$0] - base[$0] }
        let mean = residuals.reduce(0, +) / Double(residuals.count)
        let variance = residuals.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(residuals.count - 1)
        let size = meanAbsoluteValue(y)
        var squares = [Double](repeating: 1, count: horizon)
        for j in 0..<(horizon - 1) {
            var shocks = [Double](repeating: 0, count: horizon)
            shocks[j] = size
            let shocked = DynamicOptimizedTheta.path(y, p, horizon: horizon, shocks: shocks)
            for h in (j + 1)..<horizon {
                let c = (shocked[n + h] - base[n + h]) / size
                squares[h] += c * c
            }
        }
        #expect(
            forecast.distributions.map(\.scale.bitPattern) == squares.map { (variance * $0).squareRoot().bitPattern })
    }

    /// The ℓ₀ solved for a trial (α, θ) is the minimum of the sum of squares that the
    /// recursion itself gives (``DynamicOptimizedTheta/scaledSumOfSquares``), the profiled
    /// sum equals that recursion's at the solved ℓ₀, and a bound binds when the minimum lies
    /// outside it.
    @Test(arguments: [(0.1, 1.0), (0.3, 2.5), (0.75, 40.0), (0.99, 1.5)])
    func dotmSolvesTheInitialLevelExactly(alpha: Double, theta: Double) throws {
        let y: [Double] = [112, 118, 109, 131, 140, 137, 152, 149, 163, 171, 168, 185]
        let lines = DynamicOptimizedTheta.longTermLines(y)
        let scale = 10.0
        let wide = -1e4...1e4
        let (profiled, level0) = DynamicOptimizedTheta.profiledSumOfSquares(
            y, lines: lines, alpha: alpha, theta: theta, scale: scale, levelBounds: wide)
        func direct(_ level0: Double) -> Double {
            DynamicOptimizedTheta.scaledSumOfSquares(
                y, lines: lines, DynamicOptimizedTheta.Parameters(level0: level0, alpha: alpha, theta: theta),
                scale: scale)
        }
        #expect(abs(profiled - direct(level0)) <= 1e-9 * max(1, profiled), "\(profiled) vs \(direct(level0))")
        // No other ℓ₀ in the box does better: steps of every size either way. (At α = 0.99
        // ℓ₀ weighs (0.01)ᵗ and the minimum lies beyond the box: the solution is its end.)
        for step in [1e-3, 1, 100] {
            for other in [level0 - step, level0 + step] where wide.contains(other) {
                #expect(direct(other) >= profiled * (1 - 1e-12), "ℓ₀ \(other) against \(level0)")
            }
        }
        // A box that excludes the minimum: its nearer end, the constrained minimum of a parabola.
        let box = (level0 + 5)...(level0 + 50)
        let (boxed, boxedLevel) = DynamicOptimizedTheta.profiledSumOfSquares(
            y, lines: lines, alpha: alpha, theta: theta, scale: scale, levelBounds: box)
        #expect(boxedLevel == box.lowerBound)
        #expect(abs(boxed - direct(boxedLevel)) <= 1e-9 * max(1, boxed))
    }

    /// The fit with ℓ₀ solved exactly is at least as good as a search over all three
    /// parameters from the same start (the previous fit) on a trending series.
    @Test func dotmProfiledFitIsNoWorseThanTheThreeParameterSearch() throws {
        let y: [Double] = [112, 118, 109, 131, 140, 137, 152, 149, 163, 171, 168, 185, 190, 188, 204]
        let method = DynamicOptimizedTheta(initialLevel: .solved)
        let fitted = try #require(method.fitParameters(y))
        let lines = DynamicOptimizedTheta.longTermLines(y)
        let scale = y.reduce(0) { $0 + abs($1) } / Double(y.count)
        let spread = (y.max() ?? 0) - (y.min() ?? 0)
        let search = NelderMead(
            lower: [y[0] / 2 - 10 * spread, 0.1, 1], upper: [y[0] / 2 + 10 * spread, 0.99, 1e4],
            maximumEvaluations: 20_000,
            tolerance: 1e-10)
        let (_, threeParameter) = search.minimize(start: NelderMead.point([y[0] / 2, 0.5, 2])) { v in
            DynamicOptimizedTheta.scaledSumOfSquares(
                y, lines: lines, DynamicOptimizedTheta.Parameters(level0: v[0], alpha: v[1], theta: v[2]), scale: scale)
        }
        let profiled = DynamicOptimizedTheta.scaledSumOfSquares(y, lines: lines, fitted, scale: scale)
        #expect(profiled <= threeParameter * (1 + 1e-9), "\(profiled) vs \(threeParameter)")
    }

    /// The `dotm` search stops on a scale-free objective (the sum of squares over the
    /// squared mean absolute value), so a series in other units gets the same forecast in
    /// those units: statsforecast's stop, on the sum of squares over the mean absolute
    /// value, would stop at once on the small series and late on the large one.
    @Test(arguments: [1e-9, 1e12])
    func dotmForecastsDoNotDependOnTheUnits(factor: Double) throws {
        let y: [Double] = [112, 118, 109, 131, 140, 137, 152, 149, 163, 171, 168, 185]
        let base = try #require(DynamicOptimizedTheta().forecast(y, horizon: 4))
        let scaled = try #require(DynamicOptimizedTheta().forecast(y.map { $0 * factor }, horizon: 4))
        for (a, b) in zip(base.distributions, scaled.distributions) {
            #expect(
                abs(b.location / factor - a.location) <= 1e-6 * abs(a.location),
                "\(a.location) vs \(b.location / factor)")
            #expect(abs(b.scale / factor - a.scale) <= 1e-6 * a.scale)
        }
    }

    /// Holt's and Damped's searches stop on the sum of squares in units of the series'
    /// size, so a series in other units gets the same forecast in those units (with the
    /// raw sum of squares, the stop's absolute floor ended the search at once on values
    /// near 10⁻⁹); `auto`, whose candidates are all scale-free now, too.
    @Test(arguments: [1e-9, 1e12])
    func trendsAndAutoForecastsDoNotDependOnTheUnits(factor: Double) throws {
        let y: [Double] = [112, 118, 109, 131, 140, 137, 152, 149, 163, 171, 168, 185, 183, 196]
        for method in [ExponentialSmoothing(trend: .additive), ExponentialSmoothing(trend: .damped), AutoForecaster()]
            as [any Forecaster]
        {
            let base = try #require(method.forecast(y, horizon: 4))
            let scaled = try #require(method.forecast(y.map { $0 * factor }, horizon: 4))
            for (a, b) in zip(base.distributions, scaled.distributions) {
                #expect(
                    abs(b.location / factor - a.location) <= 1e-6 * abs(a.location),
                    "\(method.name) \(a.location) vs \(b.location / factor)")
                #expect(abs(b.scale / factor - a.scale) <= 1e-6 * a.scale, "\(method.name)")
            }
        }
    }

    /// σ comes from the residuals the fit scored, and at least two of them: on four values
    /// (one scored error from t = 4) the spread is still that of the last two residuals.
    @Test func dotmOnFourValuesHasAPositiveSpread() throws {
        let y: [Double] = [10, 13, 11, 16]
        let forecast = try #require(DynamicOptimizedTheta().forecast(y, horizon: 3))
        #expect(forecast.distributions.allSatisfy { $0.scale > 0 && $0.scale.isFinite })
    }

    /// The `dotm` method's search (statsforecast's: the adaptive Nelder–Mead, the errors
    /// from t = 4) lands on the minimum of its own objective that a tight search finds, to
    /// the precision of its stop (the simplex's values within a standard deviation of
    /// 10⁻⁶ on an objective of about 0.02 here: 10⁻⁴ relative; 10⁻³ is asserted).
    @Test func dotmSearchReachesTheMinimumOfItsObjective() throws {
        let y: [Double] = [112, 118, 109, 131, 140, 137, 152, 149, 163, 171, 168, 185, 190, 188, 204]
        let method = DynamicOptimizedTheta()
        #expect(method.initialLevel == .searched && method.firstScoredError == 3)
        let searched = try #require(method.fitParameters(y))
        let lines = DynamicOptimizedTheta.longTermLines(y)
        let scale = y.reduce(0) { $0 + abs($1) } / Double(y.count)
        let objective = { (p: DynamicOptimizedTheta.Parameters) in
            DynamicOptimizedTheta.scaledSumOfSquares(y, lines: lines, p, scale: scale, from: 3)
        }
        let spread = (y.max() ?? 0) - (y.min() ?? 0)
        let tight = NelderMead(
            lower: [y[0] / 2 - 10 * spread, 0.1, 1], upper: [y[0] / 2 + 10 * spread, 0.99, 1e4],
            maximumEvaluations: 20_000,
            tolerance: 1e-12)
        let (_, minimum) = tight.minimize(start: NelderMead.point([y[0] / 2, 0.5, 2])) { v in
            objective(DynamicOptimizedTheta.Parameters(level0: v[0], alpha: v[1], theta: v[2]))
        }
        let value = objective(searched)
        #expect(value >= minimum * (1 - 1e-9))
        #expect(value <= minimum * (1 + 1e-3), "\(value) vs \(minimum)")
    }

    @Test func censoredDistributionStaysInsideItsBounds() {
        let d = PredictiveDistribution(location: 98, scale: 3, lowerBound: 0, upperBound: 100)
        #expect(d.quantile(0.99) == 100)
        #expect(d.interval(0.95).upper == 100)
        #expect(d.cdf(100) == 1)
        #expect(d.cdf(-1) == 0)
        #expect(abs(d.survival(98) - 0.5) < 1e-15)
        #expect(PredictiveDistribution(location: -2, scale: 1, lowerBound: 0).point == 0)
    }

    /// CRPS(F, y) = ∫ (F(x) − 1{x ≥ y})² dx, checked by the trapezoid rule.
    @Test(arguments: [PredictiveDistribution.Shape.normal, .studentT(degreesOfFreedom: 4)])
    func crpsMatchesItsDefinition(_ shape: PredictiveDistribution.Shape) {
        let d = PredictiveDistribution(location: 1, scale: 2, shape: shape)
        for y in [-3.0, 0.5, 4] {
            var integral = 0.0
            let step = 0.001
            var x = -400.0
            while x < 400 {
                let f0 = d.cdf(x) - (x >= y ? 1 : 0)
                let f1 = d.cdf(x + step) - (x + step >= y ? 1 : 0)
                integral += 0.5 * step * (f0 * f0 + f1 * f1)
                x += step
            }
            #expect(abs(d.crps(y) - integral) < 2e-3 * integral, "y \(y): \(d.crps(y)) vs \(integral)")
        }
    }

    /// Evaluation series from observations in any order: a series's values in year order,
    /// series in order of first appearance, other genders left out, and `including` asked
    /// once per series.
    @Test func evaluationSeriesGatherInterleavedObservations() {
        var dataset = Dataset(name: "d", title: "d", description: "")
        dataset.observations = [
            Observation(entityID: "a", indicatorID: "x", year: 2021, value: 2),
            Observation(entityID: "b", indicatorID: "x", year: 2020, value: 10),
            Observation(entityID: "a", indicatorID: "x", year: 2020, value: 1),
            Observation(entityID: "c", indicatorID: "x", year: 2020, value: 5),
            Observation(entityID: "a", indicatorID: "x", year: 2022, value: 3, split: .test),
            Observation(entityID: "a", indicatorID: "x", year: 2023, value: 9, gender: .women),
            Observation(entityID: "c", indicatorID: "x", year: 2021, value: 6),
            Observation(entityID: "b", indicatorID: "x", year: 2021, value: 11),
        ]
        let all = Backtest.series(of: dataset)
        #expect(all.map(\.key.entityID) == ["a", "b", "c"])
        #expect(all.map(\.values) == [[1, 2, 3], [10, 11], [5, 6]])
        #expect(all.map(\.testCount) == [1, 0, 0])
        let asked = Counter()
        let some = Backtest.series(of: dataset) { key in
            asked.add()
            return key.entityID != "b"
        }
        #expect(some.map(\.key.entityID) == ["a", "c"])
        #expect(some.map(\.values) == [[1, 2, 3], [5, 6]])
        #expect(asked.value == 3)
    }

    /// A count that a non-escaping closure can bump.
    final class Counter: @unchecked Sendable {
        var value = 0
        func add() { value += 1 }
    }

    @Test func accuracyMetricsOnAHandExample() throws {
        // One series, scale q = 2; forecasts 10 and 12 (σ → 0), actuals 11 and 12.
        let cells = [
            AccuracyTable.Cell(horizon: 1, actual: 11, distribution: PredictiveDistribution(location: 10, scale: 0)),
            AccuracyTable.Cell(horizon: 2, actual: 12, distribution: PredictiveDistribution(location: 12, scale: 0)),
        ]
        let rows = AccuracyTable.rows(method: "m", series: [AccuracyTable.SeriesResult(cells: cells, scale: 2)])
        let all = try #require(rows.last)
        #expect(all.horizon == "all")
        #expect(abs(all.mae - 0.5) < 1e-12)
        #expect(abs(all.smape - (200.0 / 21) / 2) < 1e-12)
        #expect(abs(all.mase - 0.25) < 1e-12)
        // The zero-width interval misses 11 by 1: MSIS = (0 + 40·1)/2 at h = 1, 0 at h = 2.
        #expect(abs(all.msis - 10) < 1e-12)
        #expect(all.coverage95 == 0.5)
        #expect(abs(all.bias - 0.25) < 1e-12)
        #expect(rows.count == 3)
    }

    @Test func autoUsesItsCandidatesAndSaysWhereIntervalsComeFrom() throws {
        let y: [Double] = (0..<20).map { t in 20 + 1.5 * Double(t) + 2 * sin(Double(t)) }
        let forecast = try #require(AutoForecaster().forecast(y, horizon: 6))
        #expect(forecast.method == "auto")
        #expect(forecast.intervalSource == .crossValidation)
        #expect(forecast.points.allSatisfy { $0 > y[18] })
        let interval = forecast.distributions[5].interval(0.95)
        #expect(interval.lower < forecast.points[5] && forecast.points[5] < interval.upper)
    }

    /// Weights 1/scoreᵖ, scores being the candidates' mean scaled rolling-origin errors:
    /// the point forecast is Σ s⁻ᵖ fₘ / Σ s⁻ᵖ over the four candidates (all within `top`)
    /// for p = 0 (their plain mean), 2 (the default) and 60, where it all but picks the
    /// best-scoring candidate.
    @Test func scoreExponentWeighsTheCandidates() throws {
        let y: [Double] = (0..<20).map { t in 20 + 1.5 * Double(t) + 2 * sin(Double(t)) }
        let own = try AutoForecaster.defaultCandidates.map { try #require($0.forecast(y, horizon: 6)).points }
        let cv = AutoForecaster().crossValidate(y, horizon: 6)
        let scores = (0..<4).map { m in
            let all = cv.errors(candidate: m, y).flatMap { $0 }
            return all.reduce(0) { $0 + abs($1) } / Double(all.count)
        }
        #expect(scores == (0..<4).map { cv.score(candidate: $0, y) })
        #expect(scores.count == 4 && scores.allSatisfy { $0 > 0.01 && $0.isFinite })
        var distances: [Double] = []
        let best = try #require(scores.indices.min { scores[$0] < scores[$1] })
        for p in [0.0, 2, 60] {
            let weights = scores.map { 1 / pow($0, p) }
            let total = weights.reduce(0, +)
            let forecast = try #require(AutoForecaster(scoreExponent: p).forecast(y, horizon: 6))
            for h in 0..<6 {
                let expected = zip(weights, own).map { $0 / total * $1[h] }.reduce(0, +)
                #expect(abs(forecast.points[h] - expected) < 1e-9 * abs(expected), "p = \(p), h = \(h + 1)")
            }
            distances.append(abs(forecast.points[5] - own[best][5]))
        }
        #expect(distances[2] < min(distances[0], distances[1]))
    }

    /// The other score measures (`SelectionSets score`) summarise the same scaled errors:
    /// √(mean of e²) and the median of |e|, recomputed here from ``errors(candidate:_:)``.
    @Test func scoreMeasuresSummariseTheScaledErrors() throws {
        let y: [Double] = (0..<19).map { t in
            let time = Double(t)
            return 40 - 0.8 * time + 3 * cos(1.7 * time)
        }
        let cv = AutoForecaster().crossValidate(y, horizon: 6)
        for m in 0..<4 {
            let magnitudes = cv.errors(candidate: m, y).flatMap { $0 }.map(abs).sorted()
            let count = magnitudes.count
            #expect(count == 7 * 6 - 15)  // origins 12…18, min(6, 19 − o) steps each
            let rms = (magnitudes.reduce(0) { $0 + $1 * $1 } / Double(count)).squareRoot()
            let median =
                count % 2 == 1 ? magnitudes[count / 2] : (magnitudes[count / 2 - 1] + magnitudes[count / 2]) / 2
            #expect(abs(cv.score(candidate: m, y, measure: .rootMeanSquare) - rms) <= 1e-14 * rms)
            #expect(cv.score(candidate: m, y, measure: .medianAbsolute) == median)
            #expect(
                cv.score(candidate: m, y, measure: .medianAbsolute)
                    <= cv.score(candidate: m, y, measure: .rootMeanSquare))
        }
    }
}

@Suite struct CompetitionReaderTests {
    @Test func readsTidySeriesWithMeta() throws {
        let series = "series_id,split,t,value\nA,train,1,10\nA,train,2,12\nA,test,1,13\nB,train,1,5\nB,train,2,4\n"
        let meta = "series_id,category,start_year,description\nA,MICRO,2001,first\nB,MACRO,1990,second\n"
        let dataset = try CompetitionReader.read(
            series: series, seriesFile: "s.csv", meta: meta, metaFile: "m.csv", name: "demo"
        ).dataset
        #expect(dataset.entities.map(\.id) == ["A", "B"])
        #expect(dataset.indicators.map(\.id) == ["micro", "macro"])
        let a = dataset.observations.filter { $0.entityID == "A" }
        #expect(a.map(\.year) == [2001, 2002, 2003])
        #expect(a.map(\.split) == [.train, .train, .test])
        #expect(dataset.indicators.allSatisfy { $0.lowerBound == 0 })
    }

    @Test func reportsEveryProblem() {
        let series = "series_id,split,t,value\nA,train,1,10\nA,validation,2,x\nA,train,3,12\n"
        switch TestSupport.datasetResult(
            try CompetitionReader.read(series: series, seriesFile: "s.csv", meta: nil, metaFile: "", name: "demo"))
        {
        case .success: Issue.record("expected problems")
        case .failure(let invalid):
            let lines = invalid.diagnostics.map(\.description)
            #expect(lines.contains("s.csv:3:3: unknown split \"validation\" (expected train or test)"))
            #expect(lines.contains("s.csv:3:16: \"x\" in \"value\" is not a number"))
        }
    }

    @Test func lenientLeavesOutBrokenRowsAndSeries() throws {
        let series = "series_id,split,t,value\nA,train,1,10\nA,train,2,x\nB,train,1,5\nB,train,2,6\n"
        let reading = try CompetitionReader.read(
            series: series, seriesFile: "s.csv", meta: nil, metaFile: "", name: "d", lenient: true)
        let (dataset, rejected) = (reading.dataset, reading.rejected)
        #expect(dataset.entities.map(\.id) == ["A", "B"])
        #expect(dataset.observations.filter { $0.entityID == "A" }.count == 1)
        #expect(rejected.map(\.description) == ["s.csv:3:11: \"x\" in \"value\" is not a number"])
    }
}

/// The closed-form linear trend against the regression core (pivoted QR with Björck
/// refinement, itself checked against NIST and statsmodels) on the same design.
@Suite struct TrendForecasterTests {
    @Test(arguments: [3, 4, 7, 20, 41])
    func matchesTheRegressionCore(n: Int) throws {
        var random = SplitMix64(seed: UInt64(n))
        let y = (0..<n).map { 1e4 + 3 * Double($0) + 50 * random.nextNormal() }
        let centre = Double(n + 1) / 2
        let design = Matrix(columns: [[Double](repeating: 1, count: n), (1...n).map { Double($0) - centre }])
        let fit = try RegressionFit(design: design, response: y, hasIntercept: true)
        let forecast = try #require(TrendForecaster().forecast(y, horizon: 6))
        for h in 1...6 {
            let interval = try fit.predictionInterval(at: [1, Double(n + h) - centre], level: 0.5)
            let d = forecast.distributions[h - 1]
            #expect(abs(d.location - interval.estimate) <= 1e-12 * abs(interval.estimate), "h \(h)")
            #expect(abs(d.scale - interval.standardError) <= 1e-10 * interval.standardError, "h \(h)")
            #expect(d.shape == .studentT(degreesOfFreedom: Double(n - 2)))
        }
    }

    @Test func refusesNonFiniteValues() {
        #expect(TrendForecaster().forecast([1, .nan, 3, 4], horizon: 2) == nil)
    }
}
