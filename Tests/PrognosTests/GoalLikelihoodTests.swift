import Foundation
import PrognosTestSupport
import Testing

@testable import Prognos
@testable import PrognosAnalysis
@testable import PrognosModel
@testable import PrognosRender

/// Probabilities of meeting targets, on small datasets built for each case.
@Suite struct GoalLikelihoodTests {
    /// A dataset of one entity `e` and the given indicators, observations and targets,
    /// plus a comparison entity `peer` whose series feed the pools.
    static func dataset(indicators: [Indicator], observations: [Observation], targets: [Target]) -> Dataset {
        Dataset(
            name: "t",
            entities: [
                Entity(id: "e", name: "E", kind: .municipality), Entity(id: "peer", name: "P", kind: .municipality),
            ],
            indicators: indicators, observations: observations, targets: targets,
            goals: [Goal(id: "g", titleSv: "Mål", titleEn: "Goal")])
    }

    static func observations(
        _ entity: String, _ indicator: String, _ values: [(Int, Double)], preliminaryLast: Bool = false
    ) -> [Observation] {
        values.enumerated().map { index, pair in
            Observation(
                entityID: entity, indicatorID: indicator, year: pair.0, value: pair.1,
                status: preliminaryLast && index == values.count - 1 ? .preliminary : .final)
        }
    }

    static let sickLeave = Indicator(
        id: "sick", titleSv: "Sjukfrånvaro", titleEn: "Sick leave", unit: .percent, lowerBound: 0, upperBound: 100,
        polarity: .lowerIsBetter, source: "report")

