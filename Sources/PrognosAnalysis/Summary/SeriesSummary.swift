import PrognosForecast
import PrognosLinear
import PrognosModel

/// The figures of one series: descriptive statistics, its trend, how it fares against
/// its target, its outlook for the next year and the targets it could commit to.
///
/// Fills `indicators.csv`: number of outcomes, the latest outcome and the one before it,
/// the change between them, the OLS slope per year over all outcomes (with its standard
/// error and two-sided p-value from three outcomes on), the target with its
/// ``TargetEvaluation`` and ``TargetLikelihood``, the next year's ``Outlook`` and the
/// suggested targets.
public struct SeriesSummary: Sendable {
    public let key: SeriesKey
    public let points: [SeriesPoint]
    public let trend: LinearTrend?
    /// The target that applies in the assessed year, if the series has one.
    public let evaluation: TargetEvaluation?
    /// The predictive distribution of the year after the last outcome.
    public let outlook: Outlook?
    /// Suggested targets for the outlook's year by probability of meeting them (0.5, 0.8, 0.9).
    public let suggestions: [Double: Double]
    /// The Eurostat and UN SDG progress classes against the target, if there is one.
    public let progress: ProgressClassification?
    /// The series' comparison group ("liknande kommuner") and its mean per year, if the
    /// dataset has entity groups.
    public let comparison: ComparisonGroups.Comparison?

    public var last: SeriesPoint? { points.last }
    public var previous: SeriesPoint? { points.count >= 2 ? points[points.count - 2] : nil }
    public var likelihood: TargetLikelihood? { evaluation?.likelihood }

    /// Latest outcome minus the one before it.
    public var change: Double? {
        guard let last, let previous else { return nil }
        return last.value - previous.value
    }

    public static let suggestionProbabilities: [Double] = [0.5, 0.8, 0.9]

    public init(
        key: SeriesKey, points: [SeriesPoint], targets: [Target], year: Int, indicator: Indicator? = nil,
        method: (any Forecaster)? = nil, panel: PanelOutlooks? = nil, row: Int? = nil,
        comparison: ComparisonGroups.Comparison? = nil
    ) {
        self.init(
            key: key, points: points, trend: LinearTrend(years: points.map(\.year), values: points.map(\.value)),
            targets: targets, year: year, indicator: indicator, method: method, panel: panel, row: row,
            comparison: comparison)
    }

    /// The summary with its trend already fitted (``RunAnalysis`` fits every series' trend
    /// at once, ``LinearTrend/init(batch:row:years:values:)``).
    init(
        key: SeriesKey, points: [SeriesPoint], trend: LinearTrend?, targets: [Target], year: Int,
        indicator: Indicator?, method: (any Forecaster)?, panel: PanelOutlooks?, row: Int?,
        comparison: ComparisonGroups.Comparison?
    ) {
        self.key = key
        self.points = points
        self.comparison = comparison
        self.trend = trend
        let own = targets.filter {
            key.gender == .total && $0.entityID == key.entityID && $0.indicatorID == key.indicatorID
        }
        var chosen: Target? = nil
        if let chosenYear = TargetSelection.year(among: own.map(\.year), preferring: year) {
            chosen = own.first { $0.year == chosenYear }
        }
        // The outlook first: a target for the year after the last point has the same forecast.
        let outlook: Outlook?
        if let method, let last = points.last {
            outlook = Outlook.make(
                points: points, year: last.year + 1, indicator: indicator, row: row, panel: panel, method: method)
        } else {
            outlook = nil
        }
        self.outlook = outlook
        if let target = chosen {
            let likelihood = method.map { method in
                TargetLikelihood.make(
                    target: target, points: points, indicator: indicator, row: row, panel: panel, method: method,
                    outlook: outlook)
            }
            evaluation = TargetEvaluation(target: target, points: points, likelihood: likelihood)
            progress = ProgressClassification.make(target: target, points: points, indicator: indicator)
        } else {
            evaluation = nil
            progress = nil
        }
        // Direction of ambition: the target's comparator, else the indicator's polarity.
        var atLeast: Bool? = nil
        if let comparator = chosen?.comparator {
            atLeast = comparator == .atLeast
        } else if let polarity = indicator?.polarity, polarity != .neutral {
            atLeast = polarity == .higherIsBetter
        }
        var suggestions: [Double: Double] = [:]
        if let atLeast, let distribution = outlook?.distribution {
            for p in Self.suggestionProbabilities {
                suggestions[p] = distribution.quantile(atLeast ? 1 - p : p)
            }
        }
        self.suggestions = suggestions
    }
}
