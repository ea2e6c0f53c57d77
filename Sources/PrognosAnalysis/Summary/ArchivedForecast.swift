import Foundation
import PrognosModel

/// One next-year forecast as Prognos made it, kept so that a later run can tell how
/// accurate Prognos has been on the organisation's own series (``ArchiveAccuracy``):
/// which series, from data up to which year, for which year, by which method, its median
/// and central 80 % and 95 % intervals, and the probability it gave the target of that
/// year, if one was set.
///
/// The key (dataset, series, the data's last year, the year forecast) names a forecast
/// made from given data: a rerun on the same data makes the same forecast, so the
/// archive keeps the first (``key``).
public struct ArchivedForecast: Sendable, Equatable {
    /// When it was made, ISO 8601 (UTC).
    public var made: String
    public var dataset: String
    public var entityID: String
    public var indicatorID: String
    public var gender: Gender
    /// The last year of the data it was made from.
    public var lastYear: Int
    /// The year forecast.
    public var year: Int
    public var method: String
    public var median: Double
    public var interval80: (lower: Double, upper: Double)
    public var interval95: (lower: Double, upper: Double)
    /// The target of `year`, if the dataset set one.
    public var target: Double?
    public var comparator: TargetComparator?
    /// P(target met), when there was a target.
    public var probability: Double?
    /// Where the uncertainty came from (``UncertaintyBasis`` code).
    public var basis: String

    public init(
        made: String, dataset: String, entityID: String, indicatorID: String, gender: Gender, lastYear: Int,
        year: Int, method: String, median: Double, interval80: (lower: Double, upper: Double),
        interval95: (lower: Double, upper: Double), target: Double?, comparator: TargetComparator?,
        probability: Double?,
        basis: String
    ) {
        self.made = made
        self.dataset = dataset
        self.entityID = entityID
        self.indicatorID = indicatorID
        self.gender = gender
        self.lastYear = lastYear
        self.year = year
        self.method = method
        self.median = median
        self.interval80 = interval80
        self.interval95 = interval95
        self.target = target
        self.comparator = comparator
        self.probability = probability
        self.basis = basis
    }

    public static func == (a: ArchivedForecast, b: ArchivedForecast) -> Bool {
        a.key == b.key && a.made == b.made && a.method == b.method && a.median == b.median
            && a.interval80 == b.interval80 && a.interval95 == b.interval95 && a.target == b.target
            && a.comparator == b.comparator && a.probability == b.probability && a.basis == b.basis
    }

    public var series: SeriesKey { SeriesKey(entityID: entityID, indicatorID: indicatorID, gender: gender) }

    /// Dataset, series, the data's last year and the year forecast.
    public var key: String {
        [dataset, entityID, indicatorID, gender.rawValue, String(lastYear), String(year)].joined(separator: "|")
    }

    /// The next-year forecast of every series of a run that has one: the outlook of the
    /// year after its last value.
    public static func nextYear(of analysis: RunAnalysis, made: Date) -> [ArchivedForecast] {
        let stamp = ISO8601DateFormatter().string(from: made)
        return analysis.series.compactMap { summary in
            guard let last = summary.last, let outlook = summary.outlook, outlook.year == last.year + 1,
                [
                    outlook.distribution.point, outlook.interval80.lower, outlook.interval80.upper,
                    outlook.interval95.lower, outlook.interval95.upper,
                ].allSatisfy(\.isFinite)
            else { return nil }
            let target = summary.evaluation.flatMap { $0.target.year == outlook.year ? $0.target : nil }
            return ArchivedForecast(
                made: stamp, dataset: analysis.dataset.name, entityID: summary.key.entityID,
                indicatorID: summary.key.indicatorID, gender: summary.key.gender, lastYear: last.year,
                year: outlook.year, method: outlook.method, median: outlook.distribution.point,
                interval80: outlook.interval80, interval95: outlook.interval95, target: target?.value,
                comparator: target?.comparator, probability: target == nil ? nil : summary.likelihood?.probability,
                basis: outlook.source)
        }
    }
}
