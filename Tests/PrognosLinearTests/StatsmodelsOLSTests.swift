import Foundation
import PrognosTestSupport
import Testing

@testable import PrognosLinear

/// OLS and WLS fits against statsmodels on seeded random problems
/// (`Fixtures/ols-statsmodels.json`, made by `Scripts/fixtures/make_ols_fixtures.py`):
/// coefficients, standard errors, t and p values, R², F and the mean and prediction
/// intervals at new points, all to 1e-10 relative.
@Suite struct StatsmodelsOLSTests {
    // The fields are the fixture's JSON keys, statsmodels' own names.
    // swift-format-ignore: AlwaysUseLowerCamelCase
    struct Problem: Decodable {
        var name: String
        var intercept: Bool
        var X: [[Double]]
        var y: [Double]
        var weights: [Double]?
        var x_new: [[Double]]
        var params: [Double]
        var bse: [Double]
        var tvalues: [Double]
        var pvalues: [Double]
        var rsquared: Double
        var rsquared_adj: Double
        var fvalue: Double
        var f_pvalue: Double
        var ssr: Double
        var intervals: [String: [String: [Double]]]
    }

    struct Fixture: Decodable {
        var problems: [Problem]
    }

    static let problems: [Problem] = TestSupport.jsonFixture("ols-statsmodels.json", as: Fixture.self)?.problems ?? []

    static let tolerance = 1e-10

    func expectClose(
        _ value: Double, _ reference: Double, _ what: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let error = reference == 0 ? abs(value) : abs(value - reference) / abs(reference)
        #expect(
            error <= Self.tolerance, "\(what): \(value) vs statsmodels \(reference)", sourceLocation: sourceLocation)
    }

    @Test func fixturesArePresent() {
        #expect(Self.problems.count == 8)
    }

    @Test(arguments: 0..<8)
    func agreesWithStatsmodels(_ index: Int) throws {
        let problem = try #require(Self.problems.count > index ? Self.problems[index] : nil)
        let p = problem.X.first?.count ?? 0
        let design = Matrix(rows: problem.X.count, columns: p, rowMajor: problem.X.flatMap { $0 })
        let fit = try RegressionFit(
            design: design, response: problem.y, hasIntercept: problem.intercept, weights: problem.weights)
        for j in 0..<p {
            expectClose(fit.coefficients[j], problem.params[j], "\(problem.name) β\(j)")
            expectClose(fit.standardErrors[j], problem.bse[j], "\(problem.name) se\(j)")
            expectClose(fit.tValues[j], problem.tvalues[j], "\(problem.name) t\(j)")
            expectClose(fit.pValues[j], problem.pvalues[j], "\(problem.name) p\(j)")
        }
        expectClose(fit.residualSumOfSquares, problem.ssr, "\(problem.name) ssr")
        expectClose(fit.rSquared, problem.rsquared, "\(problem.name) R²")
        expectClose(fit.adjustedRSquared, problem.rsquared_adj, "\(problem.name) adjusted R²")
        expectClose(fit.fStatistic, problem.fvalue, "\(problem.name) F")
        expectClose(fit.fPValue, problem.f_pvalue, "\(problem.name) P(F)")
        for (alphaText, columns) in problem.intervals {
            let level = 1 - (Double(alphaText) ?? .nan)
            for (k, point) in problem.x_new.enumerated() {
                let mean = try fit.meanInterval(at: point, level: level)
                let prediction = try fit.predictionInterval(at: point, level: level)
                let label = "\(problem.name) α=\(alphaText) point \(k)"
                expectClose(mean.estimate, columns["mean"]?[k] ?? .nan, "\(label) mean")
                expectClose(mean.standardError, columns["mean_se"]?[k] ?? .nan, "\(label) mean se")
                expectClose(mean.lower, columns["mean_ci_lower"]?[k] ?? .nan, "\(label) mean lower")
                expectClose(mean.upper, columns["mean_ci_upper"]?[k] ?? .nan, "\(label) mean upper")
                expectClose(prediction.lower, columns["obs_ci_lower"]?[k] ?? .nan, "\(label) obs lower")
                expectClose(prediction.upper, columns["obs_ci_upper"]?[k] ?? .nan, "\(label) obs upper")
            }
        }
    }
}
