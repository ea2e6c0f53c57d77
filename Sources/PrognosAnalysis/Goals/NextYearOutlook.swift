import PrognosForecast
import PrognosModel

/// The question after a year's follow-up: which of a goal's targets are at risk from now on.
///
/// For every indicator a goal follows in the assessed year Y (``GoalEvaluation``), the
/// targets it faces afterwards:
/// - each target the dataset sets for a later year, with its own year (goal 3's 2025
///   target stays 2025), source ``Source/dataset``;
/// - when the dataset sets none for Y + 1, the target of Y kept for Y + 1, source
///   ``Source/kept`` (the report says so).
///
/// Each gets P(met) from the series' forecast for its year (``TargetLikelihood``: an
/// outcome already in wins, a preliminary one is revised), and the target values met with
/// probability 50, 80 and 90 % in that year in the target's direction, read from the same
/// distribution (as ``TargetSuggestion`` reads an outlook).
/// ``ordered(_:)`` puts the targets most at risk first.
///
/// Edge cases: a series without any value before the target year has no probability and no
/// suggestions (it sorts last); a target beyond ``Outlook/maximumHorizon`` likewise.
public struct NextYearOutlook: Sendable {
    public enum Source: String, Sendable {
        /// The dataset's own target for that year.
        case dataset
        /// No target for the next year in the dataset: the assessed year's, kept.
        case kept
    }

    public var goalID: String
    public var target: Target
    public var source: Source
    public var likelihood: TargetLikelihood
    /// (probability, target value met with it) for 50, 80 and 90 %; empty without a forecast.
    public var suggestions: [(probability: Double, value: Double)]

    public var key: SeriesKey { SeriesKey(entityID: target.entityID, indicatorID: target.indicatorID) }

    public static let probabilities = [0.5, 0.8, 0.9]

    /// The targets after `year` of one judged target's series and goal.
    ///
    /// - Parameter outlook: the series' outlook for the year after its last point, when
    ///   already computed (``SeriesSummary/outlook``): reused for a target of that year.
    static func make(
        judged: Target, year: Int, targets: [Target], points: [SeriesPoint], indicator: Indicator?, row: Int?,
        panel: PanelOutlooks?, method: any Forecaster, outlook: Outlook? = nil
    ) -> [NextYearOutlook] {
        let later = targets.filter {
            $0.entityID == judged.entityID && $0.indicatorID == judged.indicatorID && $0.goalID == judged.goalID
                && $0.year > year
        }.sorted { $0.year < $1.year }
        var asked = later.map { ($0, Source.dataset) }
        if !later.contains(where: { $0.year == year + 1 }) {
            var kept = judged
            kept.year = year + 1
            asked.insert((kept, .kept), at: 0)
        }
        return asked.map { target, source in
            let likelihood = TargetLikelihood.make(
                target: target, points: points, indicator: indicator, row: row, panel: panel, method: method,
                outlook: outlook)
            // The suggestions read the same distribution as P(met): F⁻¹(1 − p) for "≥",
            // F⁻¹(p) for "≤" (``TargetSuggestion``); none once the year's outcome is final.
            let atLeast = target.comparator == .atLeast
            let suggestions =
                likelihood.distribution.map { d in
                    probabilities.map { p in (probability: p, value: d.quantile(atLeast ? 1 - p : p)) }
                } ?? []
            return NextYearOutlook(
                goalID: judged.goalID, target: target, source: source, likelihood: likelihood, suggestions: suggestions)
        }
    }

    /// Most at risk first: by P(met) increasing, those without a probability last; ties in
    /// the order given (goals' order, then years).
    public static func ordered(_ outlooks: [NextYearOutlook]) -> [NextYearOutlook] {
        outlooks.enumerated().sorted { a, b in
            let pa = a.element.likelihood.probability ?? .infinity
            let pb = b.element.likelihood.probability ?? .infinity
            return pa != pb ? pa < pb : a.offset < b.offset
        }.map(\.element)
    }
}
