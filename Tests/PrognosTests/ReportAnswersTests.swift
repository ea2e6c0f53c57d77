import Foundation
import PrognosTestSupport
import Testing

@testable import Prognos
@testable import PrognosAnalysis
@testable import PrognosIngest
@testable import PrognosModel
@testable import PrognosRender

/// The report's answers to its readers' questions: which targets are at risk next year
/// (``NextYearOutlook``), and how far the organisation's own forecasts were off
/// (``VintageDeviation``).
@Suite struct ReportAnswersTests {
    @Test func everyGoalIndicatorGetsNextYearsTargetMostAtRiskFirst() throws {
        let analysis = RunJob().analyze(try TestSupport.loadBundledDataset())
        let outlooks = analysis.nextYear
        // 12 indicators with a 2023 target: each gets 2024 (kept: the dataset has no 2024
        // targets), and the two broadband ones their 2025 target too, with its own year.
        #expect(outlooks.count == 14)
        #expect(outlooks.filter { $0.target.year == 2024 }.allSatisfy { $0.source == .kept })
        let multiYear = outlooks.filter { $0.target.year == 2025 }
        #expect(multiYear.map(\.goalID) == ["ks-3", "ks-3"])
        #expect(multiYear.allSatisfy { $0.source == .dataset && $0.target.value == 99.9 })
        let probabilities = outlooks.compactMap(\.likelihood.probability)
        #expect(probabilities.count == outlooks.count)
        #expect(probabilities == probabilities.sorted())
        // NKI (preliminary 73 in 2023) keeps a target of 72 with a high probability.
        let nki = try #require(outlooks.first { $0.target.indicatorID == "ks-1.1" })
        #expect(nki.target.year == 2024 && nki.target.value == 72)
        #expect(try #require(nki.likelihood.probability) > 0.7)
    }

    /// Per goal, P(every indicator meets its next-year target) is the product of the
    /// indicators' probabilities, the least likely goal first.
    @Test func goalsAtRiskNextYear() throws {
        let analysis = RunJob().analyze(try TestSupport.loadBundledDataset())
        let rows = analysis.nextYear.filter { $0.goalID == "ks-7" && $0.target.year == 2024 }
        #expect(rows.count == 4)
        let product = rows.compactMap(\.likelihood.probability).reduce(1, *)
        let markdown = MarkdownReport.render(analysis, language: .en)
        let expected = "| 4 | 🔴 " + ReportText(language: .en).percent(product) + " |"
        #expect(markdown.contains(expected))
        let goalTable = try #require(markdown.components(separatedBy: "| Goal | Indicators |").dropFirst().first)
        #expect(goalTable.components(separatedBy: "\n").dropFirst(2).first?.hasPrefix("| ks-7:") == true)
    }

