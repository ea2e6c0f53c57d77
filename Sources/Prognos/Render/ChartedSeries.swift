/// Which series get their own charts and rows in the report: every series a target is set
/// on (a goal's indicators are always shown), and the ``SeriesSample`` of the others.
///
/// ``RunJob`` draws charts by the same rule, so a chart the report refers to exists.
public struct ChartedSeries: Sendable {
    let sample: SeriesSample?
    let targeted: Set<SeriesKey>

    /// - Parameter sample: nil for every series.
    public init(dataset: Dataset, sample: SeriesSample?) {
        self.init(targeted: Self.targeted(dataset), sample: sample)
    }

    init(targeted: Set<SeriesKey>, sample: SeriesSample?) {
        self.sample = sample
        self.targeted = targeted
    }

    /// The series a target is set on.
    static func targeted(_ dataset: Dataset) -> Set<SeriesKey> {
        Set(dataset.targets.map { SeriesKey(entityID: $0.entityID, indicatorID: $0.indicatorID) })
    }

    public func contains(_ key: SeriesKey) -> Bool {
        (key.gender == .total && targeted.contains(key)) || sample?.contains(key) != false
    }
}
