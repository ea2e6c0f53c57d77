import Foundation
import PrognosTestSupport
import Testing

@testable import Prognos
@testable import PrognosAnalysis
@testable import PrognosForecast
@testable import PrognosIngest
@testable import PrognosModel
@testable import PrognosSupport

/// Forecasting across a panel: the global linear model against numpy
/// (Scripts/fixtures/make_global_fixtures.py), the hierarchy's shrinkage, `auto` on a panel
/// (long series unchanged, short ones on their own scale), and the climatology baseline.
@Suite struct PanelForecastingTests {
    struct GlobalFixture: Decodable {
        struct Series: Decodable {
            var values: [Double]
            var indicator: String
            var kind: String
        }
        var series: [Series]
        var scales: [Double]
        var forecasts: [[Double]]
    }

    /// Scales and forecasts of the global linear model equal numpy's, computed from the
    /// documented formulas, to 1e-9 relative.
    @Test func globalLinearModelMatchesNumpy() throws {
        let fixture = try #require(TestSupport.jsonFixture("global-linear-model.json", as: GlobalFixture.self))
        let panel = fixture.series.map { PanelSeries(values: $0.values, indicator: $0.indicator, kind: $0.kind) }
        let hierarchy = PanelHierarchy(panel)
        let scales = PanelScales.shrunk(panel, hierarchy: hierarchy, priorWeight: 1)
        for (mine, theirs) in zip(scales, fixture.scales) {
            #expect(abs(mine - theirs) <= 1e-12 * abs(theirs), "scale \(mine) vs \(theirs)")
        }
        let model = GlobalLinearModel()
        let fit = model.fit(panel, scales: scales, hierarchy: hierarchy, horizon: 3)
        for index in panel.indices {
            let points = try #require(
                model.points(
                    panel[index].values, series: index, scale: scales[index], fit: fit, hierarchy: hierarchy, horizon: 3
                ))
            for (mine, theirs) in zip(points, fixture.forecasts[index]) {
                #expect(abs(mine - theirs) <= 1e-9 * max(1, abs(theirs)), "series \(index): \(mine) vs \(theirs)")
            }
        }
    }

    /// On series that follow yₜ₊₁ − yₜ = 0.5 + 0.3 (yₜ₋₁ − yₜ) in their own units exactly,
    /// the order-2 model without shrinkage recovers the rule: its one-step forecast is the
    /// rule's. With the default ridge (10 windows, the panel's towards the random walk)
    /// the 120 windows pull it only slightly towards no change.
    @Test func globalLinearModelRecoversAnExactRule() throws {
        var panel: [PanelSeries] = []
        for k in 0..<20 {
            var y = [10.0 + Double(k), 11.0 + Double(k) * 1.5]
            for _ in 0..<6 { y.append(y[y.count - 1] + 0.5 + 0.3 * (y[y.count - 2] - y[y.count - 1])) }
            panel.append(PanelSeries(values: y, indicator: "x", kind: "number"))
        }
        let hierarchy = PanelHierarchy(panel)
        let scales = [Double](repeating: 1, count: panel.count)
        let model = GlobalLinearModel(maximumOrder: 2, ridge: 0, clip: 1e9)
        let shrunk = GlobalLinearModel(maximumOrder: 2, ridge: 10, clip: 1e9)
        let fit = model.fit(panel, scales: scales, hierarchy: hierarchy, horizon: 1)
        let shrunkFit = shrunk.fit(panel, scales: scales, hierarchy: hierarchy, horizon: 1)
        for (index, series) in panel.enumerated() {
            let y = series.values
            let last = y[y.count - 1]
            let expected = last + 0.5 + 0.3 * (y[y.count - 2] - last)
            let point = try #require(
                model.points(y, series: index, scale: 1, fit: fit, hierarchy: hierarchy, horizon: 1)?.first)
            #expect(abs(point - expected) <= 1e-8, "\(point) vs \(expected)")
            let pulled = try #require(
                shrunk.points(y, series: index, scale: 1, fit: shrunkFit, hierarchy: hierarchy, horizon: 1)?.first)
            #expect(
                abs(pulled - expected) < 0.01 && abs(pulled - last) < abs(expected - last), "\(pulled) vs \(expected)")
        }
    }

    /// θ̂ = (N·mean + κ·θ̂(parent)) / (N + κ), by hand: the panel's mean of 1, 2, 3, 10 is 4;
    /// kind "k" holds 1, 2, 3: (6 + 2·4)/(3 + 2) = 2.8; its indicator "a" holds 1, 2:
    /// (3 + 2·2.8)/(2 + 2) = 2.15; an indicator without observations takes its kind's.
    @Test func hierarchyShrinksTowardsTheLevelAbove() {
        let panel = [
            PanelSeries(values: [], indicator: "a", kind: "k"), PanelSeries(values: [], indicator: "a", kind: "k"),
            PanelSeries(values: [], indicator: "b", kind: "k"), PanelSeries(values: [], indicator: "c", kind: "l"),
            PanelSeries(values: [], indicator: "d", kind: "k"),
        ]
        let hierarchy = PanelHierarchy(panel)
        var sums = PanelHierarchy.Sums(nodes: hierarchy.nodeCount)
        for (value, index) in [(1.0, 0), (2.0, 1), (3.0, 2), (10.0, 3)] {
            hierarchy.add(value, series: index, to: &sums)
        }
        let estimate = hierarchy.shrunk(sums, priorWeight: 2)
        #expect(abs(estimate[0] - 4) < 1e-12)
        #expect(abs(estimate[hierarchy.parent[hierarchy.indicatorNode[0]]] - 2.8) < 1e-12)
        #expect(abs(estimate[hierarchy.indicatorNode[0]] - 2.15) < 1e-12)
        #expect(abs(estimate[hierarchy.indicatorNode[4]] - 2.8) < 1e-12)
    }

    /// A series that never moved still gets a spread: its indicator's typical relative move
    /// times its size, shrunk with weight κ against its own zero.
    @Test func aSeriesThatNeverMovedBorrowsItsIndicatorsScale() {
        let panel = [
            PanelSeries(values: [20, 20, 20, 20, 20], indicator: "tax", kind: "percent"),
            PanelSeries(values: [20, 20.5, 20, 20.5, 20], indicator: "tax", kind: "percent"),
            PanelSeries(values: [22, 22.2, 22, 22.2, 22], indicator: "tax", kind: "percent"),
        ]
        let scales = PanelScales.shrunk(panel, hierarchy: PanelHierarchy(panel), priorWeight: 1)
        // r = median(0.5/20.2, 0.2/22.08) over the moving series; prior r·20; m = 4.
        let r = (0.5 / 20.2 + 0.2 / 22.08) / 2
        #expect(abs(scales[0] - (r * 20 * r * 20 / 5).squareRoot()) < 1e-12)
        #expect(scales[0] > 0)
    }

    static let m3: [Backtest.EvaluationSeries] = {
        let directory = TestSupport.repositoryRoot.appendingPathComponent("Datasets/m3-yearly")
        guard let dataset = try? DatasetLoader.load(directory: directory, displayName: "m3-yearly").dataset else {
            return []
        }
        return Backtest.series(of: dataset)
    }()

    /// Every M3 yearly training part is long (14 values or more): `auto` on the panel gives
    /// exactly the forecasts of `auto` series by series.
    @Test func longSeriesKeepTheirOwnAuto() {
        let sample = Array(Self.m3.prefix(60))
        let panel = Backtest.run(panelMethod: PanelAuto(), series: sample, holdout: nil, origins: 1, threads: 2)
        let single = Backtest.run(method: AutoForecaster(), series: sample, holdout: nil, origins: 1, threads: 2)
        #expect(panel.count == single.count && !panel.isEmpty)
        for (a, b) in zip(panel, single) {
            #expect(a.cells.map(\.distribution) == b.cells.map(\.distribution))
        }
    }

    /// Short series of one indicator at very different levels: each gets a spread in its
    /// own units (proportional to its own moves), and the same input gives the same bits
    /// on one thread or two.
    @Test func shortSeriesGetSpreadsOnTheirOwnScale() throws {
        var generator = SplitMix64(seed: 7)
        var panel: [PanelSeries] = []
        for k in 0..<40 {
            let level = k % 2 == 0 ? 1.0 : 1000.0
            let values = (0..<5).map { _ in level * (1 + 0.05 * (generator.nextUnit() - 0.5)) }
            panel.append(PanelSeries(values: values, indicator: "share", kind: "percent"))
        }
        let auto = PanelAuto()
        let one = auto.forecast(panel, horizon: 3, threads: 1)
        let two = auto.forecast(panel, horizon: 3, threads: 2)
        #expect(one == two)
        let small = try #require(one[0]?.distributions[0].scale)
        let large = try #require(one[1]?.distributions[0].scale)
        #expect(small > 0 && large > 0)
        #expect(large / small > 100 && large / small < 10_000, "\(large / small)")
        #expect(one.allSatisfy { $0?.intervalSource == .crossValidation })
    }

    /// A one-series method on a panel scores as it does series by series.
    @Test func panelBacktestOfAOneSeriesMethodEqualsTheSeriesBacktest() {
        let sample = Array(Self.m3.prefix(40))
        let panel = Backtest.run(
            panelMethod: SeriesByItself(ThetaForecaster()), series: sample, holdout: nil, origins: 2, threads: 2)
        let single = Backtest.run(method: ThetaForecaster(), series: sample, holdout: nil, origins: 2, threads: 2)
        #expect(
            AccuracyTable.rows(method: "theta", series: panel) == AccuracyTable.rows(method: "theta", series: single))
    }

    /// Climatology by hand. The series 100, 110 with 121 held out: its one pair rose by
    /// 10 %, 110 ≥ 100·(1 + g) for every offset g ≤ 0.10, so p = 1; and 121 ≥ 110·(1 + g)
    /// for every g: Brier 0.
    @Test func climatologyStatesInSampleBaseRates() {
        let series = [
            Backtest.EvaluationSeries(
                key: SeriesKey(entityID: "e", indicatorID: "i"), values: [100, 110, 121], testCount: 1)
        ]
        let report = Climatology.report(series: series, holdout: nil)
        #expect(report.count == CalibrationReport.offsets.count)
        #expect(report.brier == 0)
        let falling = [
            Backtest.EvaluationSeries(
                key: SeriesKey(entityID: "e", indicatorID: "i"), values: [100, 96, 99, 97], testCount: 1)
        ]
        // Pairs 100→96 (−4 %) and 96→99 (+3.1 %): p = 1, 1, ½, ½, ½, 0, 0 for g = −10 %…+10 %;
        // 97 against 99·(1 + g): reached for g = −10 % and −5 % only. Brier (3 · ¼)/7.
        let half = Climatology.report(series: falling, holdout: nil)
        #expect(half.count == 7)
        #expect(abs(half.brier - 0.75 / 7) < 1e-12)
    }

    /// The binary: `evaluate` takes `global`, and `calibrate` prints `auto` beside Naive,
    /// Theta and climatology on the same events.
    @Test func commandsRunPanelMethodsAndPrintTheBaselines() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let m3 = TestSupport.repositoryRoot.appendingPathComponent("Datasets/m3-yearly").path
        let evaluated = try TestSupport.runBinary(
            ["evaluate", m3, "--methods", "naive,global", "--out", directory.appendingPathComponent("e").path])
        #expect(evaluated.status == 0, "\(evaluated.stderr)")
        #expect(evaluated.stdout.contains("\nglobal "))
        let calibrated = try TestSupport.runBinary([
            "calibrate", m3, "--out", directory.appendingPathComponent("c").path,
        ])
        #expect(calibrated.status == 0, "\(calibrated.stderr)")
        let sections = calibrated.stdout.components(separatedBy: "\n\n")
        let lines = (sections.first ?? "").split(separator: "\n").map(String.init)
        let names = lines.dropFirst().map { $0.split(separator: " ").first.map(String.init) ?? "" }
        #expect(names == ["auto", "naive", "theta", "climatology"], "\(calibrated.stdout)")
        let counts = lines.dropFirst().compactMap { line in line.split(separator: " ").compactMap { Int($0) }.first }
        #expect(Set(counts) == [645 * 6 * 7], "\(counts)")
        // By training length: M3 yearly's training parts all have more than 10 values, so
        // the one band holds the same events and the same scores as the whole.
        let byLength = try String(
            contentsOf: directory.appendingPathComponent("c/calibration_by_length.csv"), encoding: .utf8)
        let rows = byLength.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        #expect(rows.map { $0[1] } == ["auto", "naive", "theta", "climatology"], "\(byLength)")
        #expect(rows.allSatisfy { $0[0] == ">10" && $0[2] == String(645 * 6 * 7) })
        let whole = lines.dropFirst().first?.split(separator: " ").compactMap { Double($0) } ?? []
        #expect(whole.count >= 2 && abs((Double(rows.first?[3] ?? "") ?? 0) - whole[1]) < 1e-4, "\(whole)")
    }
}