    /// The value suggested at p is met with probability p: the suggestion and the
    /// likelihood read the same forecast of the same year.
    @Test func suggestedTargetsAreMetWithTheirProbability() throws {
        let analysis = RunJob().analyze(try TestSupport.loadBundledDataset())
        for outlook in analysis.nextYear {
            let distribution = try #require(outlook.likelihood.distribution)
            for (p, value) in outlook.suggestions {
                var target = outlook.target
                target.value = value
                #expect(abs(TargetLikelihood.probability(distribution, target) - p) < 1e-6, "\(outlook.key) at \(p)")
            }
            #expect(outlook.suggestions.map(\.probability) == [0.5, 0.8, 0.9] || outlook.suggestions.isEmpty)
            // Higher probability, a less ambitious target.
            let values = outlook.suggestions.map(\.value)
            if outlook.target.comparator == .atLeast { #expect(values == values.sorted(by: >)) }
        }
    }

    @Test func aTargetForNextYearInTheDatasetIsUsedAndNotKept() throws {
        let copy = try TestSupport.copyOfBundledDataset()
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        try TestSupport.edit(copy, "targets.csv") { $0 + "alingsas,ks-1.1,ks-1,2024,74,>=\n" }
        let analysis = RunJob().analyze(try DatasetLoader.load(directory: copy, displayName: "x").dataset)
        let nki = analysis.nextYear.filter { $0.target.indicatorID == "ks-1.1" }
        #expect(nki.count == 1)
        #expect(nki.first?.source == .dataset && nki.first?.target.value == 74)
        // A higher target than the kept one, the same forecast: less likely.
        let kept = RunJob().analyze(try TestSupport.loadBundledDataset()).nextYear.first {
            $0.target.indicatorID == "ks-1.1"
        }
        #expect(try #require(nki.first?.likelihood.probability) < (try #require(kept?.likelihood.probability)))
    }

    /// Goal 4's "genomsnittet 3,0" is a comparison entity: ks-4.1 is compared with it (in
    /// summary.json, the chart and the goal table) and it is neither forecast nor listed as
    /// a series of its own, unless asked.
    @Test func aComparisonEntityIsShownBesideItsIndicatorNotForecast() throws {
        let dataset = try TestSupport.loadBundledDataset()
        let analysis = RunJob().analyze(dataset)
        let own = try #require(
            analysis.series.first { $0.key == SeriesKey(entityID: "alingsas", indicatorID: "ks-4.1") })
        let comparison = try #require(own.comparison)
        #expect(comparison.groupID == "genomsnitt")
        #expect(comparison.points.map(\.mean) == [3] && comparison.points.map(\.members) == [0])
        let average = try #require(analysis.series.first { $0.key.entityID == "genomsnitt" })
        #expect(average.outlook == nil && average.suggestions.isEmpty)
        let markdown = MarkdownReport.render(analysis, language: .sv)
        #expect(markdown.contains("| 3 (2023, Genomsnittet som årsbokslutet jämför med) |"))
        #expect(!markdown.contains("| Genomsnittet som årsbokslutet jämför med |"))
        let charts = try ChartRenderer.render(analysis, language: .sv)
        let svg = String(decoding: try #require(charts.files["charts/alingsas__ks-4.1.svg"]), as: UTF8.self)
        #expect(svg.contains("Genomsnittet som årsbokslutet jämför med"))
        // Asked for, it is forecast like any series.
        var job = RunJob()
        job.forecastComparisons = true
        let forecast = job.analyze(dataset).series.first { $0.key.entityID == "genomsnitt" }
        #expect(forecast?.outlook != nil)
    }

    /// Deviations carry the seed's signs ("Avv."): outcome − budget in the operating table
    /// (staff costs 7 422 under budget: +7 422), budget − outcome in the investment table
    /// (land purchases 8 111 over: −8 111), and the report says which.
    @Test func budgetDeviationsHaveTheReportsSigns() throws {
        let dataset = try TestSupport.loadBundledDataset()
        func line(_ id: String) throws -> BudgetLine {
            try #require(dataset.budgetLines.first { $0.lineID == id && $0.year == 2023 })
        }
        #expect(try line("drift.personalkostnader").deviation == 7_422)
        #expect(try line("investeringar.markinkop").deviation == -8_111)
        #expect(try line("investeringar.expansionsinvestering").deviation == 5_718)
        let markdown = MarkdownReport.render(RunJob().analyze(dataset), language: .sv)
        #expect(markdown.contains("| Markinköp | 2\u{00A0}000 | 10\u{00A0}111 | −8\u{00A0}111 |"))
        #expect(markdown.contains("avvikelsen är budget − utfall"))
    }

    /// The seed: the result's 178 tkr against a frame of 109 067 tkr is "0,16 procent mot
    /// tilldelad ram"; the forecast of 0 is not 100 % off.
    @Test func deviationsAreSharesOfTheLinesFrame() throws {
        let deviations = VintageDeviation.measure(try TestSupport.loadBundledDataset())
        #expect(deviations.count == 3)
        let first = try #require(deviations.first)
        #expect(first.deviation == 178 && first.frame == 109_067)
        #expect(abs((first.share ?? 0) - 178.0 / 109_067) < 1e-15)
        #expect(ReportText(language: .sv).signedPercent(first.share ?? 0) == "+0,16\u{00A0}%")
        // A line with its own budget is measured against it.
        let lines = [
            BudgetLine(entityID: "e", lineID: "a.x", titleSv: "x", year: 2023, budget: -400, outcome: -380),
            BudgetLine(entityID: "e", lineID: "a.y", titleSv: "y", year: 2023, budget: 0, outcome: 5),
        ]
        #expect(VintageDeviation.frame(line: "a.x", entity: "e", year: 2023, lines: lines) == 400)
        // Budgeted at zero without parts, or absent: no frame.
        #expect(VintageDeviation.frame(line: "a.y", entity: "e", year: 2023, lines: lines) == nil)
        #expect(VintageDeviation.frame(line: "a.x", entity: "e", year: 2022, lines: lines) == nil)
    }
}
