import Foundation
import PrognosTestSupport
import Testing

@testable import Prognos
@testable import PrognosAnalysis
@testable import PrognosForecast
@testable import PrognosIngest
@testable import PrognosModel
@testable import PrognosNumerics
@testable import PrognosRender

/// Forecast scales (``Transform``) and the bundled report's next-year bands on short
/// series, each on the series' own scale (issue "Believable forecasts and probabilities
/// on the users' own short series").
@Suite struct ShortSeriesBandsTests {
    /// The logit scale maps a share into (L, U): quantiles stay strictly inside, the cdf
    /// inverts the quantile, and no probability sits on a bound.
    @Test func logitScaleStaysInsideItsBounds() {
        let g = Transform.logit(lower: 0, upper: 100)
        for y in [0.5, 3.2, 50, 98, 99.9] { #expect(abs(g.inverse(g.apply(y)) - y) < 1e-9) }
        let d = PredictiveDistribution(
            location: g.apply(98), scale: 0.8, shape: .studentT(degreesOfFreedom: 4), lowerBound: 0, upperBound: 100,
            transform: g)
        #expect(abs(d.point - 98) < 1e-9)
        for p in [0.001, 0.1, 0.5, 0.9, 0.999] {
            let q = d.quantile(p)
            #expect(q > 0 && q < 100)
            #expect(abs(d.cdf(q) - p) < 1e-9, "p \(p)")
            #expect(abs(d.survival(q) - (1 - p)) < 1e-9, "p \(p)")
        }
        #expect(d.survival(100) == 0 && d.cdf(100) == 1 && d.cdf(0) == 0)
        // The band is skewed away from the bound: more room below 98 than above.
        let (lower, upper) = d.interval(0.8)
        #expect(98 - lower > upper - 98)
    }

    /// log1p: a count's median stays at its last value, its band is skewed upwards, and
    /// the lower bound 0 censors it.
    @Test func log1pScaleForSmallCounts() {
        let d = PredictiveDistribution(
            location: Foundation.log1p(2), scale: 0.5, shape: .normal, lowerBound: 0, transform: .log1p)
        #expect(abs(d.point - 2) < 1e-12)
        let (lower, upper) = d.interval(0.8)
        #expect(lower >= 0 && upper - 2 > 2 - lower)
        #expect(abs(d.quantile(0.9) - (3 * Foundation.exp(0.5 * Normal.quantile(0.9)) - 1)) < 1e-9)
    }

    /// On a transformed scale the CRPS is integrated from the quantiles; with a tiny
    /// spread it is the absolute error of the median, and on the identity scale the
    /// quantile integral agrees with the closed form.
    @Test func crpsOnATransformedScale() {
        let tight = PredictiveDistribution(location: 1, scale: 1e-9, transform: .log1p)
        #expect(abs(tight.crps(5) - abs(5 - Foundation.expm1(1))) < 1e-6)
        let normal = PredictiveDistribution(location: 3, scale: 2)
        // The identity's closed form against the quantile rule the transformed path uses.
        var total = 0.0
        for i in 0..<200 {
            let tau = (Double(i) + 0.5) / 200
            let q = normal.quantile(tau)
            total += ((4.0 <= q ? 1 : 0) - tau) * (q - 4)
        }
        #expect(abs(2 * total / 200 - normal.crps(4)) < 5e-3)
    }

    /// The bundled report's next-year bands: NKI's 80 % band is a few points wide,
    /// overtime stays near 0.2 FTE and injuries near 2, broadband's median stays inside
    /// 100 %, and no source is an internal key.
    @Test func bundledBandsAreOnEachSeriesOwnScale() throws {
        let analysis = RunJob().analyze(try TestSupport.loadBundledDataset())
        func outlook(_ entity: String, _ indicator: String) throws -> Outlook {
            try #require(
                analysis.series.first { $0.key == SeriesKey(entityID: entity, indicatorID: indicator) }?.outlook,
                "\(indicator)")
        }
        let nki = try outlook("alingsas", "ks-1.1")
        #expect(nki.interval80.upper - nki.interval80.lower < 6)
        #expect(nki.interval80.lower < 73 && nki.interval80.upper > 73)
        let overtime = try outlook("alingsas-klk", "personalstatistik.overtid")
        #expect(abs(overtime.distribution.point - 0.2) < 1e-9 && overtime.interval80.upper < 1)
        let injuries = try outlook("alingsas-klk", "arbets_skador_och_tillbud.arbets_skador")
        #expect(abs(injuries.distribution.point - 2) < 1e-9 && injuries.interval80.upper < 9.53)
        let broadband = try outlook("alingsas", "ks-3.2")
        #expect(abs(broadband.distribution.point - 98) < 1e-9 && broadband.interval80.upper < 100)
        for summary in analysis.series {
            guard let basis = summary.outlook?.basis else { continue }
            #expect(!basis.english.contains("=") && !basis.english.contains(":"), "\(basis.english)")
        }
    }

