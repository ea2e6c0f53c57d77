import Foundation
import PrognosTestSupport
import Testing

@testable import PrognosIngest
@testable import PrognosNumerics
@testable import PrognosSupport

/// Normal, Student t and F against scipy (`Fixtures/distributions.csv`, made by
/// `Scripts/fixtures/make_distribution_fixtures.py`): cdf, survival and quantile to
/// 1e-12 relative, for 1 to 1000 degrees of freedom and tail probabilities down to 1e-12.
@Suite struct DistributionTests {
    struct Row {
        var family: String
        var df1: Double
        var df2: Double
        var function: String
        var x: Double
        var value: Double
        var line: Int
    }

    static let rows: [Row] = {
        let url = TestSupport.repositoryRoot.appendingPathComponent("Tests/Fixtures/distributions.csv")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        let (table, _) = CSVTable.parse(text, file: "distributions.csv")
        return table.records.enumerated().compactMap { index, fields in
            let f = fields.map(\.text)
            guard f.count == 6, let x = Double(f[4]), let value = Double(f[5]) else { return nil }
            return Row(
                family: f[0], df1: Double(f[1]) ?? .nan, df2: Double(f[2]) ?? .nan, function: f[3], x: x,
                value: value, line: index + 2)
        }
    }()

    static func evaluate(_ row: Row) -> Double {
        switch (row.family, row.function) {
        case ("normal", "cdf"): return Normal.cdf(row.x)
        case ("normal", "sf"): return Normal.survival(row.x)
        case ("normal", "ppf"): return Normal.quantile(row.x)
        case ("t", "cdf"): return StudentT(degreesOfFreedom: row.df1).cdf(row.x)
        case ("t", "sf"): return StudentT(degreesOfFreedom: row.df1).survival(row.x)
        case ("t", "ppf"): return StudentT(degreesOfFreedom: row.df1).quantile(row.x)
        case ("f", "cdf"):
            return FDistribution(numeratorDegreesOfFreedom: row.df1, denominatorDegreesOfFreedom: row.df2).cdf(row.x)
        case ("f", "sf"):
            return FDistribution(numeratorDegreesOfFreedom: row.df1, denominatorDegreesOfFreedom: row.df2).survival(
                row.x)
        case ("f", "ppf"):
            return FDistribution(numeratorDegreesOfFreedom: row.df1, denominatorDegreesOfFreedom: row.df2).quantile(
                row.x)
        default: return .nan
        }
    }

    @Test(arguments: ["normal", "t", "f"])
    func agreesWithScipyToOneInATrillion(_ family: String) throws {
        let rows = Self.rows.filter { $0.family == family }
        #expect(rows.count > 50)
        var worst = 0.0
        for row in rows {
            let value = Self.evaluate(row)
            let error = row.value == 0 ? abs(value) : abs(value - row.value) / abs(row.value)
            worst = max(worst, error)
            #expect(
                error <= 1e-12,
                "line \(row.line): \(row.family)(\(row.df1), \(row.df2)).\(row.function)(\(row.x)) = \(value), scipy \(row.value)"
            )
        }
        #expect(worst <= 1e-12)
    }

    @Test func coversTheAskedRange() {
        let t = Self.rows.filter { $0.family == "t" }
        #expect(Set(t.map(\.df1)).isSuperset(of: [1, 2, 3]))
        #expect(t.contains { $0.function == "sf" && $0.value < 2e-12 && $0.value > 0 })
        #expect(Self.rows.contains { $0.family == "f" && $0.function == "sf" && $0.value < 2e-12 && $0.value > 0 })
    }

    @Test func edgeCases() {
        let t = StudentT(degreesOfFreedom: 5)
        #expect(t.cdf(.infinity) == 1)
        #expect(t.survival(.infinity) == 0)
        #expect(t.quantile(0) == -.infinity)
        #expect(t.quantile(1) == .infinity)
        #expect(t.quantile(0.5) == 0)
        #expect(t.quantile(1.5).isNaN)
        #expect(StudentT(degreesOfFreedom: 0).cdf(1).isNaN)
        let f = FDistribution(numeratorDegreesOfFreedom: 3, denominatorDegreesOfFreedom: 7)
        #expect(f.cdf(0) == 0)
        #expect(f.cdf(-1) == 0)
        #expect(f.quantile(0) == 0)
        #expect(Normal.quantile(0) == -.infinity)
        #expect(Normal.quantile(-0.1).isNaN)
    }

    @Test func quantileInvertsCdf() {
        for df in [1.0, 2.5, 3, 17, 250] {
            let t = StudentT(degreesOfFreedom: df)
            for p in [1e-15, 1e-9, 0.01, 0.3, 0.77, 0.999] {
                let q = t.quantile(p)
                #expect(abs(t.cdf(q) - p) <= 1e-13 * p, "df \(df) p \(p)")
            }
        }
    }

    /// A remembered Student t quantile is bit for bit the one a new search gives, asked
    /// from several threads at once, in either tail.
    @Test func rememberedQuantilesEqualFreshSearches() {
        let cases: [(Double, Double)] = [(3, 0.1), (7.5, 0.025), (17, 0.3), (41, 1e-6), (250, 0.01)]
        func searched(_ df: Double, _ tail: Double) -> Double {
            let t = StudentT(degreesOfFreedom: df)
            let start = max(-Normal.quantile(tail), 1e-3)
            return QuantileSearch.invertSurvival(target: tail, start: start, survival: t.survival, density: t.density)
        }
        let answers = WorkerSlots<[Double]>(count: 4)
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            answers.store(
                worker,
                cases.flatMap { df, tail in
                    let t = StudentT(degreesOfFreedom: df)
                    return [t.quantile(1 - tail), t.quantile(tail), t.quantile(1 - tail)]
                })
        }
        // The upper quantile searches the tail 1 − (1 − tail), which need not be `tail` exactly.
        let expected = cases.flatMap { df, tail in
            let upper = searched(df, 1 - (1 - tail))
            return [upper, -searched(df, tail), upper]
        }
        for answer in answers.all() {
            #expect(answer?.map(\.bitPattern) == expected.map(\.bitPattern))
        }
    }
}
