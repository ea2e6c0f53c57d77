import Foundation
import Testing

@testable import Prognos

/// The NIST StRD linear-regression suite: the minimum log relative error (LRE) over
/// coefficients, standard errors, residual SD and R² must reach the floor for
/// each dataset (numpy's default solver gets 5.8 on Wampler5 and 0 on Filip).
@Suite struct NISTRegressionTests {
    static let floors: [String: Double] = [
        "Norris": 12, "Pontius": 11, "NoInt1": 14, "NoInt2": 14, "Filip": 7, "Longley": 10,
        "Wampler1": 9, "Wampler2": 9, "Wampler3": 9, "Wampler4": 8, "Wampler5": 8,
    ]

    struct Score: CustomStringConvertible {
        var coefficients: Double
        var standardErrors: Double
        var residualSD: Double
        var rSquared: Double
        var minimum: Double { min(coefficients, standardErrors, residualSD, rSquared) }
        var description: String {
            String(format: "coef %.1f, se %.1f, sd %.1f, r2 %.1f", coefficients, standardErrors, residualSD, rSquared)
        }
    }

    static func score(_ data: NISTDataset, coefficients: [Double], standardErrors: [Double], residualSD: Double, rSquared: Double) -> Score {
        let lre = NISTDataset.lre
        return Score(
            coefficients: zip(coefficients, data.certifiedCoefficients).map { lre($0, $1) }.min() ?? 0,
            standardErrors: zip(standardErrors, data.certifiedStandardErrors).map { lre($0, $1) }.min() ?? 0,
            residualSD: lre(residualSD, data.certifiedResidualSD),
            rSquared: lre(rSquared, data.certifiedRSquared))
    }

    @Test(arguments: NISTDataset.names)
    func reachesTheAccuracyFloor(_ name: String) throws {
        let data = try NISTDataset.load(name)
        let (design, terms) = data.design()
        #expect(design.columns == data.certifiedCoefficients.count)
        let fit = try RegressionFit(design: design, response: data.y, terms: terms, hasIntercept: data.hasIntercept)
        let score = Self.score(
            data, coefficients: fit.coefficients, standardErrors: fit.standardErrors,
            residualSD: fit.residualStandardDeviation, rSquared: fit.rSquared)
        let floor = try #require(Self.floors[name])
        #expect(score.minimum >= floor, "\(name): \(score)")
    }
}