    static func summary(_ analysis: RunAnalysis, _ entity: String, _ indicator: String) throws -> SeriesSummary {
        try #require(
            analysis.series.first {
                $0.key.entityID == entity && $0.key.indicatorID == indicator && $0.key.gender == .total
            })
    }

    @Test func lowerIsBetterUsesTheLowerTail() throws {
        let data = Self.dataset(
            indicators: [Self.sickLeave],
            observations: Self.observations("e", "sick", [(2021, 3.9), (2022, 3.4)])
                + Self.observations("peer", "sick", [(2019, 5.0), (2020, 5.6), (2021, 5.1), (2022, 5.3)]),
            targets: [
                Target(entityID: "e", indicatorID: "sick", goalID: "g", year: 2023, value: 3.6, comparator: .atMost)
            ])
        let analysis = RunAnalysis(dataset: data, year: 2023)
        let s = try Self.summary(analysis, "e", "sick")
        let likelihood = try #require(s.likelihood)
        let p = try #require(likelihood.probability)
        // A 2-value series is forecast from the dataset's pooled backtest, and its
        // source is stated in words, never as an internal key.
        #expect(["indicator", "kind", "panel"].contains(likelihood.source))
        #expect(likelihood.basis.english.contains("series") && !likelihood.basis.english.contains("="))
        #expect(likelihood.basis.swedish.contains("serier"))
        // The forecast continues down (half the last change): P(Y ≤ 3.6) is above one half.
        #expect(p > 0.5 && p < 1)
        let distribution = try #require(likelihood.distribution)
        #expect(abs(p - distribution.cdf(3.6)) < 1e-15)
        #expect(s.evaluation?.basis == .forecast)
        #expect(s.evaluation?.status == .met)
        // Suggestions for a lower-is-better indicator rise with the probability asked for.
        let p50 = try #require(s.suggestions[0.5])
        let p90 = try #require(s.suggestions[0.9])
        #expect(p50 < p90)
    }

    @Test func percentageNearOneHundredStaysInBounds() throws {
        let broadband = Indicator(
            id: "bb", titleSv: "Bredband", titleEn: "Broadband", unit: .percent, lowerBound: 0, upperBound: 100,
            polarity: .higherIsBetter, source: "PTS")
        let data = Self.dataset(
            indicators: [broadband],
            observations: Self.observations("e", "bb", [(2021, 94), (2022, 98)])
                + Self.observations("peer", "bb", [(2019, 80), (2020, 86), (2021, 90), (2022, 95)]),
            targets: [
                Target(entityID: "e", indicatorID: "bb", goalID: "g", year: 2023, value: 99.9, comparator: .atLeast)
            ])
        let s = try Self.summary(RunAnalysis(dataset: data, year: 2023), "e", "bb")
        let p = try #require(s.likelihood?.probability)
        #expect(p >= 0 && p <= 1)
        let outlook = try #require(s.outlook)
        #expect(outlook.distribution.interval(0.95).upper <= 100)
        // On the logit scale: the median stays at the last value, inside the bound, and
        // no probability sits on 100 itself.
        #expect(abs(outlook.distribution.point - 98) < 1e-9)
        #expect(outlook.distribution.quantile(0.999) < 100 && outlook.distribution.quantile(0.999) > 98)
        #expect(outlook.distribution.survival(100) == 0 || outlook.distribution.cdf(99.99) > 0.99)
        for value in s.suggestions.values { #expect(value <= 100 && value >= 0) }
    }

    @Test func scaleOneToSixKeepsItsBounds() throws {
        let dialogue = Indicator(
            id: "dialog", titleSv: "Dialog", titleEn: "Dialogue", unit: .scale, lowerBound: 1, upperBound: 6,
            polarity: .higherIsBetter, source: "survey")
        let data = Self.dataset(
            indicators: [dialogue],
            observations: Self.observations("e", "dialog", [(2020, 1.4), (2021, 1.2), (2022, 1.1), (2023, 1.05)]),
            targets: [
                Target(entityID: "e", indicatorID: "dialog", goalID: "g", year: 2024, value: 1.5, comparator: .atLeast)
            ])
        let s = try Self.summary(RunAnalysis(dataset: data, year: 2024), "e", "dialog")
        let outlook = try #require(s.outlook)
        #expect(outlook.distribution.interval(0.95).lower >= 1)
        #expect(outlook.distribution.interval(0.95).upper <= 6)
        let p = try #require(s.likelihood?.probability)
        #expect(p >= 0 && p < 0.5)
    }

    @Test func onePointBorrowsThePoolAndNoPointIsNotEvaluated() throws {
        let index = Indicator(
            id: "svc", titleSv: "Service", titleEn: "Service", unit: .index, lowerBound: 1, upperBound: 100,
            polarity: .higherIsBetter)
        let other = Indicator(
            id: "nki", titleSv: "NKI", titleEn: "NKI", unit: .index, lowerBound: 0, upperBound: 100,
            polarity: .higherIsBetter)
        let data = Self.dataset(
            indicators: [index, other],
            observations: Self.observations("e", "svc", [(2023, 81)])
                + Self.observations("e", "nki", [(2020, 70), (2021, 71), (2022, 75), (2023, 73)]),
            targets: [
                Target(entityID: "e", indicatorID: "svc", goalID: "g", year: 2024, value: 80, comparator: .atLeast),
                Target(entityID: "peer", indicatorID: "svc", goalID: "g", year: 2024, value: 80, comparator: .atLeast),
            ])
        let analysis = RunAnalysis(dataset: data, year: 2024)
        let one = try Self.summary(analysis, "e", "svc")
        #expect(["indicator", "kind", "panel"].contains(one.likelihood?.source ?? ""))
        #expect(one.likelihood?.basis.english.contains("(1 value)") == true)
        let p = try #require(one.likelihood?.probability)
        #expect(p > 0.5 && p < 1)
        let none = try Self.summary(analysis, "peer", "svc")
        #expect(none.points.isEmpty)
        #expect(none.likelihood?.probability == nil)
        #expect(none.likelihood?.reason == "no outcome in or before 2024")
        #expect(none.evaluation?.status == .notEvaluated)
        let csv = IndicatorsTable.csv(analysis)
        #expect(!csv.lowercased().contains("nan"))
        #expect(csv.contains("no outcome in or before 2024"))
        // A goal with a not-evaluated indicator cannot be certain to be fully met.
        let goal = try #require(analysis.goals.first)
        #expect((goal.probabilityFullyMet ?? 1) == 0)
    }

    @Test func targetAlreadyMetAndPreliminaryOutcomes() throws {
        let nki = Indicator(
            id: "nki", titleSv: "NKI", titleEn: "NKI", unit: .index, lowerBound: 0, upperBound: 100,
            polarity: .higherIsBetter, source: "Insikt")
        let data = Self.dataset(
            indicators: [nki],
            observations: Self.observations("e", "nki", [(2021, 71), (2022, 72), (2023, 73)], preliminaryLast: true)
                + Self.observations("peer", "nki", [(2021, 60), (2022, 66), (2023, 63)]),
            targets: [
                Target(entityID: "e", indicatorID: "nki", goalID: "g", year: 2023, value: 72, comparator: .atLeast),
                Target(entityID: "peer", indicatorID: "nki", goalID: "g", year: 2023, value: 62, comparator: .atLeast),
            ])
        let analysis = RunAnalysis(dataset: data, year: 2023)
        let preliminary = try #require(try Self.summary(analysis, "e", "nki").likelihood)
        #expect(preliminary.source == "outcome_preliminary")
        let p = try #require(preliminary.probability)
        #expect(p > 0.5 && p < 1)
        let met = try #require(try Self.summary(analysis, "peer", "nki").likelihood)
        #expect(met.source == "outcome")
        #expect(met.probability == 1)
        let goal = try #require(analysis.goals.first)
        #expect(goal.assessment == .fullyMet)
        let fully = try #require(goal.probabilityFullyMet)
        #expect(abs(fully - p) < 0.02, "simulated \(fully) vs analytic \(p)")
        #expect(goal.probabilityAtLeastPartlyMet == 1)
    }

    @Test func bundledDatasetHasProbabilitiesSourcesAndSuggestions() throws {
        let analysis = RunJob().analyze(try TestSupport.loadBundledDataset())
        for summary in analysis.series where summary.evaluation != nil {
            let p = try #require(summary.likelihood?.probability, "\(summary.key.indicatorID)")
            #expect(p >= 0 && p <= 1)
            #expect(summary.likelihood?.source.isEmpty == false)
            #expect(summary.outlook?.year == 2024 || summary.outlook?.year == 2023)
            #expect(summary.suggestions.count == 3, "\(summary.key.indicatorID)")
        }
        // Goal 3 (broadband, no 2023 outcome) is assessed from a forecast.
        let goal3 = try #require(analysis.goals.first { $0.goal.id == "ks-3" })
        #expect(goal3.evaluations.allSatisfy { $0.basis == .forecast && $0.likelihood?.probability != nil })
        #expect(goal3.assessment == .fullyMet)
        let p3 = try #require(goal3.probabilityFullyMet)
        #expect(p3 > 0 && p3 < 1)
    }
}

