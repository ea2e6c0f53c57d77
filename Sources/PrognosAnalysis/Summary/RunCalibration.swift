import Foundation
import PrognosForecast
import PrognosModel

/// How well a run's stated probabilities held on the dataset's own series: the
/// calibration protocol of ``CalibrationReport`` one year ahead, with each series' last
/// value held out and the run's method on the panel (`auto`: ``PanelAuto``) learning from
/// everything before it.
///
/// The series are the latest runs of consecutive years with at least three values (two
/// to forecast from, one to check), or a deterministic sample of about `limit` of them
/// (``SeriesSample``) when there are more. Beside `auto`: Naive's own Gaussian and
/// climatology, the in-sample base rate of each event (``Climatology``); `auto`'s
/// probabilities are worth reading where its Brier score is below both.
///
/// Edge cases: nil when no series has three values in a row. With few series the scores
/// are noisy; `series` and the report's `count` (events) say how many there were.
public struct RunCalibration: Sendable {
    public var series: Int
    /// The run's method (named `auto` in the outputs' field, whatever the method).
    public var auto: CalibrationReport
    public var naive: CalibrationReport
    public var climatology: CalibrationReport
    /// `auto` by training length (``CalibrationReport/lengthBands``).
    public var byLength: [(band: String, report: CalibrationReport)]

    /// - Parameter method: the run's panel method (``PanelAuto/forRun(_:)``).
    public init?(
        summaries: [SeriesSummary], indicators: [String: Indicator], method: PanelAuto = PanelAuto(),
        limit: Int = SeriesSample.defaultLimit, threads: Int
    ) {
        var eligible = 0
        for summary in summaries where SeriesPoint.latestConsecutiveRunLength(summary.points) >= 3 { eligible += 1 }
        guard eligible > 0 else { return nil }
        let sample = SeriesSample(total: eligible, limit: limit)
        var series: [Backtest.EvaluationSeries] = []
        for summary in summaries
        where SeriesPoint.latestConsecutiveRunLength(summary.points) >= 3 && sample.contains(summary.key) {
            let run = SeriesPoint.latestConsecutiveRun(summary.points)
            guard run.count >= 3 else { continue }
            let indicator = indicators[summary.key.indicatorID]
            series.append(
                Backtest.EvaluationSeries(
                    key: summary.key, values: run, testCount: 1, lowerBound: indicator?.lowerBound,
                    upperBound: indicator?.upperBound, kind: indicator.map(Backtest.kind) ?? "",
                    unit: indicator?.unit.rawValue))
        }
        guard !series.isEmpty else { return nil }
        self.series = series.count
        let (auto, byLength) = CalibrationReport.evaluateByLength(
            panelMethod: method, series: series, holdout: 1, threads: threads)
        self.auto = auto
        self.byLength = byLength
        naive = CalibrationReport.evaluate(
            panelMethod: SeriesByItself(RandomWalk(drift: false)), series: series, holdout: 1, threads: threads)
        climatology = Climatology.report(series: series, holdout: 1)
    }
}
