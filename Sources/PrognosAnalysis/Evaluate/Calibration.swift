import Foundation
import PrognosForecast
import PrognosSupport

/// How well stated probabilities match outcomes, on a forecasting benchmark.
///
/// Protocol (the goals issue): for every series and every horizon h of its holdout, the
/// targets are τ_g = yₙ·(1 + g) for g ∈ {−0.10, −0.05, −0.02, 0, +0.02, +0.05, +0.10}, yₙ
/// the last training value; the event is "actual ≥ τ_g" and the stated probability is
/// P(Yₕ ≥ τ_g) from the method's predictive distribution (censored at the bounds).
///
/// Scores over all N (series, horizon, target) triples: the Brier score (1/N) Σ (p − o)²,
/// the log loss −(1/N) Σ [o ln p + (1 − o) ln(1 − p)] with p clipped to [10⁻¹², 1 − 10⁻¹²],
/// and the expected calibration error over 10 equal-width bins of p,
/// ECE = Σ_b (N_b/N) |mean p_b − mean o_b|.
public struct CalibrationReport: Sendable {
    public struct Bin: Sendable {
        public var lower: Double
        public var upper: Double
        public var count: Int
        public var meanProbability: Double
        public var observedFrequency: Double
    }

    public var method: String
    public var count: Int
    public var brier: Double
    public var logLoss: Double
    public var expectedCalibrationError: Double
    public var bins: [Bin]

    public static let offsets: [Double] = [-0.10, -0.05, -0.02, 0, 0.02, 0.05, 0.10]

    /// Scores stated probabilities against outcomes (1 = the event happened).
    public init(method: String, probabilities: [Double], outcomes: [Bool]) {
        let n = probabilities.count
        var brier = 0.0
        var logLoss = 0.0
        var binCounts = [Int](repeating: 0, count: 10)
        var binProbability = [Double](repeating: 0, count: 10)
        var binObserved = [Double](repeating: 0, count: 10)
        for (p, happened) in zip(probabilities, outcomes) {
            let o = happened ? 1.0 : 0.0
            brier += (p - o) * (p - o)
            let clipped = min(max(p, 1e-12), 1 - 1e-12)
            logLoss -= happened ? Foundation.log(clipped) : Foundation.log(1 - clipped)
            // NaN (no probability) goes to the lowest bin rather than trapping in Int(_:).
            let bin = p.isNaN ? 0 : Int(min(9, max(0, p * 10)))
            binCounts[bin] += 1
            binProbability[bin] += p
            binObserved[bin] += o
        }
        var ece = 0.0
        var bins: [Bin] = []
        for b in 0..<10 {
            let count = binCounts[b]
            let meanP = count > 0 ? binProbability[b] / Double(count) : .nan
            let freq = count > 0 ? binObserved[b] / Double(count) : .nan
            if count > 0 { ece += Double(count) / Double(n) * abs(meanP - freq) }
            bins.append(
                Bin(
                    lower: Double(b) / 10, upper: Double(b + 1) / 10, count: count, meanProbability: meanP,
                    observedFrequency: freq))
        }
        self.method = method
        self.count = n
        self.brier = n > 0 ? brier / Double(n) : .nan
        self.logLoss = n > 0 ? logLoss / Double(n) : .nan
        self.expectedCalibrationError = n > 0 ? ece : .nan
        self.bins = bins
    }

    /// Runs the protocol for one method on a benchmark's series.
    public static func evaluate(
        method: any Forecaster, series: [Backtest.EvaluationSeries], holdout: Int?, threads: Int
    ) -> CalibrationReport {
        let results = Backtest.run(
            method: method, series: series, holdout: holdout, origins: 1, threads: threads, keepTraining: true)
        return CalibrationReport(method: method.name, results: results)
    }

    /// Runs the protocol for a panel method (every series' training part seen at once).
    public static func evaluate(
        panelMethod method: any PanelForecaster, series: [Backtest.EvaluationSeries], holdout: Int?, threads: Int
    ) -> CalibrationReport {
        evaluateByLength(panelMethod: method, series: series, holdout: holdout, threads: threads).all
    }

    /// The protocol for a panel method, over all series and by ``lengthBands``.
    public static func evaluateByLength(
        panelMethod method: any PanelForecaster, series: [Backtest.EvaluationSeries], holdout: Int?, threads: Int
    ) -> (all: CalibrationReport, byLength: [(band: String, report: CalibrationReport)]) {
        let results = Backtest.run(panelMethod: method, series: series, holdout: holdout, origins: 1, threads: threads)
        return (
            CalibrationReport(method: method.name, results: results), byLength(method: method.name, results: results)
        )
    }

    /// The protocol's events from backtest results kept with their last training values
    /// (`Backtest.run(…, keepTraining: true)`): per forecast and offset g the stated
    /// probability P(Y ≥ τ), τ = last training value × (1 + g), and whether Y ≥ τ.
    public init(method: String, results: [AccuracyTable.SeriesResult]) {
        var probabilities: [Double] = []
        var outcomes: [Bool] = []
        for result in results {
            guard let last = result.lastTrainingValue else { continue }
            for cell in result.cells {
                for g in Self.offsets {
                    let target = last * (1 + g)
                    probabilities.append(cell.distribution.survival(target))
                    outcomes.append(cell.actual >= target)
                }
            }
        }
        self.init(method: method, probabilities: probabilities, outcomes: outcomes)
    }

    /// The training lengths calibration is reported by: at most 5 values, 6–10, more than 10.
    public static let lengthBands: [(name: String, lengths: ClosedRange<Int>)] = [
        ("<=5", 0...5), ("6-10", 6...10), (">10", 11...Int.max),
    ]

    /// One report per band of ``lengthBands`` that holds a forecast, from the same results
    /// grouped by their origin's training length (``AccuracyTable/SeriesResult/origin``).
    public static func byLength(method: String, results: [AccuracyTable.SeriesResult]) -> [(
        band: String, report: CalibrationReport
    )] {
        lengthBands.compactMap { band in
            let members = results.filter { $0.origin.map { band.lengths.contains($0) } ?? false }
            guard !members.isEmpty else { return nil }
            let report = CalibrationReport(method: method, results: members)
            return report.count > 0 ? (band.name, report) : nil
        }
    }

    public static let columns = ["method", "bin_lower", "bin_upper", "n", "mean_probability", "observed_frequency"]

    /// The reliability table of several reports.
    public static func csv(_ reports: [CalibrationReport]) -> String {
        var writer = CSVWriter(header: columns)
        for report in reports {
            for bin in report.bins {
                writer.appendRow([
                    report.method, NumberFormatting.plain(bin.lower), NumberFormatting.plain(bin.upper),
                    String(bin.count),
                    NumberFormatting.plain(bin.meanProbability), NumberFormatting.plain(bin.observedFrequency),
                ])
            }
        }
        return writer.text
    }
}
