import Foundation
import PrognosModel
import PrognosSupport

/// A deterministic synthetic panel that imitates a municipality's KPIs, for the
/// short-series selection sets: `entities` municipalities × `indicators` indicators ×
/// `years` yearly values ending in `lastYear`, every series complete.
///
/// Indicators cycle through six profiles, as a municipality's annual report mixes them:
///
/// | profile | unit, bounds | process |
/// |---|---|---|
/// | survey index (NKI) | index 0–100 | μ ∈ [50, 80]; AR(1) about μ, φ ∈ [0, 0.6], σ ∈ [1, 4] points; rounded to 1 |
/// | share near the top (broadband) | percent 0–100 | logit AR(1) about a level in [85, 99.5] %; σ 0.1–0.4 on the logit scale; 0.1 |
/// | small share (sick leave) | percent 0–100 | logit AR(1) about [1.5, 9] %, σ 0.05–0.25; 0.1 |
/// | small count (work injuries) | count ≥ 0 | Poisson(λ), λ ∈ [0.5, 15] |
/// | small FTE (overtime) | FTE ≥ 0 | λ ∈ [0.1, 4] times a log-normal factor (σ 0.2–0.6); 0.1 |
/// | staff count | count ≥ 0 | level in [50, 800], growth −1…3 % a year, 2 % noise; 1 |
///
/// On top of each process (on its own scale: logit for shares, log for counts and FTE):
/// - a quarter of the series trend: a drift of ±0.3–1 σ a year;
/// - one series in six has a level shift of ±2–4 σ in a year drawn at random;
/// - every series of an indicator shares a year effect of 0.5 σ (the common shocks of
///   real panels: a survey's new questionnaire, a pandemic year).
///
/// Each series draws from its own `SplitMix64` stream seeded from (seed, entity,
/// indicator), and each indicator's year effects from (seed, indicator): the data do not
/// depend on the order or the number of threads.
public struct MunicipalKPIGenerator: Sendable {
    public var entities: Int
    public var indicators: Int
    public var years: Int
    public var lastYear: Int
    public var seed: UInt64

    public init(entities: Int = 120, indicators: Int = 18, years: Int = 8, lastYear: Int = 2023, seed: UInt64 = 7) {
        self.entities = max(1, entities)
        self.indicators = max(1, indicators)
        self.years = max(2, years)
        self.lastYear = lastYear
        self.seed = seed
    }

    public enum Profile: Int, CaseIterable, Sendable {
        case surveyIndex, highShare, smallShare, smallCount, smallFTE, staffCount
    }

    public func profile(_ i: Int) -> Profile { Profile(rawValue: i % Profile.allCases.count) ?? .surveyIndex }

    public func indicator(_ i: Int) -> Indicator {
        let id = "K" + String(format: "%03d", i + 1)
        switch profile(i) {
        case .surveyIndex:
            return Indicator(
                id: id, titleSv: "Index \(i + 1)", titleEn: "Index \(i + 1)", unit: .index, lowerBound: 0,
                upperBound: 100, polarity: .higherIsBetter, source: "synthetic")
        case .highShare:
            return Indicator(
                id: id, titleSv: "Andel \(i + 1)", titleEn: "Share \(i + 1)", unit: .percent, lowerBound: 0,
                upperBound: 100, polarity: .higherIsBetter, source: "synthetic")
        case .smallShare:
            return Indicator(
                id: id, titleSv: "Andel \(i + 1)", titleEn: "Share \(i + 1)", unit: .percent, lowerBound: 0,
                upperBound: 100, polarity: .lowerIsBetter, source: "synthetic")
        case .smallCount:
            return Indicator(
                id: id, titleSv: "Antal \(i + 1)", titleEn: "Count \(i + 1)", unit: .count, lowerBound: 0,
                polarity: .lowerIsBetter, source: "synthetic")
        case .smallFTE:
            return Indicator(
                id: id, titleSv: "Årsarbetare \(i + 1)", titleEn: "FTE \(i + 1)", unit: .fte, lowerBound: 0,
                polarity: .lowerIsBetter, source: "synthetic")
        case .staffCount:
            return Indicator(
                id: id, titleSv: "Anställda \(i + 1)", titleEn: "Staff \(i + 1)", unit: .count, lowerBound: 0,
                polarity: .neutral, source: "synthetic")
        }
    }

    /// The year effects every series of indicator i shares, in standard deviations.
    func yearEffects(indicator i: Int) -> [Double] {
        var random = SplitMix64(seed: seed &* 0xD1B5_4A32_D192_ED03 ^ UInt64(i))
        return (0..<years).map { _ in 0.5 * random.nextNormal() }
    }

