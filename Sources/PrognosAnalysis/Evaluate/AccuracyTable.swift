import Foundation
import PrognosForecast
import PrognosModel
import PrognosSupport

/// Forecast accuracy as the M competitions measure it, per horizon and overall.
///
/// For each series s and horizon h, with actual y, point forecast f, error e = y − f and
/// the MASE scale q = mean |yₜ − yₜ₋₁| over the series' training part (m = 1):
///
/// - MAE |e|, RMSE √(e²), MAPE 100|e|/|y|, sMAPE 200|e|/(|y| + |f|), MASE |e|/q,
/// - MSIS (α = 0.05): [(U − L) + (2/α)(L − y)·1{y < L} + (2/α)(y − U)·1{y > U}] / q with
///   (L, U) the 95 % interval,
/// - coverage80 / coverage95: whether y lies in the 80 % / 95 % interval,
/// - CRPS of the predictive distribution at y, divided by q (scaled, like MSIS),
/// - bias e/q (positive: forecasts too low).
///
/// A horizon's row averages over series (RMSE as the root of the mean square); the
/// `all` row averages each series over its horizons first, then over series (RMSE per
/// series, then the mean), as the M competitions report sMAPE and MASE.
public struct AccuracyTable: Sendable {
    public struct Cell: Sendable {
        public var horizon: Int
        public var actual: Double
        public var distribution: PredictiveDistribution
    }

    public struct Row: Sendable, Equatable {
        public var method: String
        public var horizon: String
        public var count: Int
        public var mae: Double
        public var rmse: Double
        public var mape: Double
        public var smape: Double
        public var mase: Double
        public var msis: Double
        public var coverage80: Double
        public var coverage95: Double
        public var crps: Double
        public var bias: Double
    }

    /// Per series: its cells and its MASE scale.
    public struct SeriesResult: Sendable {
        public var cells: [Cell]
        public var scale: Double
        /// The last value before the origin (for calibration targets).
        public var lastTrainingValue: Double? = nil
        /// The series forecast and the origin's training length (for forecasts.csv).
        public var key: SeriesKey? = nil
        public var origin: Int? = nil
    }

    public static let columns = [
        "method", "horizon", "n", "mae", "rmse", "mape", "smape", "mase", "msis", "coverage80", "coverage95", "crps",
        "bias",
    ]

    struct Scores {
        var ae = 0.0, se = 0.0, ape = 0.0, sape = 0.0, ase = 0.0, sis = 0.0, c80 = 0.0, c95 = 0.0, crps = 0.0,
            bias = 0.0

        init() {}

        init(_ cell: Cell, scale q: Double) {
            let (l80, u80) = cell.distribution.interval(0.8)
            let (l95, u95) = cell.distribution.interval(0.95)
            self.init(
                point: cell.distribution.point, actual: cell.actual, interval80: (l80, u80), interval95: (l95, u95),
                crps: cell.distribution.crps(cell.actual), scale: q)
        }

        init(
            point f: Double, actual y: Double, interval80: (Double, Double), interval95: (Double, Double),
            crps: Double, scale q: Double
        ) {
            let e = y - f
            ae = abs(e)
            se = e * e
            ape = y != 0 ? 100 * abs(e) / abs(y) : .nan
            sape = abs(y) + abs(f) > 0 ? 200 * abs(e) / (abs(y) + abs(f)) : 0
            ase = abs(e) / q
            let (l95, u95) = interval95
            let alpha = 0.05
            var interval = u95 - l95
            if y < l95 { interval += 2 / alpha * (l95 - y) }
            if y > u95 { interval += 2 / alpha * (y - u95) }
            self.sis = interval / q
            let (l80, u80) = interval80
            c80 = y >= l80 && y <= u80 ? 1 : 0
            c95 = y >= l95 && y <= u95 ? 1 : 0
            self.crps = crps / q
            bias = e / q
        }

        static func mean(_ all: [Scores]) -> Scores {
            var m = Scores()
            let n = Double(all.count)
            for s in all {
                m.ae += s.ae / n
                m.se += s.se / n
                m.ape += s.ape / n
                m.sape += s.sape / n
                m.ase += s.ase / n
                m.sis += s.sis / n
                m.c80 += s.c80 / n
                m.c95 += s.c95 / n
                m.crps += s.crps / n
                m.bias += s.bias / n
            }
            return m
        }
    }