    /// No forecast reaches more than 30 years: a target (or `targets --year`) far beyond
    /// the last outcome gets no probability, with the reason, instead of a forecast year by
    /// year (FuzzRuns found `targets` spending a minute on an observation mutated to 9999:
    /// `Development/Fuzz/corpus/runs/observation-in-9999`).
    @Test func forecastsReachAtMostThirtyYears() {
        let points = (2019...2023).map { SeriesPoint(year: $0, value: Double($0 - 2000), isPreliminary: false) }
        #expect(
            Outlook.make(points: points, year: 2053, indicator: nil, row: nil, panel: nil, method: AutoForecaster())
                != nil)
        #expect(
            Outlook.make(points: points, year: 2054, indicator: nil, row: nil, panel: nil, method: AutoForecaster())
                == nil)
        let target = Target(entityID: "e", indicatorID: "i", goalID: "g", year: 9999, value: 1, comparator: .atLeast)
        let likelihood = TargetLikelihood.make(
            target: target, points: points, indicator: nil, row: nil, panel: nil, method: AutoForecaster())
        #expect(
            likelihood.probability == nil
                && likelihood.reason == "no forecast: 7976 years after the last outcome (at most 30)")
    }

    /// `prognos run` checks its probabilities on the dataset's own series: the five
    /// bundled series with three years in a row, each last value held out, seven events
    /// each; Naive's and climatology's scores are on the same events.
    @Test func runReportsItsOwnCalibration() throws {
        let analysis = RunJob().analyze(try TestSupport.loadBundledDataset())
        let calibration = try #require(analysis.calibration)
        let eligible = analysis.series.filter { SeriesPoint.latestConsecutiveRun($0.points).count >= 3 }
        #expect(calibration.series == eligible.count && eligible.count == 5)
        #expect(calibration.auto.count == 35 && calibration.naive.count == 35 && calibration.climatology.count == 35)
        #expect(calibration.byLength.map(\.band) == ["<=5"])
        let series = eligible.map { summary in
            Backtest.EvaluationSeries(
                key: summary.key, values: SeriesPoint.latestConsecutiveRun(summary.points), testCount: 1)
        }
        let naive = CalibrationReport.evaluate(
            panelMethod: SeriesByItself(RandomWalk(drift: false)), series: series, holdout: 1, threads: 1)
        #expect(abs(naive.brier - calibration.naive.brier) < 1e-12)
        let markdown = MarkdownReport.render(analysis, language: .en)
        #expect(markdown.contains("## How well the probabilities held"))
    }
}

/// Pools a dataset names (`indicators.csv`, column `pool`).
@Suite struct NamedPoolTests {
    static func dataset(nkiPool: String?, nuiPool: String?) -> Dataset {
        let nki = Indicator(
            id: "nki", titleSv: "NKI", titleEn: "NKI", unit: .index, lowerBound: 0, upperBound: 100,
            polarity: .higherIsBetter,
            pool: nkiPool)
        let nui = Indicator(
            id: "nui", titleSv: "NUI", titleEn: "NUI", unit: .index, lowerBound: 0, upperBound: 100,
            polarity: .higherIsBetter,
            pool: nuiPool)
        var observations: [Observation] = []
        for (year, value) in [(2019, 70.0), (2020, 71), (2021, 72), (2022, 71), (2023, 72)] {
            observations.append(Observation(entityID: "e", indicatorID: "nki", year: year, value: value))
        }
        for (year, value) in [(2019, 55.0), (2020, 72), (2021, 60), (2022, 77), (2023, 62)] {
            observations.append(Observation(entityID: "e", indicatorID: "nui", year: year, value: value))
        }
        return Dataset(
            name: "pools", entities: [Entity(id: "e", name: "E", kind: .municipality)], indicators: [nki, nui],
            observations: observations, targets: [], goals: [])
    }

