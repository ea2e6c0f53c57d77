import Foundation
import Prognos

/// The four selection sets of docs/forecasting.md "Four selection sets", each a list of evaluations
/// (series, holdout, origins) over the same series:
/// - M3 yearly's training parts (the test split dropped), their last six values held out,
///   at one origin and at three;
/// - M1 yearly and Tourism yearly (`Scripts/yearly-validation --prepare`) at their own
///   holdouts, and on their training parts with the last h values held out;
/// - the synthetic set of `make peers`: `KoladaScaleGenerator` with 10 indicators, each
///   series' present values in year order, those with at least 18 kept, the last six held
///   out, bounded below by 0 (as `prognos ingest competition` bounds them).
struct SelectionSets {
    struct Evaluation {
        var series: [Backtest.EvaluationSeries]
        var holdout: Int?
        var origins: Int
    }

    static let names = ["M3", "M1", "Tourism", "synthetic"]
    var sets: [[Evaluation]]

    init(root: URL, validation: URL) throws {
        func load(_ directory: URL) throws -> [Backtest.EvaluationSeries] {
            Backtest.series(
                of: try DatasetLoader.load(directory: directory, displayName: directory.lastPathComponent).dataset)
        }
        func trainingParts(_ series: [Backtest.EvaluationSeries]) -> [Backtest.EvaluationSeries] {
            series.map(\.trainingPart)
        }
        let m3 = trainingParts(try load(root.appendingPathComponent("Datasets/m3-yearly")))
        let m1 = try load(validation.appendingPathComponent("m1-yearly"))
        let tourism = try load(validation.appendingPathComponent("tourism-yearly"))
        sets = [
            [Evaluation(series: m3, holdout: 6, origins: 1), Evaluation(series: m3, holdout: 6, origins: 3)],
            [
                Evaluation(series: m1, holdout: nil, origins: 1),
                Evaluation(series: trainingParts(m1), holdout: 6, origins: 1),
            ],
            [
                Evaluation(series: tourism, holdout: nil, origins: 1),
                Evaluation(series: trainingParts(tourism), holdout: 4, origins: 1),
            ],
            [Evaluation(series: Self.synthetic(), holdout: nil, origins: 1)],
        ]
    }

    /// The peers' synthetic set (Development/Benchmarks/peers/compare.py).
    static func synthetic() -> [Backtest.EvaluationSeries] {
        let generator = KoladaScaleGenerator(indicators: 10)
        var series: [Backtest.EvaluationSeries] = []
        for e in 0..<generator.entities {
            for i in 0..<generator.indicators {
                let values = generator.values(entity: e, indicator: i).compactMap { $0 }
                guard values.count >= 18 else { continue }
                let key = SeriesKey(entityID: generator.entityID(e), indicatorID: generator.indicatorID(i))
                series.append(Backtest.EvaluationSeries(key: key, values: values, testCount: 6, lowerBound: 0))
            }
        }
        return series
    }
}