/// The Eurostat and UN SDG classes on the worked examples of `goal-methods.md`.
@Suite struct ProgressClassificationTests {
    func points(_ pairs: [(Int, Double)]) -> [SeriesPoint] {
        pairs.map { SeriesPoint(year: $0.0, value: $0.1, isPreliminary: false) }
    }

    /// Broadband: y₂₀₁₅ = 80, y₂₀₂₁ = 95, target 98 in 2023 → R = 1.13 (significant),
    /// anticipated 100.6 % clamped to 100 → P = 1.11 (on track).
    @Test func broadbandExample() {
        let target = Target(entityID: "e", indicatorID: "bb", goalID: "", year: 2023, value: 98, comparator: .atLeast)
        let indicator = Indicator(
            id: "bb", titleSv: "", titleEn: "", unit: .percent, lowerBound: 0, upperBound: 100,
            polarity: .higherIsBetter)
        let c = ProgressClassification.make(
            target: target, points: points([(2015, 80), (2021, 95)]), indicator: indicator)
        #expect(abs((c.eurostatRatio ?? 0) - 1.1318) < 1e-3)
        #expect(c.eurostatClass == "significant_progress")
        #expect(abs((c.sdgRatio ?? 0) - 20.0 / 18) < 1e-9)
        #expect(c.sdgClass == "on_track_or_met")
    }

    /// Sick leave (lower is better): y₂₀₁₉ = 7.9, y₂₀₂₂ = 8.6, target 7.0 in 2023 →
    /// R = −0.96 (movement away), P = −1.05 (stagnation or regression).
    @Test func sickLeaveExample() {
        let target = Target(entityID: "e", indicatorID: "s", goalID: "", year: 2023, value: 7.0, comparator: .atMost)
        let c = ProgressClassification.make(target: target, points: points([(2019, 7.9), (2022, 8.6)]), indicator: nil)
        #expect(abs((c.eurostatRatio ?? 0) + 0.96) < 0.01)
        #expect(c.eurostatClass == "movement_away")
        #expect(abs((c.sdgRatio ?? 0) + 1.05) < 0.01)
        #expect(c.sdgClass == "stagnation_or_regression")
    }

    @Test func metAndNotAssessable() {
        let target = Target(entityID: "e", indicatorID: "x", goalID: "", year: 2023, value: 50, comparator: .atLeast)
        #expect(
            ProgressClassification.make(target: target, points: points([(2022, 40), (2023, 55)]), indicator: nil)
                .eurostatClass == "target_achieved")
        #expect(
            ProgressClassification.make(target: target, points: points([(2023, 45)]), indicator: nil) == .notAssessable)
        #expect(
            ProgressClassification.make(target: target, points: points([(2021, -1), (2022, 3)]), indicator: nil)
                == .notAssessable)
    }
}

@Suite struct CalibrationReportTests {
    /// Four statements: p = 0.9 (happened), 0.9 (not), 0.2 (not), 0.05 (happened).
    @Test func scoresOnAHandExample() {
        let report = CalibrationReport(
            method: "m", probabilities: [0.9, 0.9, 0.2, 0.05], outcomes: [true, false, false, true])
        #expect(report.count == 4)
        #expect(abs(report.brier - (0.01 + 0.81 + 0.04 + 0.9025) / 4) < 1e-15)
        let logLoss = -(log(0.9) + log(0.1) + log(0.8) + log(0.05)) / 4
        #expect(abs(report.logLoss - logLoss) < 1e-12)
        // Bins: [0.9, 1.0) mean p 0.9, frequency 0.5; [0.2, 0.3) 0.2 vs 0; [0, 0.1) 0.05 vs 1.
        #expect(abs(report.expectedCalibrationError - (0.5 * 0.4 + 0.25 * 0.2 + 0.25 * 0.95)) < 1e-12)
        #expect(report.bins[9].count == 2)
    }
}
