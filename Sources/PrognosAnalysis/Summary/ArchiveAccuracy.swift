import PrognosForecast
import PrognosModel

/// How accurate Prognos's own archived forecasts (``ArchivedForecast``) were, once the
/// dataset holds the outcomes of the years they forecast.
///
/// Each forecast of a series whose points include its year is judged against that
/// outcome (final or preliminary, as the point is), with the series' MASE scale over the
/// points before that year (mean absolute one-step change; a series with no change has
/// none and counts in ``judged`` but not in ``row``). The scores are those of
/// ``AccuracyTable`` for one horizon (``AccuracyTable/row(method:horizon:intervals:)``); the
/// probabilities of targets are judged by their Brier score, (p − 1{met})².
///
/// Edge cases: a forecast of a series not in the dataset, or of a year without an outcome,
/// is not judged; forecasts of another dataset (by name) are left out by the caller.
public struct ArchiveAccuracy: Sendable {
    public struct Judged: Sendable {
        public var forecast: ArchivedForecast
        public var outcome: Double
        public var outcomeIsPreliminary: Bool
        /// Whether the target was met, when the forecast had one.
        public var met: Bool?
        public var inside80: Bool { forecast.interval80.lower <= outcome && outcome <= forecast.interval80.upper }
        public var inside95: Bool { forecast.interval95.lower <= outcome && outcome <= forecast.interval95.upper }
    }

    /// The forecasts with an outcome, by series and year.
    public let judged: [Judged]
    /// `accuracy.csv`'s row, method `prognos (archived)`; nil without a usable scale.
    public let row: AccuracyTable.Row?
    /// Mean (p − 1{met})² over the forecasts that gave a target a probability.
    public let brier: Double?
    public let brierCount: Int

    public static let method = "prognos (archived)"

    public init(forecasts: [ArchivedForecast], series: [SeriesSummary]) {
        let byKey = Dictionary(series.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var judged: [Judged] = []
        var intervals: [AccuracyTable.IntervalForecast] = []
        let ordered = forecasts.sorted { a, b in
            (a.entityID, a.indicatorID, a.gender.rawValue, a.year, a.lastYear)
                < (b.entityID, b.indicatorID, b.gender.rawValue, b.year, b.lastYear)
        }
        for forecast in ordered {
            guard let summary = byKey[forecast.series],
                let point = summary.points.first(where: { $0.year == forecast.year })
            else { continue }
            let met = forecast.target.flatMap { target in
                forecast.comparator.map { $0.isMet(outcome: point.value, target: target) }
            }
            judged.append(
                Judged(forecast: forecast, outcome: point.value, outcomeIsPreliminary: point.isPreliminary, met: met))
            let before: [Double] = summary.points.filter { $0.year < forecast.year }.map { $0.value }
            let scale = meanAbsoluteChange(before)
            intervals.append(
                AccuracyTable.IntervalForecast(
                    point: forecast.median, actual: point.value, interval80: forecast.interval80,
                    interval95: forecast.interval95, scale: scale ?? .nan))
        }
        self.judged = judged
        row = AccuracyTable.row(method: Self.method, horizon: "1", intervals: intervals)
        let scored = judged.compactMap { j -> Double? in
            guard let p = j.forecast.probability, let met = j.met else { return nil }
            return (p - (met ? 1 : 0)) * (p - (met ? 1 : 0))
        }
        brierCount = scored.count
        brier = scored.isEmpty ? nil : scored.reduce(0, +) / Double(scored.count)
    }
}