    /// Indicators of one unit in pools of their own are kinds of their own in the pooled
    /// backtest (in `run` and in `evaluate`), keep the unit's forecasting scale, and the
    /// pool survives the canonical files. (NKI's band hardly moves here: spreads are
    /// already in each series' own moves, 2.65 points apart and 2.58 together.)
    @Test func aNamedPoolIsAKindOfItsOwn() throws {
        let apart = Self.dataset(nkiPool: "nki", nuiPool: "nui")
        let outlooks = PanelOutlooks(
            panel: Panel(dataset: apart), indicators: apart.indicatorsByID, until: 2024, threads: 1)
        let fitted = try #require(outlooks.fitted)
        #expect(fitted.hierarchy.names == ["", "pool:nki", "pool:nui", "nki", "nui"])
        #expect(fitted.transforms.allSatisfy { $0 == .logit(lower: 0, upper: 100) })
        #expect(Backtest.series(of: apart).map(\.kind) == ["pool:nki", "pool:nui"])
        let together = Self.dataset(nkiPool: nil, nuiPool: nil)
        let shared = try #require(
            PanelOutlooks(panel: Panel(dataset: together), indicators: together.indicatorsByID, until: 2024, threads: 1)
                .fitted)
        #expect(shared.hierarchy.names == ["", "index", "nki", "nui"])
        #expect(UncertaintyBasis.unitWords("pool:nki").en == "the pool “nki”")
        let files = CanonicalDatasetWriter.files(for: apart)
        #expect(files["indicators.csv"]?.split(separator: "\n").first?.hasSuffix(",kolada_kpi,pool") == true)
        let (descriptor, _) = DataPackageDescriptor.parse(Data((files["datapackage.json"] ?? "").utf8), file: "d")
        let read = try CanonicalDatasetReader.read(descriptor: #require(descriptor), files: files, location: "m")
            .dataset
        #expect(read.indicators.map(\.pool) == ["nki", "nui"])
        // Without pools the column is not written, as before.
        let plain = CanonicalDatasetWriter.files(for: Self.dataset(nkiPool: nil, nuiPool: nil))
        #expect(plain["indicators.csv"]?.split(separator: "\n").first?.hasSuffix(",kolada_kpi") == true)
    }
}

/// The synthetic municipal KPIs of the short-series selection sets.
@Suite struct MunicipalKPIGeneratorTests {
    @Test func panelIsDeterministicBoundedAndMixed() {
        let generator = MunicipalKPIGenerator(entities: 30, indicators: 12, years: 8)
        let dataset = generator.dataset()
        #expect(dataset.observations.count == 30 * 12 * 8)
        #expect(dataset == MunicipalKPIGenerator(entities: 30, indicators: 12, years: 8).dataset())
        #expect(dataset != MunicipalKPIGenerator(entities: 30, indicators: 12, years: 8, seed: 8).dataset())
        let indicators = dataset.indicatorsByID
        for observation in dataset.observations {
            guard let indicator = indicators[observation.indicatorID] else { continue }
            if let lower = indicator.lowerBound { #expect(observation.value >= lower) }
            if let upper = indicator.upperBound { #expect(observation.value <= upper) }
        }
        // Each profile looks like its kind: small counts are whole numbers near a few,
        // high shares near the top, small shares near the bottom.
        func values(_ profile: MunicipalKPIGenerator.Profile) -> [Double] {
            (0..<12).filter { generator.profile($0) == profile }.flatMap { i in
                (0..<30).flatMap { generator.values(entity: $0, indicator: i) }
            }
        }
        let counts = values(.smallCount)
        #expect(counts.allSatisfy { $0 == $0.rounded() } && counts.contains(0) && (counts.max() ?? 0) < 100)
        #expect(values(.highShare).filter { $0 >= 80 }.count * 10 >= values(.highShare).count * 9)
        #expect(values(.smallShare).filter { $0 <= 15 }.count * 10 >= values(.smallShare).count * 9)
        #expect(Set(dataset.indicators.map(\.unit)) == [.index, .percent, .count, .fte])
    }
}
