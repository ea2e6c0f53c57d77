// The short-series selection sets (ShortSets.swift) and every method's scores on them,
// from the repository root:
//
//     Scripts/short-series --prepare && Scripts/yearly-validation --prepare
//     swift run --package-path Development -c release ShortSeries [table|auto]
//
// `table` prints, per set and cut, each method's MASE (auto1: `auto` series by series), and `auto`'s, Naive's and
// climatology's Brier score and ECE, marking where `auto` misses the bar (MASE at
// most every other method's, ECE ≤ 0.04, Brier below Naive's and climatology's). `auto`
// prints `auto`'s line only.
import Foundation
import Prognos

let arguments = Array(CommandLine.arguments.dropFirst())
let mode = arguments.first ?? "table"
let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
let sets: ShortSets
do {
    sets = try ShortSets(
        root: root, shortDirectory: root.appendingPathComponent(".build/short-series"),
        validation: root.appendingPathComponent(".build/yearly-validation"))
} catch {
    FileHandle.standardError.write(
        Data(
            "ShortSeries: \(error)\n(run from the repository root, after Scripts/short-series --prepare and Scripts/yearly-validation --prepare)\n"
                .utf8))
    exit(1)
}
/// `auto` with settings from the environment (AUTO_INFLATION, AUTO_DF, AUTO_CUTS,
/// AUTO_SCALE_PRIOR, AUTO_SCORE_PRIOR, AUTO_ORDER, AUTO_RIDGE, AUTO_CANDIDATES,
/// AUTO_TRANSFORMS), for sweeps.
func configuredAuto() -> PanelAuto {
    let environment = ProcessInfo.processInfo.environment
    func number(_ key: String, _ fallback: Double) -> Double { environment[key].flatMap(Double.init) ?? fallback }
    var auto = PanelAuto()
    auto.inflation = number("AUTO_INFLATION", auto.inflation)
    auto.degreesOfFreedom = number("AUTO_DF", auto.degreesOfFreedom)
    auto.cuts = Int(number("AUTO_CUTS", Double(auto.cuts)))
    auto.scalePrior = number("AUTO_SCALE_PRIOR", auto.scalePrior)
    auto.scorePrior = number("AUTO_SCORE_PRIOR", auto.scorePrior)
    auto.biasCorrection = number("AUTO_BIAS", auto.biasCorrection)
    auto.transforms = number("AUTO_TRANSFORMS", 1) != 0
    if let horizons = environment["AUTO_SCORE_HORIZONS"].flatMap(Int.init) { auto.scoreHorizons = horizons }
    if let combine = environment["AUTO_COMBINE"].flatMap(Int.init) { auto.combine = combine }
    if let global = auto.global {
        auto.global = GlobalLinearModel(
            maximumOrder: Int(number("AUTO_ORDER", Double(global.maximumOrder))),
            ridge: number("AUTO_RIDGE", global.ridge),
            clip: global.clip)
    }
    if let codes = environment["AUTO_CANDIDATES"] {
        auto.candidates = codes.split(separator: ",").compactMap { MethodRegistry.method(String($0)) }
    }
    return auto
}
if mode == "bins" {
    // The reliability table of `auto` on one set (the second argument, e.g. "Kolada 5").
    for evaluation in sets.evaluations where evaluation.name == (arguments.dropFirst().first ?? "") {
        let results = Backtest.run(
            panelMethod: configuredAuto(), series: evaluation.series, holdout: evaluation.holdout, origins: 1,
            threads: ProcessInfo.processInfo.activeProcessorCount)
        for bin in CalibrationReport(method: "auto", results: results).bins {
            print(
                String(
                    format: "%.1f–%.1f %6d  stated %.3f  happened %.3f", bin.lower, bin.upper, bin.count,
                    bin.meanProbability, bin.observedFrequency))
        }
    }
    exit(0)
}
let threads = ProcessInfo.processInfo.activeProcessorCount
let others = ["naive", "ses", "drift", "damped", "theta", "dotm", "global", "auto1"]
func mase(_ results: [AccuracyTable.SeriesResult], _ code: String) -> Double {
    AccuracyTable.rows(method: code, series: results).last?.mase ?? .nan
}
print(
    "set          series " + others.map { $0.padding(toLength: 7, withPad: " ", startingAt: 0) }.joined(separator: " ")
        + " auto    | Brier auto naive  clim   | ECE auto naive  clim")
var failures = 0
var summary = (mase: 0.0, ece: 0.0, naive: 0.0, climate: 0.0)
for evaluation in sets.evaluations {
    var line =
        evaluation.name.padding(toLength: 12, withPad: " ", startingAt: 0)
        + String(format: " %6d", evaluation.series.count)
    var best = Double.infinity
    // The best of the other methods (computed always, so that `auto` mode compares too).
    var naiveReport: CalibrationReport?
    for code in others {
        // auto1: `auto` series by series, as it was before it learnt across the panel.
        guard let method = code == "auto1" ? SeriesByItself(AutoForecaster()) : MethodRegistry.panelMethod(code) else {
            continue
        }
        let results = Backtest.run(
            panelMethod: method, series: evaluation.series, holdout: evaluation.holdout, origins: 1, threads: threads)
        let score = mase(results, code)
        best = min(best, score)
        line += String(format: " %7.3f", score)
        if code == "naive" { naiveReport = CalibrationReport(method: code, results: results) }
    }
    let auto = configuredAuto()
    let results = Backtest.run(
        panelMethod: auto, series: evaluation.series, holdout: evaluation.holdout, origins: 1, threads: threads)
    let autoScore = mase(results, "auto")
    let report = CalibrationReport(method: "auto", results: results)
    let climate = Climatology.report(series: evaluation.series, holdout: evaluation.holdout)
    let naiveBrier = naiveReport?.brier ?? .nan
    var marks = ""
    if !(autoScore <= best) { marks += " MASE" }
    if !(report.expectedCalibrationError <= 0.04) { marks += " ECE" }
    if !(report.brier < naiveBrier && report.brier < climate.brier) { marks += " Brier" }
    if !marks.isEmpty { failures += 1 }
    summary.mase += autoScore / best
    summary.ece += report.expectedCalibrationError
    summary.naive += report.brier / naiveBrier
    summary.climate += report.brier / climate.brier
    line += String(
        format: " %7.3f | %.4f %.4f %.4f | %.4f %.4f %.4f", autoScore, report.brier, naiveBrier, climate.brier,
        report.expectedCalibrationError, naiveReport?.expectedCalibrationError ?? .nan, climate.expectedCalibrationError
    )
    print(line + (marks.isEmpty ? "" : "  ✗" + marks))
}
print("\(failures) of \(sets.evaluations.count) set cuts miss the bar")
print(
    String(
        format:
            "means over the set cuts: auto's MASE / the best method's %.4f, ECE %.4f, Brier / Naive's %.4f, Brier / climatology's %.4f",
        summary.mase / Double(sets.evaluations.count), summary.ece / Double(sets.evaluations.count),
        summary.naive / Double(sets.evaluations.count), summary.climate / Double(sets.evaluations.count)))
