import PrognosAnalysis
import PrognosModel

/// Which series get their own charts and rows in the report: every series a target is set
/// on (a goal's indicators are always shown), and the ``SeriesSample`` of the others,
/// except comparison entities' series (they are drawn on the charts they compare with).
///
/// ``RunJob`` draws charts by the same rule, so a chart the report refers to exists.
public struct ChartedSeries: Sendable {
    let sample: SeriesSample?
    let targeted: Set<SeriesKey>
    let comparisons: Set<String>

    /// - Parameter sample: nil for every series.
    /// - Parameter forecastComparisons: comparison entities' series are charted like the
    ///   others when they are forecast (`run --forecast-comparisons`).
    public init(dataset: Dataset, sample: SeriesSample?, forecastComparisons: Bool = false) {
        self.init(
            targeted: Self.targeted(dataset), comparisons: forecastComparisons ? [] : Self.comparisons(dataset),
            sample: sample)
    }

    package init(targeted: Set<SeriesKey>, comparisons: Set<String>, sample: SeriesSample?) {
        self.sample = sample
        self.targeted = targeted
        self.comparisons = comparisons
    }

    /// The comparison entities (kind `comparison`).
    package static func comparisons(_ dataset: Dataset) -> Set<String> {
        Set(dataset.entities.filter { $0.kind == .comparison }.map(\.id))
    }

    /// The series a target is set on.
    package static func targeted(_ dataset: Dataset) -> Set<SeriesKey> {
        Set(dataset.targets.map { SeriesKey(entityID: $0.entityID, indicatorID: $0.indicatorID) })
    }

    public func contains(_ key: SeriesKey) -> Bool {
        (key.gender == .total && targeted.contains(key))
            || (!comparisons.contains(key.entityID) && sample?.contains(key) != false)
    }
}
