import ArgumentParser
import Foundation
import Prognos

struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Backtest forecasting methods on a dataset; print and write accuracy.csv.",
        discussion: """
            Methods: \(MethodRegistry.codes.joined(separator: ", ")). With --holdout H the last H \
            observations of each series are held out; without it, each series' split = test \
            observations are. --origins K moves the origin back K − 1 times (expanding window). \
            accuracy.csv has one row per method and horizon, and a row `all` (the mean over \
            series of each series' mean over horizons); accuracy_by_horizon.svg/png draws sMAPE \
            by horizon per method. With --forecasts, forecasts.csv has every scored forecast \
            (series, origin, horizon, actual, forecast, 80 % and 95 % intervals, MASE scale).
            """
    )

    @OptionGroup var benchmark: BenchmarkOptions

    @Option(name: .long, help: "Comma-separated method codes.")
    var methods: String = "naive,ses,holt,damped,theta,comb,auto"

    @Option(name: .long, help: "Rolling origins (1: the holdout protocol).")
    var origins: Int = 1

    @OptionGroup var results: ResultsDirectoryOption

    @Flag(name: .long, help: "Also write forecasts.csv: every scored forecast, one row per series, origin and horizon.")
    var forecasts = false

    @Flag(name: .long, help: "Print each method's forecasting and scoring wall time to standard error.")
    var timing = false

    var dataset: String { benchmark.dataset }
    var holdout: Int? { benchmark.holdout }
    var out: String { results.out }

    func validate() throws {
        if origins < 1 { throw ValidationError("--origins must be at least 1") }
        for code in methods.split(separator: ",") where MethodRegistry.panelMethod(String(code)) == nil {
            throw ValidationError("unknown method \"\(code)\" (known: \(MethodRegistry.codes.joined(separator: ", ")))")
        }
    }

    func run() throws {
        let location = try DatasetLocation.resolve(dataset)
        let loaded = try DatasetLoader.load(directory: location.url, displayName: location.displayName).dataset
        let series = Backtest.series(of: loaded)
        let threads = ProcessInfo.processInfo.activeProcessorCount
        var rows: [AccuracyTable.Row] = []
        var forecastRows = CSVWriter(header: ForecastTable.columns)
        for code in methods.split(separator: ",").map(String.init) {
            guard let method = MethodRegistry.panelMethod(code) else { continue }
            let start = DispatchTime.now().uptimeNanoseconds
            let results = Backtest.run(
                panelMethod: method, series: series, holdout: holdout, origins: origins, threads: threads)
            if timing {
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                FileHandle.standardError.write(
                    Data(
                        "timing: \(code) \(String(format: "%.6f", seconds)) s for \(series.count) series on \(threads) threads\n"
                            .utf8))
            }
            rows += AccuracyTable.rows(method: code, series: results)
            if forecasts { ForecastTable.append(method: code, series: results, to: &forecastRows) }
        }
        print(AccuracyTable.text(rows), terminator: "")
        let directory = URL(fileURLWithPath: out)
        try OutputFile.write(Data(AccuracyTable.csv(rows).utf8), to: directory.appendingPathComponent("accuracy.csv"))
        if forecasts {
            try OutputFile.write(Data(forecastRows.text.utf8), to: directory.appendingPathComponent("forecasts.csv"))
        }
        let measured = rows
        try writeChart(
            ChartRenderer.Job(name: "accuracy_by_horizon") { format, output in
                ChartScripts.accuracyByHorizon(measured, language: .en, format: format, output: output)
            }, into: directory)
    }
}