/// Calibration by training length: the same results, grouped by their origin's length.
@Suite struct CalibrationByLengthTests {
    @Test func resultsAreGroupedByTrainingLength() {
        func result(origin: Int, actual: Double) -> AccuracyTable.SeriesResult {
            AccuracyTable.SeriesResult(
                cells: [
                    AccuracyTable.Cell(
                        horizon: 1, actual: actual, distribution: PredictiveDistribution(location: 10, scale: 1))
                ],
                scale: 1, lastTrainingValue: 10, key: nil, origin: origin)
        }
        let results = [
            result(origin: 3, actual: 12), result(origin: 5, actual: 8), result(origin: 8, actual: 11),
            result(origin: 14, actual: 10),
        ]
        let bands = CalibrationReport.byLength(method: "m", results: results)
        #expect(bands.map(\.band) == ["<=5", "6-10", ">10"])
        #expect(bands.map(\.report.count) == [14, 7, 7])
        // Each band's report is the report of its own results.
        #expect(bands[0].report.brier == CalibrationReport(method: "m", results: Array(results.prefix(2))).brier)
        #expect(CalibrationReport.byLength(method: "m", results: [result(origin: 4, actual: 9)]).map(\.band) == ["<=5"])
    }
}

/// The pooled backtest's sample on a large panel.
@Suite struct PanelBacktestSampleTests {
    @Test func sampleKeepsEveryIndicatorAndTheNodeNumbers() {
        var panel: [PanelSeries] = []
        for entity in 0..<50 {
            for (indicator, kind) in [("a", "percent"), ("b", "count"), ("c", "percent")] {
                let level = Double(10 + entity)
                panel.append(
                    PanelSeries(values: [level, level + 1, level + 0.5, level + 2], indicator: indicator, kind: kind))
            }
        }
        let hierarchy = PanelHierarchy(panel)
        #expect(PanelAuto.backtestSample(hierarchy: hierarchy, count: panel.count, limit: 1000) == Array(0..<150))
        let sample = PanelAuto.backtestSample(hierarchy: hierarchy, count: panel.count, limit: 30)
        // k = max(8, 30/3) = 10 per indicator: every 5th of its 50 series, from its first.
        #expect(sample.count == 30 && Array(sample.prefix(3)) == [0, 1, 2] && sample[3] == 15)
        let sampled = PanelHierarchy(sample.map { panel[$0] })
        #expect(sampled.names == hierarchy.names && sampled.parent == hierarchy.parent)
        var limited = PanelAuto()
        limited.backtestLimit = 30
        let forecasts = limited.forecast(panel, horizon: 2, threads: 2)
        #expect(forecasts.allSatisfy { $0?.distributions.count == 2 })
        #expect(
            limited.forecast(panel, horizon: 2, threads: 1).map { $0?.distributions }
                == forecasts.map { $0?.distributions })
    }
}
