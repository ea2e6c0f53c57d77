import Foundation

/// Where the uncertainty of a short series comes from: the year-to-year changes of
/// comparable series.
///
/// For a series, the pool is the first of these that holds at least three year-to-year
/// changes: the other entities' series of the same indicator; the series of indicators
/// with the same unit and source (e.g. all sick-leave series of an annual report); all
/// series with the same unit (whatever it holds, as a last resort). The pooled scale is σ_pool = √(mean Δ²) over the pool's changes between
/// consecutive years (drift included, so it errs on the wide side). Differences are
/// taken as they are: a pool of percentages pools percentage points.
public struct UncertaintyPools: Sendable {
    /// Squared consecutive-year changes per series.
    private var changes: [SeriesKey: [Double]] = [:]
    private var units: [String: Unit] = [:]
    private var sources: [String: String] = [:]

    public init(dataset: Dataset) {
        for indicator in dataset.indicators {
            units[indicator.id] = indicator.unit
            sources[indicator.id] = indicator.source
        }
        var byKey: [SeriesKey: [Observation]] = [:]
        for observation in dataset.observations where observation.gender == .total {
            byKey[SeriesKey(entityID: observation.entityID, indicatorID: observation.indicatorID), default: []].append(observation)
        }
        for (key, observations) in byKey {
            let sorted = observations.sorted { $0.year < $1.year }
            var squares: [Double] = []
            for (a, b) in zip(sorted, sorted.dropFirst()) where b.year == a.year + 1 {
                squares.append((b.value - a.value) * (b.value - a.value))
            }
            changes[key] = squares
        }
    }

    /// The pooled one-year scale for a series and the pool's label, or nil without any comparable change.
    public func scale(for key: SeriesKey) -> (sigma: Double, label: String)? {
        let sameIndicator = changes.filter { $0.key.indicatorID == key.indicatorID && $0.key.entityID != key.entityID }
            .sorted { $0.key.entityID < $1.key.entityID }
            .flatMap(\.value)
        if sameIndicator.count >= 3 {
            return ((sameIndicator.reduce(0, +) / Double(sameIndicator.count)).squareRoot(), "pooled:indicator=\(key.indicatorID)")
        }
        guard let unit = units[key.indicatorID] else { return nil }
        let source = sources[key.indicatorID] ?? ""
        let sameSource = pooled { units[$0.indicatorID] == unit && sources[$0.indicatorID] == source }
        if sameSource.count >= 3, !source.isEmpty {
            return (root(sameSource), "pooled:unit=\(unit.rawValue),source=\(source)")
        }
        let sameUnit = pooled { units[$0.indicatorID] == unit }
        guard !sameUnit.isEmpty else { return nil }
        return (root(sameUnit), "pooled:unit=\(unit.rawValue)")
    }

    /// The squared changes of the series that pass `include`, in a fixed order.
    private func pooled(_ include: (SeriesKey) -> Bool) -> [Double] {
        changes.filter { include($0.key) }
            .sorted { ($0.key.entityID, $0.key.indicatorID) < ($1.key.entityID, $1.key.indicatorID) }
            .flatMap(\.value)
    }

    private func root(_ squares: [Double]) -> Double {
        (squares.reduce(0, +) / Double(squares.count)).squareRoot()
    }
}
