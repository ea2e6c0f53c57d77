import Foundation
import PrognosTestSupport
import Testing

@testable import Prognos
@testable import PrognosAnalysis
@testable import PrognosIngest
@testable import PrognosModel

@Suite struct GoalLogicTests {
    func target(_ value: Double, _ comparator: TargetComparator = .atLeast, year: Int = 2023) -> Target {
        Target(entityID: "e", indicatorID: "i", goalID: "g", year: year, value: value, comparator: comparator)
    }

    func points(_ pairs: [(Int, Double)], preliminaryLast: Bool = false) -> [SeriesPoint] {
        pairs.enumerated().map { index, pair in
            SeriesPoint(year: pair.0, value: pair.1, isPreliminary: preliminaryLast && index == pairs.count - 1)
        }
    }

    @Test func metByPreliminaryOutcome() {
        let evaluation = TargetEvaluation(
            target: target(72), points: points([(2022, 72), (2023, 73)], preliminaryLast: true))
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
        #expect(
            TargetEvaluation(target: target(3, .atMost), points: points([(2022, 4), (2023, 3.5)])).status == .improving)
    }

    @Test func notMetWhenWorseOrWithoutHistory() {
        #expect(TargetEvaluation(target: target(60), points: points([(2022, 55), (2023, 53)])).status == .notMet)
        #expect(TargetEvaluation(target: target(74), points: points([(2023, 69)])).status == .notMet)
        #expect(
            TargetEvaluation(target: target(3, .atMost), points: points([(2022, 3.5), (2023, 4)])).status == .notMet)
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

@Suite struct GoalRuleConfigurationTests {
    @Test func shareRuleHasTheLargelyMetLevel() {
        #expect(GoalRule.share.assess([.met, .met, .notMet]) == .largelyMet)
        #expect(GoalRule.share.assess([.met, .notMet, .notMet]) == .partlyMet)
        #expect(GoalRule.share.assess([.met, .met, .met]) == .fullyMet)
        #expect(GoalRule.share.assess([.notMet]) == .notMet)
    }

    @Test func datasetChoosesItsRule() throws {
        let copy = try TestSupport.copyOfBundledDataset()
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        try TestSupport.edit(copy, "datapackage.json") {
            TestSupport.replacingFirst(
                $0, "\"resources\": [", "\"prognos\": {\"goal_rule\": \"share\"},\n  \"resources\": [")
        }
        let dataset = try DatasetLoader.load(directory: copy, displayName: "ds").dataset
        #expect(dataset.goalRule == .share)
        let analysis = RunJob().analyze(dataset)
        // Goal 7: two of four indicators met — half, not two thirds: still partly met.
        #expect(analysis.goals.first { $0.goal.id == "ks-7" }?.assessment == .partlyMet)
        #expect(
            CanonicalDatasetWriter.files(for: dataset)["datapackage.json"]?.contains("\"goal_rule\": \"share\"") == true
        )
        try TestSupport.edit(copy, "datapackage.json") {
            TestSupport.replacingFirst($0, "\"goal_rule\": \"share\"", "\"goal_rule\": \"lenient\"")
        }
        #expect(throws: InvalidInput.self) { try DatasetLoader.load(directory: copy, displayName: "ds").dataset }
    }
}
