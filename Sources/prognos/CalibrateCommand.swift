import ArgumentParser
import Foundation
import Prognos

struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "How well stated probabilities match outcomes: Brier score, log loss, ECE.",
        discussion: """
            For every series and horizon of the holdout, targets are the last training value \
            times 0.90, 0.95, 0.98, 1, 1.02, 1.05, 1.10; the event is "actual ≥ target" and the \
            stated probability is P(Y ≥ target). Prints the method's scores beside three \
            baselines (Naive's and Theta's own Gaussians, and climatology: how often each \
            event happened within the training parts), then the same by training length (at most 5 values, \
            6–10, more than 10), and writes the reliability table to DIR/calibration.csv, the scores by \
            length to DIR/calibration_by_length.csv and the reliability diagram to DIR/reliability.svg/png.
            """
    )

    @OptionGroup var benchmark: BenchmarkOptions

    @Option(name: .long, help: "The method whose probabilities are scored.")
    var method: String = "auto"

    @OptionGroup var results: ResultsDirectoryOption

    var dataset: String { benchmark.dataset }
    var holdout: Int? { benchmark.holdout }
    var out: String { results.out }

    func validate() throws {
        if MethodRegistry.panelMethod(method) == nil { throw ValidationError("unknown method \"\(method)\"") }
    }

    func run() throws {
        let location = try DatasetLocation.resolve(dataset)
        let loaded = try DatasetLoader.load(directory: location.url, displayName: location.displayName).dataset
        let series = Backtest.series(of: loaded)
        let threads = ProcessInfo.processInfo.activeProcessorCount
        guard let chosen = MethodRegistry.panelMethod(method) else { return }
        var reports: [CalibrationReport] = []
        var byLength: [(method: String, band: String, report: CalibrationReport)] = []
        // The method, then the baselines it is not itself.
        for code in [method] + ["naive", "theta"].filter({ $0 != method }) {
            guard let scored = code == method ? chosen : MethodRegistry.panelMethod(code) else { continue }
            let (all, bands) = CalibrationReport.evaluateByLength(
                panelMethod: scored, series: series, holdout: holdout, threads: threads)
            reports.append(all)
            byLength += bands.map { (all.method, $0.band, $0.report) }
        }
        reports.append(Climatology.report(series: series, holdout: holdout))
        for band in CalibrationReport.lengthBands where byLength.contains(where: { $0.band == band.name }) {
            byLength.append(
                ("climatology", band.name, Climatology.report(series: series, holdout: holdout, lengths: band.lengths)))
        }
        print("method                   n        Brier    log loss  ECE")
        for (position, report) in reports.enumerated() {
            let name = (report.method + (position > 0 ? " (baseline)" : ""))
                .padding(toLength: 24, withPad: " ", startingAt: 0)
            print(
                name
                    + String(
                        format: " %-8d %.4f   %.4f    %.4f", report.count, report.brier, report.logLoss,
                        report.expectedCalibrationError))
        }
        print("\nby training length (values before the holdout)")
        print("length  method               n        Brier    log loss  ECE")
        for band in CalibrationReport.lengthBands {
            for entry in byLength where entry.band == band.name {
                print(
                    band.name.padding(toLength: 8, withPad: " ", startingAt: 0)
                        + entry.method.padding(toLength: 20, withPad: " ", startingAt: 0)
                        + String(
                            format: " %-8d %.4f   %.4f    %.4f", entry.report.count, entry.report.brier,
                            entry.report.logLoss,
                            entry.report.expectedCalibrationError))
            }
        }
        let directory = URL(fileURLWithPath: out)
        try OutputFile.write(
            Data(CalibrationReport.csv(reports).utf8), to: directory.appendingPathComponent("calibration.csv"))
        var lengths = CSVWriter(header: ["length", "method", "n", "brier", "log_loss", "ece"])
        for entry in byLength {
            lengths.appendRow([
                entry.band, entry.method, String(entry.report.count), NumberFormatting.plain(entry.report.brier),
                NumberFormatting.plain(entry.report.logLoss),
                NumberFormatting.plain(entry.report.expectedCalibrationError),
            ])
        }
        try OutputFile.write(Data(lengths.text.utf8), to: directory.appendingPathComponent("calibration_by_length.csv"))
        let scored = reports
        try writeChart(
            ChartRenderer.Job(name: "reliability") { format, output in
                ChartScripts.reliability(scored, language: .en, format: format, output: output)
            }, into: directory)
    }
}
