import Foundation
import Testing

@testable import PrognosAnalysis
@testable import PrognosForecast
@testable import PrognosModel
@testable import PrognosSupport

/// forecasts.csv (`prognos evaluate --forecasts`): the rows accuracy.csv averages, in the
/// same order for any thread count.
@Suite struct ForecastTableTests {
    static func series() -> [Backtest.EvaluationSeries] {
        var random = SplitMix64(seed: 31)
        return (0..<40).map { s in
            let length = 12 + s % 9
            let values = (0..<length).map { t in 100 + Double(s) + 2 * Double(t) + 5 * random.nextNormal() }
            return Backtest.EvaluationSeries(
                key: SeriesKey(entityID: "E\(s)", indicatorID: s % 2 == 0 ? "a" : "b"), values: values, testCount: 0)
        }
    }

    static func table(threads: Int) -> (text: String, rows: [AccuracyTable.Row]) {
        var writer = CSVWriter(header: ForecastTable.columns)
        var rows: [AccuracyTable.Row] = []
        for method in [RandomWalk(drift: false) as any Forecaster, ThetaForecaster()] {
            let results = Backtest.run(method: method, series: series(), holdout: 4, origins: 2, threads: threads)
            rows += AccuracyTable.rows(method: method.name, series: results)
            ForecastTable.append(method: method.name, series: results, to: &writer)
        }
        return (writer.text, rows)
    }

    /// sMAPE, MASE and 95 % coverage recomputed from the file's rows (per series and
    /// origin the mean over horizons, then the mean over those) equal accuracy.csv's.
    @Test func rowsReproduceTheAccuracyTable() throws {
        let (text, rows) = Self.table(threads: 2)
        let lines = text.split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        #expect(lines.first == ForecastTable.columns)
        let body = lines.dropFirst()
        // Two methods × 40 series × 2 origins (training lengths n − 5 and n − 4) × 4 horizons.
        #expect(body.count == 2 * 40 * 2 * 4)
        for method in ["naive", "theta"] {
            var perForecast: [String: (smape: [Double], mase: [Double], covered: [Double])] = [:]
            for fields in body where fields[0] == method {
                let actual = try #require(Double(fields[5]))
                let forecast = try #require(Double(fields[6]))
                let (lo95, hi95) = (try #require(Double(fields[9])), try #require(Double(fields[10])))
                let scale = try #require(Double(fields[11]))
                let key = fields[1] + "|" + fields[2] + "|" + fields[3]
                let denominator = abs(actual) + abs(forecast)
                perForecast[key, default: ([], [], [])].smape.append(
                    denominator > 0 ? 200 * abs(actual - forecast) / denominator : 0)
                perForecast[key, default: ([], [], [])].mase.append(abs(actual - forecast) / scale)
                perForecast[key, default: ([], [], [])].covered.append(actual >= lo95 && actual <= hi95 ? 1 : 0)
            }
            func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }
            let groups = Array(perForecast.values)
            let all = try #require(rows.first { $0.method == method && $0.horizon == "all" })
            #expect(abs(mean(groups.map { mean($0.smape) }) - all.smape) < 1e-9 * all.smape)
            #expect(abs(mean(groups.map { mean($0.mase) }) - all.mase) < 1e-9 * all.mase)
            #expect(abs(mean(groups.map { mean($0.covered) }) - all.coverage95) < 1e-12)
        }
    }

    @Test func identicalBytesWhateverTheThreadCount() {
        #expect(Self.table(threads: 1).text == Self.table(threads: 2).text)
    }
}