    /// The rows of one method: one per horizon 1…H, then `all`.
    public static func rows(method: String, series: [SeriesResult]) -> [Row] {
        let usable = series.filter { $0.scale > 0 && $0.scale.isFinite && !$0.cells.isEmpty }
        let horizon = usable.map { $0.cells.map(\.horizon).max() ?? 0 }.max() ?? 0
        var rows: [Row] = []
        for h in 0..<(horizon > 0 ? horizon : 0) {
            let scores = usable.compactMap { s in
                s.cells.first { $0.horizon == h + 1 }.map { Scores($0, scale: s.scale) }
            }
            guard !scores.isEmpty else { continue }
            let m = Scores.mean(scores)
            rows.append(row(method, String(h + 1), scores.count, m, rmse: m.se.squareRoot()))
        }
        let perSeries = usable.map { s in Scores.mean(s.cells.map { Scores($0, scale: s.scale) }) }
        if !perSeries.isEmpty {
            let m = Scores.mean(perSeries)
            let rmse = perSeries.map { $0.se.squareRoot() }.reduce(0, +) / Double(perSeries.count)
            rows.append(row(method, "all", usable.reduce(0) { $0 + $1.cells.count }, m, rmse: rmse))
        }
        return rows
    }

    static func row(_ method: String, _ horizon: String, _ count: Int, _ m: Scores, rmse: Double) -> Row {
        Row(
            method: method, horizon: horizon, count: count, mae: m.ae, rmse: rmse, mape: m.ape, smape: m.sape,
            mase: m.ase, msis: m.sis, coverage80: m.c80, coverage95: m.c95, crps: m.crps, bias: m.bias)
    }

    /// A forecast known by its point and its central 80 % and 95 % intervals only, as the
    /// forecast archive keeps it (``ArchivedForecast``), with its actual value and its
    /// series' MASE scale.
    public struct IntervalForecast: Sendable {
        public var point: Double
        public var actual: Double
        public var interval80: (lower: Double, upper: Double)
        public var interval95: (lower: Double, upper: Double)
        public var scale: Double

        public init(
            point: Double, actual: Double, interval80: (lower: Double, upper: Double),
            interval95: (lower: Double, upper: Double), scale: Double
        ) {
            self.point = point
            self.actual = actual
            self.interval80 = interval80
            self.interval95 = interval95
            self.scale = scale
        }
    }

    /// The `all` row of forecasts known by their intervals: every score as for a
    /// distribution (one horizon per forecast, each its own series) except CRPS, which
    /// needs the whole distribution and stays NaN (an empty cell in `accuracy.csv`). Nil
    /// when no forecast has a positive, finite scale.
    public static func row(method: String, horizon: String, intervals: [IntervalForecast]) -> Row? {
        let scores = intervals.filter { $0.scale > 0 && $0.scale.isFinite }.map { f in
            Scores(
                point: f.point, actual: f.actual, interval80: (f.interval80.lower, f.interval80.upper),
                interval95: (f.interval95.lower, f.interval95.upper), crps: .nan, scale: f.scale)
        }
        guard !scores.isEmpty else { return nil }
        let m = Scores.mean(scores)
        let rmse = scores.map { $0.se.squareRoot() }.reduce(0, +) / Double(scores.count)
        return row(method, horizon, scores.count, m, rmse: rmse)
    }

    /// `accuracy.csv` of a run: the rows of its own backtest (the organisation's own
    /// forecasts are in `forecast_checkpoints.csv`, line by line).
    public static func csv(_ rows: [Row]) -> String {
        var writer = CSVWriter(header: columns)
        let plain = NumberFormatting.plain as (Double) -> String
        for r in rows {
            writer.appendRow([
                r.method, r.horizon, String(r.count), plain(r.mae), plain(r.rmse), plain(r.mape), plain(r.smape),
                plain(r.mase), plain(r.msis), plain(r.coverage80), plain(r.coverage95), plain(r.crps), plain(r.bias),
            ])
        }
        return writer.text
    }

    /// The `all` rows as an aligned text table.
    public static func text(_ rows: [Row]) -> String {
        var out = "method          sMAPE    MASE     MSIS    cov80   cov95    CRPS     MAPE\n"
        for r in rows where r.horizon == "all" {
            let name = r.method.padding(toLength: 14, withPad: " ", startingAt: 0)
            out +=
                name
                + String(
                    format: " %7.3f %7.3f %8.3f %7.3f %7.3f %7.3f %8.3f\n", r.smape, r.mase, r.msis, r.coverage80,
                    r.coverage95, r.crps, r.mape)
        }
        return out
    }
}
