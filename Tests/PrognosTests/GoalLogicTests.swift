import Testing

@testable import Prognos

@Suite struct GoalLogicTests {
    func target(_ value: Double, _ comparator: Comparator = .atLeast, year: Int = 2023) -> Target {
        Target(entityID: "e", indicatorID: "i", goalID: "g", year: year, value: value, comparator: comparator)
    }

    func points(_ pairs: [(Int, Double)], preliminaryLast: Bool = false) -> [SeriesPoint] {
        pairs.enumerated().map { index, pair in
            SeriesPoint(year: pair.0, value: pair.1, isPreliminary: preliminaryLast && index == pairs.count - 1)
        }
    }

    @Test func metByPreliminaryOutcome() {
        let evaluation = TargetEvaluation(target: target(72), points: points([(2022, 72), (2023, 73)], preliminaryLast: true))
        #expect(evaluation.status == .met)
        #expect(evaluation.basis == .targetYearOutcome)
        #expect(evaluation.outcomeIsPreliminary)
    }

    @Test func equalityMeetsTheTarget() {
        #expect(TargetEvaluation(target: target(21), points: points([(2023, 21)])).status == .met)
        #expect(TargetEvaluation(target: target(21, .atMost), points: points([(2023, 21)])).status == .met)
    }

    @Test func improvingWhenBetterThanTheYearBefore() {
        #expect(TargetEvaluation(target: target(60), points: points([(2022, 40), (2023, 53)])).status == .improving)
        #expect(TargetEvaluation(target: target(3, .atMost), points: points([(2022, 4), (2023, 3.5)])).status == .improving)
    }

    @Test func notMetWhenWorseOrWithoutHistory() {
        #expect(TargetEvaluation(target: target(60), points: points([(2022, 55), (2023, 53)])).status == .notMet)
        #expect(TargetEvaluation(target: target(74), points: points([(2023, 69)])).status == .notMet)
        #expect(TargetEvaluation(target: target(3, .atMost), points: points([(2022, 3.5), (2023, 4)])).status == .notMet)
    }

    @Test func latestEarlierOutcomeStandsInForAMissingTargetYear() {
        let evaluation = TargetEvaluation(target: target(94), points: points([(2021, 91), (2022, 96)]))
        #expect(evaluation.status == .met)
        #expect(evaluation.basis == .latestBeforeTargetYear)
        #expect(evaluation.outcomeYear == 2022)
    }

    @Test func notEvaluatedWithoutOutcomes() {
        let none = TargetEvaluation(target: target(50), points: [])
        #expect(none.status == .notEvaluated)
        #expect(none.basis == .none)
        let onlyLater = TargetEvaluation(target: target(50, year: 2020), points: points([(2021, 60)]))
        #expect(onlyLater.status == .notEvaluated)
    }

    @Test func reportRule() {
        let rule = GoalRule.report
        #expect(rule.assess([.met, .met]) == .fullyMet)
        #expect(rule.assess([.met, .improving]) == .partlyMet)
        #expect(rule.assess([.met, .notMet]) == .partlyMet)
        #expect(rule.assess([.improving]) == .partlyMet)
        #expect(rule.assess([.notMet, .notMet]) == .notMet)
        #expect(rule.assess([.met, .notEvaluated]) == .partlyMet)
        #expect(rule.assess([.notEvaluated]) == .notEvaluated)
        #expect(rule.assess([]) == .notEvaluated)
    }

    @Test func targetYearSelection() {
        #expect(TargetSelection.year(among: [2023, 2025], preferring: 2023) == 2023)
        #expect(TargetSelection.year(among: [2025, 2030], preferring: 2023) == 2025)
        #expect(TargetSelection.year(among: [2019, 2021], preferring: 2023) == 2021)
        #expect(TargetSelection.year(among: [], preferring: 2023) == nil)
    }
}

@Suite struct LinearTrendTests {
    @Test func exactLineThroughTwoPoints() throws {
        let trend = try #require(LinearTrend(years: [2021, 2022], values: [91, 96]))
        #expect(abs(trend.slope - 5) < 1e-12)
        #expect(trend.slopeStandardError == nil)
        #expect(abs(trend.value(atYear: 2023) - 101) < 1e-12)
    }

    /// Closed form for a straight line: b = Sxy / Sxx, se(b) = √(RSS / (n − 2) / Sxx).
    @Test func agreesWithTheClosedForm() throws {
        let years = [2018, 2021, 2022, 2023]
        let values = [2.1, 2.5, 2.4, 2.6]
        let trend = try #require(LinearTrend(years: years, values: values))
        let meanX = Double(years.reduce(0, +)) / 4
        let meanY = values.reduce(0, +) / 4
        var sxx = 0.0
        var sxy = 0.0
        for (x, y) in zip(years, values) {
            sxx += (Double(x) - meanX) * (Double(x) - meanX)
            sxy += (Double(x) - meanX) * (y - meanY)
        }
        let slope = sxy / sxx
        var rss = 0.0
        for (x, y) in zip(years, values) {
            let fitted = meanY + slope * (Double(x) - meanX)
            rss += (y - fitted) * (y - fitted)
        }
        let se = (rss / 2 / sxx).squareRoot()
        #expect(abs(trend.slope - slope) <= 1e-12 * abs(slope))
        #expect(abs((trend.slopeStandardError ?? .nan) - se) <= 1e-10 * se)
    }

    @Test func needsTwoDistinctYears() {
        #expect(LinearTrend(years: [2023], values: [1]) == nil)
        #expect(LinearTrend(years: [], values: []) == nil)
        #expect(LinearTrend(years: [2023, 2023], values: [1, 2]) == nil)
    }

    @Test func collinearDesignIsRejected() {
        // Two identical columns: R has a zero on its diagonal.
        let design: [Double] = [1, 1, 2, 2, 3, 3]
        #expect(throws: LinearAlgebraError.rankDeficient(rank: 1, columns: [1])) {
            try LeastSquaresSolution(design: Matrix(rows: 3, columns: 2, rowMajor: design), response: [1, 2, 3])
        }
    }
}
