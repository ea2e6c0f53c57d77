import Foundation
import Testing

@testable import Prognos

/// Rolling-origin forecasts from one fit against the same forecasts computed the long
/// way: a refit at the first origin, and for later origins the model's recursion written
/// out directly (independent of the rolling code's state bookkeeping).
@Suite struct RollingOriginTests {
    /// A trending, wiggling series of 24 values.
    static let y: [Double] = (0..<24).map { t in
        let time = Double(t)
        let trend = 50 + 2.5 * time
        return trend + 6 * sin(1.3 * time) + Double(t % 5)
    }
    static let origins = 14..<24

    static func close(_ a: [Double], _ b: [Double], tolerance: Double = 1e-9) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($1)) }
    }

    @Test(arguments: [ExponentialSmoothing.Trend.none, .additive, .damped])
    func exponentialSmoothingMatchesItsOwnRecursion(trend: ExponentialSmoothing.Trend) throws {
        let method = ExponentialSmoothing(trend: trend)
        let y = Self.y
        let points = try #require(method.rollingOriginPoints(y, origins: Self.origins, horizon: 6, fittedLength: 14))
        #expect(points.count == Self.origins.count)
        // The first origin is the refit's own forecast.
        let refit = try #require(method.forecast(Array(y[0..<14]), horizon: 6))
        #expect(Self.close(points[0], refit.points))
        // Later origins: the states after y₁…yₒ with the first origin's parameters.
        let fit = try #require(method.fit(Array(y[0..<14])))
        var level = fit.level
        var slope = fit.slope
        for (k, origin) in Self.origins.enumerated() {
            let steps = min(6, y.count - origin)
            var expected: [Double] = []
            for h in 1...steps {
                let damping = (1...h).reduce(0.0) { sum, j in sum + Foundation.pow(fit.phi, Double(j)) }
                expected.append(level + damping * slope)
            }
            #expect(Self.close(points[k], expected), "origin \(origin)")
            let error = y[origin] - level - fit.phi * slope
            level += fit.phi * slope + fit.alpha * error
            slope = fit.phi * slope + fit.beta * error
        }
    }

    @Test func thetaUsesEachOriginsOwnLine() throws {
        let y = Self.y
        let points = try #require(ThetaForecaster().rollingOriginPoints(y, origins: Self.origins, horizon: 6, fittedLength: 14))
        let refit = try #require(ThetaForecaster().forecast(Array(y[0..<14]), horizon: 6))
        #expect(Self.close(points[0], refit.points))
        let ses = try #require(ExponentialSmoothing(trend: .none).fit(Array(y[0..<14])))
        var level = ses.level
        for (k, origin) in Self.origins.enumerated() {
            // The OLS slope of y₁…yₒ through the regression core.
            let line = try #require(LinearTrend(years: Array(0..<origin), values: Array(y[0..<origin])))
            let offset = (1 - Foundation.pow(1 - ses.alpha, Double(origin))) / ses.alpha
            let expected = (0..<min(6, y.count - origin)).map { h in level + line.slope / 2 * (Double(h) + offset) }
            #expect(Self.close(points[k], expected), "origin \(origin)")
            level += ses.alpha * (y[origin] - level)
        }
    }

    @Test func dynamicOptimisedThetaMatchesARefitAtTheFirstOrigin() throws {
        let y = Self.y
        let method = DynamicOptimisedTheta()
        let points = try #require(method.rollingOriginPoints(y, origins: Self.origins, horizon: 6, fittedLength: 14))
        let refit = try #require(method.forecast(Array(y[0..<14]), horizon: 6))
        #expect(Self.close(points[0], refit.points))
        // Every origin: the path over y₁…yₒ with the first origin's parameters.
        let parameters = try #require(method.fitParameters(Array(y[0..<14])))
        for (k, origin) in Self.origins.enumerated() {
            let steps = min(6, y.count - origin)
            let path = DynamicOptimisedTheta.path(Array(y[0..<origin]), parameters, horizon: steps)
            #expect(points[k] == Array(path[origin...]), "origin \(origin)")
            #expect(points[k].count == steps)
        }
    }

    @Test func autoCrossValidatesFromOneFitWithTheRefitsAccuracy() throws {
        // Same candidates, the two ways of fitting them at the origins: the combinations
        // differ only through the parameters used at the later origins.
        let y = Self.y
        let rolling = try #require(AutoForecaster().forecast(y, horizon: 6))
        let refit = try #require(AutoForecaster(originFit: .everyOrigin).forecast(y, horizon: 6))
        #expect(rolling.intervalSource == .crossValidation)
        for h in 0..<6 {
            let a = rolling.distributions[h]
            let b = refit.distributions[h]
            #expect(abs(a.location - b.location) < 0.05 * b.scale, "horizon \(h + 1)")
            #expect(abs(a.scale - b.scale) < 0.25 * b.scale, "horizon \(h + 1)")
        }
    }

    @Test func aMethodThatCannotRollIsRefittedAtEveryOrigin() throws {
        let y = Self.y
        let method = TrendForecaster()
        #expect(!(method is any RollingOriginForecasting))
        let points = method.originPoints(y, origins: Self.origins, horizon: 6, refit: false)
        #expect(points.available == Array(repeating: true, count: Self.origins.count))
        for (k, origin) in Self.origins.enumerated() {
            let steps = min(6, y.count - origin)
            let expected = try #require(method.forecast(Array(y[0..<origin]), horizon: steps)).points
            #expect(Array(points.row(k).prefix(steps)) == expected)
            #expect(points.row(k).dropFirst(steps).allSatisfy { $0.isNaN })
        }
        // Origins too short for the method are unavailable, not missing.
        let short = method.originPoints(y, origins: 1..<5, horizon: 6, refit: false)
        #expect(short.available == [false, false, true, true])
    }

    /// Naive and Drift from every origin without a forecast each: the same bits as their
    /// forecasts from y₁…yₒ (they have no parameters to carry from a first fit).
    @Test(arguments: [false, true])
    func randomWalkRollsWithTheSameBitsAsItsForecasts(drift: Bool) throws {
        let y = Self.y
        let method = RandomWalk(drift: drift)
        let points = try #require(method.rollingOriginPoints(y, origins: Self.origins, horizon: 6, fittedLength: 14))
        for (k, origin) in Self.origins.enumerated() {
            let expected = try #require(method.forecast(Array(y[0..<origin]), horizon: min(6, y.count - origin))).points
            #expect(points[k] == expected, "origin \(origin)")
        }
        // An origin with too few values for the method: nil, so the caller refits (and gets nil there too).
        #expect(method.rollingOriginPoints(y, origins: 1..<5, horizon: 6, fittedLength: 1) == nil)
    }
}