    /// The values of series (e, i), year by year from `lastYear − years + 1`.
    public func values(entity e: Int, indicator i: Int) -> [Double] {
        var random = SplitMix64(seed: seed &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(e) << 32 ^ UInt64(i))
        let shared = yearEffects(indicator: i)
        let trend =
            random.nextUnit() < 0.25 ? (random.nextUnit() < 0.5 ? -1.0 : 1.0) * (0.3 + 0.7 * random.nextUnit()) : 0
        let shiftYear = random.nextUnit() < 1.0 / 6 ? 1 + Int(random.nextUnit() * Double(years - 1)) : years
        let shift = (random.nextUnit() < 0.5 ? -1.0 : 1.0) * (2 + 2 * random.nextUnit())
        let phi = 0.6 * random.nextUnit()
        // Level, noise σ, and the map from the process's scale to the value's.
        let level: Double
        let sigma: Double
        let profile = profile(i)
        switch profile {
        case .surveyIndex:
            level = 50 + 30 * random.nextUnit()
            sigma = 1 + 3 * random.nextUnit()
        case .highShare:
            level = logit(0.85 + 0.145 * random.nextUnit())
            sigma = 0.1 + 0.3 * random.nextUnit()
        case .smallShare:
            level = logit(0.015 + 0.075 * random.nextUnit())
            sigma = 0.05 + 0.2 * random.nextUnit()
        case .smallCount:
            level = Foundation.log(0.5 + 14.5 * random.nextUnit())
            sigma = 0.15 + 0.15 * random.nextUnit()
        case .smallFTE:
            level = Foundation.log(0.1 + 3.9 * random.nextUnit())
            sigma = 0.2 + 0.4 * random.nextUnit()
        case .staffCount:
            level = Foundation.log(50 + 750 * random.nextUnit())
            sigma = 0.02
        }
        let growth = profile == .staffCount ? -0.01 + 0.04 * random.nextUnit() : 0
        var deviation = sigma * random.nextNormal()
        var values: [Double] = []
        values.reserveCapacity(years)
        for t in 0..<years {
            if t > 0 { deviation = phi * deviation + sigma * random.nextNormal() }
            var x = level + deviation + sigma * (trend * Double(t) + shared[t]) + growth * Double(t)
            if t >= shiftYear { x += shift * sigma }
            let value: Double
            switch profile {
            case .surveyIndex: value = min(100, max(0, x)).rounded()
            case .highShare, .smallShare: value = (1000 / (1 + Foundation.exp(-x))).rounded() / 10
            case .smallCount: value = Double(poisson(Foundation.exp(x), &random))
            case .smallFTE: value = (Foundation.exp(x) * 10).rounded() / 10
            case .staffCount: value = Foundation.exp(x).rounded()
            }
            values.append(value)
        }
        return values
    }

    func logit(_ p: Double) -> Double { Foundation.log(p / (1 - p)) }

    /// A Poisson draw by inversion (λ up to a few dozen).
    func poisson(_ lambda: Double, _ random: inout SplitMix64) -> Int {
        let u = random.nextUnit()
        var k = 0
        var p = Foundation.exp(-lambda)
        var cumulative = p
        while u > cumulative && k < 1000 {
            k += 1
            p *= lambda / Double(k)
            cumulative += p
        }
        return k
    }

    /// The whole panel as a dataset (no targets or goals).
    public func dataset() -> Dataset {
        let indicatorList = (0..<indicators).map(indicator)
        let entityList = (0..<entities).map {
            Entity(id: "M" + String(format: "%04d", $0 + 1), name: "Kommun \($0 + 1)", kind: .municipality)
        }
        var observations: [Observation] = []
        observations.reserveCapacity(entities * indicators * years)
        let firstYear = lastYear - years + 1
        for (e, entity) in entityList.enumerated() {
            for (i, indicator) in indicatorList.enumerated() {
                for (t, value) in values(entity: e, indicator: i).enumerated() {
                    observations.append(
                        Observation(entityID: entity.id, indicatorID: indicator.id, year: firstYear + t, value: value))
                }
            }
        }
        return Dataset(
            name: "municipal-kpis-\(entities)x\(indicators)x\(years)",
            title: "Synthetic municipal KPIs: \(entities) municipalities × \(indicators) indicators × \(years) years",
            description: "Generated by prognos synthesize --profile municipal (MunicipalKPIGenerator, seed \(seed)).",
            entities: entityList, indicators: indicatorList, observations: observations, targets: [], goals: [])
    }
}
