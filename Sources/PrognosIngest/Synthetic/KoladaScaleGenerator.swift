import Foundation
import PrognosModel
import PrognosSupport

/// A deterministic synthetic dataset at Kolada scale, for benchmarks, the scale run and
/// the peer comparison: `entities` municipalities × `indicators` indicators × `years`
/// yearly values ending in `lastYear`.
///
/// Indicators cycle through three units as Kolada's do: percent (bounded 0–100), index
/// (bounded 0–100) and count (non-negative), with polarity higher-is-better,
/// lower-is-better or neutral. Each series is a level plus a linear trend plus AR(1)
/// noise (φ = 0.5), clamped into its bounds and rounded to one decimal:
///
///     yₜ = clamp(ℓ + b t + uₜ),   uₜ = 0.5 uₜ₋₁ + σ εₜ,   εₜ ~ N(0, 1)
///
/// with ℓ, b and σ drawn per series (percent: ℓ ∈ [20, 90], index: ℓ ∈ [40, 80], count:
/// ℓ = exp of a uniform in [ln 10, ln 10⁴]; |b| and σ a few percent of ℓ). Missing values
/// are as in Kolada: a fifth of the series start 1–10 years late, and 3 % of the
/// remaining values are missing at random. Every series has a target for the year
/// after `lastYear`: its last value moved 2 % in the good direction (neutral: ≥ the
/// last value); the first `targetsPerGoal` indicators of each municipality form one goal.
///
/// Each series draws from its own `SplitMix64` stream, seeded from (seed, entity,
/// indicator), so the data do not depend on the order or the number of threads.
public struct KoladaScaleGenerator: Sendable {
    public var entities: Int
    public var indicators: Int
    public var years: Int
    public var lastYear: Int
    public var seed: UInt64
    public var targetsPerGoal: Int

    public init(
        entities: Int = 290, indicators: Int = 10, years: Int = 20, lastYear: Int = 2023, seed: UInt64 = 1,
        targetsPerGoal: Int = 5
    ) {
        self.entities = max(1, entities)
        self.indicators = max(1, indicators)
        self.years = max(1, years)
        self.lastYear = lastYear
        self.seed = seed
        self.targetsPerGoal = max(0, targetsPerGoal)
    }

    public var seriesCount: Int { entities * indicators }

    public func entityID(_ e: Int) -> String { "E" + String(format: "%04d", e + 1) }
    public func indicatorID(_ i: Int) -> String { "I" + String(format: "%05d", i + 1) }

    public func indicator(_ i: Int) -> Indicator {
        let polarities: [Polarity] = [.higherIsBetter, .lowerIsBetter, .neutral]
        let polarity = polarities[(i / 3) % 3]
        switch i % 3 {
        case 0:
            return Indicator(
                id: indicatorID(i), titleSv: "Andel \(i + 1)", titleEn: "Share \(i + 1)", unit: .percent, lowerBound: 0,
                upperBound: 100, polarity: polarity == .neutral ? .higherIsBetter : polarity, source: "synthetic")
        case 1:
            return Indicator(
                id: indicatorID(i), titleSv: "Index \(i + 1)", titleEn: "Index \(i + 1)", unit: .index, lowerBound: 0,
                upperBound: 100, polarity: polarity == .neutral ? .lowerIsBetter : polarity, source: "synthetic")
        default:
            return Indicator(
                id: indicatorID(i), titleSv: "Antal \(i + 1)", titleEn: "Count \(i + 1)", unit: .count, lowerBound: 0,
                polarity: polarity, source: "synthetic")
        }
    }

    /// The values of series (e, i), year by year from `lastYear − years + 1`; nil where missing.
    public func values(entity e: Int, indicator i: Int) -> [Double?] {
        var random = SplitMix64(seed: seed &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(e) << 32 ^ UInt64(i))
        let unit = i % 3
        let level: Double
        switch unit {
        case 0: level = 20 + 70 * random.nextUnit()
        case 1: level = 40 + 40 * random.nextUnit()
        default:
            level = Foundation.exp(Foundation.log(10) + (Foundation.log(1e4) - Foundation.log(10)) * random.nextUnit())
        }
        let slope = 0.01 * level * random.nextNormal()
        let sigma = (0.01 + 0.04 * random.nextUnit()) * level
        let start = random.nextUnit() < 0.2 ? 1 + Int(random.nextUnit() * 10) : 0
        var noise = 0.0
        var values: [Double?] = []
        values.reserveCapacity(years)
        for t in 0..<years {
            noise = 0.5 * noise + sigma * random.nextNormal()
            let missing = random.nextUnit() < 0.03
            guard t >= start, !missing else {
                values.append(nil)
                continue
            }
            var value = level + slope * Double(t) + noise
            value = max(0, value)
            if unit != 2 { value = min(100, value) }
            values.append((value * 10).rounded() / 10)
        }
        return values
    }

    /// The whole dataset in memory.
    public func dataset() -> Dataset {
        let indicatorList = (0..<indicators).map(indicator)
        let entityList = (0..<entities).map {
            Entity(id: entityID($0), name: "Kommun \($0 + 1)", kind: .municipality)
        }
        var observations: [Observation] = []
        observations.reserveCapacity(seriesCount * years)
        var targets: [Target] = []
        targets.reserveCapacity(seriesCount)
        var goals: [Goal] = []
        let firstYear = lastYear - years + 1
        for e in 0..<entities {
            let entity = entityID(e)
            let goalID = "\(entity).g1"
            if targetsPerGoal > 0 {
                goals.append(Goal(id: goalID, titleSv: "Mål för \(entity)", titleEn: "Goal of \(entity)"))
            }
            for i in 0..<indicators {
                let indicator = indicatorList[i]
                let series = values(entity: e, indicator: i)
                for (t, value) in series.enumerated() {
                    guard let value else { continue }
                    observations.append(
                        Observation(entityID: entity, indicatorID: indicator.id, year: firstYear + t, value: value))
                }
                guard let last = series.last(where: { $0 != nil }) ?? nil else { continue }
                let lower = indicator.polarity == .lowerIsBetter
                var target = lower ? last * 0.98 : (indicator.polarity == .neutral ? last : last * 1.02)
                if let upper = indicator.upperBound { target = min(target, upper) }
                targets.append(
                    Target(
                        entityID: entity, indicatorID: indicator.id, goalID: i < targetsPerGoal ? goalID : "",
                        year: lastYear + 1, value: (target * 10).rounded() / 10, comparator: lower ? .atMost : .atLeast)
                )
            }
        }
        return Dataset(
            name: "synthetic-\(entities)x\(indicators)x\(years)",
            title:
                "Synthetic Kolada-scale data: \(entities) municipalities × \(indicators) indicators × \(years) years",
            description: "Generated by prognos synthesize (KoladaScaleGenerator, seed \(seed)).",
            entities: entityList, indicators: indicatorList, observations: observations, targets: targets, goals: goals)
    }
}
