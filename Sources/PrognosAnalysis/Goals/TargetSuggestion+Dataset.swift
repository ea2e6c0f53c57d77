import Foundation
import PrognosForecast
import PrognosModel

extension TargetSuggestion {
    /// Suggested targets for every series of a dataset in `year` (default: the year after
    /// the latest outcome), at each probability, from `auto`'s forecast of the outcomes
    /// before that year (short series from the dataset's panel, ``PanelOutlooks``). A series' comparator is its own target's (total series only);
    /// otherwise the indicator's polarity gives the direction.
    ///
    /// Edge cases: a dataset without outcomes suggests for the year 1 unless `year` is
    /// given, and has no suggestions (no series has points); a series with no outcome
    /// before `year` is left out.
    public static func all(in dataset: Dataset, year: Int?, probabilities: [Double]) -> (
        year: Int, suggestions: [TargetSuggestion]
    ) {
        let panel = Panel(dataset: dataset)
        let indicators = dataset.indicatorsByID
        let targetYear = year ?? ((dataset.latestObservedYear ?? 0) + 1)
        let outlooks = PanelOutlooks(
            panel: panel, indicators: indicators, until: targetYear, method: PanelAuto.forRun(AutoForecaster()),
            threads: ProcessInfo.processInfo.activeProcessorCount)
        var comparators: [SeriesKey: TargetComparator] = [:]
        for target in dataset.targets {
            let key = SeriesKey(entityID: target.entityID, indicatorID: target.indicatorID)
            if comparators[key] == nil { comparators[key] = target.comparator }
        }
        var suggestions: [TargetSuggestion] = []
        for (row, key) in panel.keys.enumerated() {
            let points = panel.points(row: row).filter { $0.year < targetYear }
            let totalKey = SeriesKey(entityID: key.entityID, indicatorID: key.indicatorID)
            if let suggestion = make(
                key: key, points: points, year: targetYear, probabilities: probabilities,
                indicator: indicators[key.indicatorID], comparator: key.gender == .total ? comparators[totalKey] : nil,
                row: row, panel: outlooks, method: AutoForecaster())
            {
                suggestions.append(suggestion)
            }
        }
        return (targetYear, suggestions)
    }
}
