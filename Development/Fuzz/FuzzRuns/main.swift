import Foundation
import Prognos

/// A whole-run fuzzer: it mutates canonical datasets cell by cell and row by row, keeps
/// the mutants that `validate` accepts, and runs on each what `run`, `targets`,
/// `evaluate` and `calibrate` run: the analysis, every output file, the report's
/// Markdown and HTML, every chart's gnuplot script (and, one run in 25, the first 40
/// charts drawn by gnuplot), the suggested targets, the rolling
/// backtest with accuracy tables, and the calibration report. A crash ends the process
/// (and fails `make test`); an input that takes over 60 s is reported as a hang and ends
/// it too. Before each run the mutant is written to `$TMPDIR/prognos-fuzz-runs-last/`,
/// so a crash leaves its input behind.
///
///     swift run -c release FuzzRuns [seconds] [seed]
///
/// The seeds are the bundled dataset and every dataset under `Development/Fuzz/corpus/runs/`:
/// inputs that crashed a run once, kept as regressions, and `pools-and-groups`, a short
/// municipal panel (`prognos synthesize --profile municipal`, 8 × 6 × 5 years) with pools
/// the dataset names and comparison groups, so that the short-series paths the bundled
/// dataset does not reach are mutated too.
let arguments = CommandLine.arguments
let seconds = arguments.count > 1 ? Double(arguments[1]) ?? 20 : 20
var random = SplitMix64(seed: arguments.count > 2 ? UInt64(arguments[2]) ?? 1 : 1)

// The repository root: Development/Fuzz/<fuzzer>/main.swift is four levels down.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

/// A dataset as its descriptor and its CSV files, by name.
struct Seed {
    var name: String
    var descriptor: Data
    var files: [String: String]
}

func loadSeed(_ directory: URL) -> Seed? {
    guard
        let descriptor = FileManager.default.contents(atPath: directory.appendingPathComponent("datapackage.json").path)
    else { return nil }
    var files: [String: String] = [:]
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    for name in names where name.hasSuffix(".csv") {
        if let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) {
            files[name] = String(decoding: data, as: UTF8.self)
        }
    }
    return Seed(name: directory.lastPathComponent, descriptor: descriptor, files: files)
}

var seeds = [loadSeed(root.appendingPathComponent("Datasets/alingsas-ks-2023"))].compactMap { $0 }
let corpus = root.appendingPathComponent("Development/Fuzz/corpus/runs")
for name in ((try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []).sorted() {
    if let seed = loadSeed(corpus.appendingPathComponent(name)) { seeds.append(seed) }
}
guard !seeds.isEmpty else {
    print("FuzzRuns: no seed dataset found under \(root.path)")
    exit(1)
}

/// Values that have broken numeric code before: extremes, signed zero, subnormals, ties.
let numbers = [
    "0", "-0", "1", "-1", "0.5", "1e19", "-9e18", "9e18", "1e308", "-1e308", "1.7976931348623157e308", "5e-324",
    "1e-300",
    "123456789012345678", "0.1", "100", "99.95", "-0.0000001", "72", "1000000", "",
]
/// Years at the edges of the schema and around the data.
let years = ["1000", "9999", "1900", "2000", "2019", "2020", "2021", "2022", "2023", "2024", "2025", "2100"]
/// Text that has broken writers before: markup of every output format, formulas, line breaks.
let texts = [
    "`touch /tmp/prognos-fuzz`", "a\nb", "EOD", "\"", "'", "\\", "}", "{", "_a^b@c&d", "=1+1", "+1", "-1", "@SUM(A1)",
    "<script>alert(1)</script>", "[x](javascript:alert(1))", "![i](http://x/i.png)", "# heading", "|", "x y", "x_y", "",
    String(repeating: "ö", count: 300),
]

/// A cell, a row or a file of the dataset changed at random.
@MainActor func mutate(_ files: [String: String]) -> [String: String] {
    var files = files
    let names = files.keys.sorted()
    for _ in 0..<(1 + Int(random.next() % 4)) {
        let name = names[Int(random.next() % UInt64(names.count))]
        guard let text = files[name] else { continue }
        let (table, _) = CSVTable.parse(text, file: name)
        let header = table.header.map(\.text)
        var rows = table.records.map { $0.map(\.text) }
        switch random.next() % 8 {
        case 0, 1, 2:
            // One cell: a number, a year or text, by what the column holds.
            guard !rows.isEmpty, !header.isEmpty else { continue }
            let r = Int(random.next() % UInt64(rows.count))
            let c = Int(random.next() % UInt64(header.count))
            guard c < rows[r].count else { continue }
            let column = header[c]
            let pool = column == "year" ? years : (Double(rows[r][c]) != nil || rows[r][c].isEmpty ? numbers : texts)
            rows[r][c] = pool[Int(random.next() % UInt64(pool.count))]
        case 3:
            // Rows removed.
            guard !rows.isEmpty else { continue }
            let start = Int(random.next() % UInt64(rows.count))
            rows.removeSubrange(start..<min(rows.count, start + 1 + Int(random.next() % 16)))
        case 4:
            // A row copied with another year (a new key where year is part of it).
            guard !rows.isEmpty, let yearColumn = header.firstIndex(of: "year") else { continue }
            var copy = rows[Int(random.next() % UInt64(rows.count))]
            guard yearColumn < copy.count else { continue }
            copy[yearColumn] = years[Int(random.next() % UInt64(years.count))]
            rows.append(copy)
        case 5:
            // Every row but one gone, or none left.
            rows = random.next() % 2 == 0 ? Array(rows.prefix(1)) : []
        case 6:
            // One column scaled: the same series at another magnitude.
            guard
                let valueColumn = header.firstIndex(where: { ["value", "budget", "outcome", "forecast"].contains($0) })
            else { continue }
            let factor = [1e-12, 1e6, 1e15, -1, 1e300][Int(random.next() % 5)]
            for r in rows.indices where valueColumn < rows[r].count {
                if let value = Double(rows[r][valueColumn]) {
                    rows[r][valueColumn] = NumberFormatting.exact(value * factor)
                }
            }
        default:
            // Two rows swapped in a column (goal parents, ids across files).
            guard rows.count >= 2, !header.isEmpty else { continue }
            let c = Int(random.next() % UInt64(header.count))
            let a = Int(random.next() % UInt64(rows.count))
            let b = Int(random.next() % UInt64(rows.count))
            if c < rows[a].count && c < rows[b].count { (rows[a][c], rows[b][c]) = (rows[b][c], rows[a][c]) }
        }
        var writer = CSVWriter(header: header)
        for row in rows { writer.appendRow(row) }
        files[name] = writer.text
    }
    return files
}

let last = FileManager.default.temporaryDirectory.appendingPathComponent("prognos-fuzz-runs-last")

@MainActor func keep(_ seed: Seed, _ files: [String: String]) {
    try? FileManager.default.removeItem(at: last)
    try? FileManager.default.createDirectory(at: last, withIntermediateDirectories: true)
    try? seed.descriptor.write(to: last.appendingPathComponent("datapackage.json"))
    for (name, text) in files { try? Data(text.utf8).write(to: last.appendingPathComponent(name)) }
}

/// Everything a run, targets, evaluate and calibrate compute from a valid dataset.
@MainActor func exercise(_ dataset: Dataset) {
    let language: Language = random.next() % 2 == 0 ? .sv : .en
    let job = RunJob(language: language, detailLimit: 50)
    let analysis = job.analyze(dataset)
    _ = job.outputs(of: analysis)
    _ = HTMLReport.render(analysis, svg: [:], language: language)
    let indicators = dataset.indicatorsByID
    let entities = dataset.entitiesByID
    let jobs =
        analysis.series.flatMap {
            ChartRenderer.seriesJobs($0, indicators: indicators, entities: entities, language: language)
        }
        + ChartRenderer.summaryJobs(analysis, language: language)
    for chart in jobs { _ = chart.script(.svg, "/dev/null") }
    // One run in 25 draws its charts with gnuplot too: a chart that gnuplot cannot draw
    // from a valid dataset is a defect (the run would end in exit 3), and so is a hang.
    if random.next() % 25 == 0 {
        do {
            _ = try ChartRenderer.render(Array(jobs.prefix(40)), workers: 1)
        } catch {
            print("FuzzRuns: a valid dataset's charts failed: \(error); the input is in \(last.path)")
            exit(1)
        }
    }
    _ = TargetSuggestion.all(in: dataset, year: nil, probabilities: [0.5, 0.8, 0.9])
    let series = Backtest.series(of: dataset)
    let results = Backtest.run(method: AutoForecaster(), series: series, holdout: nil, origins: 2, threads: 2)
    let rows = AccuracyTable.rows(method: "auto", series: results)
    _ = AccuracyTable.csv(rows)
    _ = ChartScripts.accuracyByHorizon(rows, language: .en, format: .svg, output: "/dev/null")
    let report = CalibrationReport.evaluate(method: ThetaForecaster(), series: series, holdout: nil, threads: 2)
    _ = CalibrationReport.csv([report])
    _ = ChartScripts.reliability([report], language: .en, format: .svg, output: "/dev/null")
}

/// A watchdog: an input that runs over a minute is a hang.
final class Watchdog: @unchecked Sendable {
    private let lock = NSLock()
    private var started: Date?

    func begin() { lock.withLock { started = Date() } }
    func end() { lock.withLock { started = nil } }
    func check() -> TimeInterval {
        lock.withLock { started.map { Date().timeIntervalSince($0) } ?? 0 }
    }
}
let watchdog = Watchdog()
Thread.detachNewThread { [watchdog, lastPath = last.path] in
    while true {
        Thread.sleep(forTimeInterval: 1)
        if watchdog.check() > 60 {
            print("FuzzRuns: an input has run for over 60 s (a hang); it is in \(lastPath)")
            exit(1)
        }
    }
}

let start = Date()
var runs = 0
var rejected = 0
var slowest = 0.0
while Date().timeIntervalSince(start) < seconds {
    let seed = seeds[Int(random.next() % UInt64(seeds.count))]
    // The seeds themselves first, then mutants.
    let files = runs + rejected < seeds.count ? seeds[runs + rejected].files : mutate(seed.files)
    let descriptorSeed = runs + rejected < seeds.count ? seeds[runs + rejected] : seed
    let (descriptor, _) = DataPackageDescriptor.parse(descriptorSeed.descriptor, file: "datapackage.json")
    guard let descriptor else { continue }
    guard
        let dataset = try? CanonicalDatasetReader.read(
            descriptor: descriptor, files: files, location: "fuzz", threads: 2
        )
        .dataset
    else {
        rejected += 1
        continue
    }
    keep(descriptorSeed, files)
    let begin = Date()
    watchdog.begin()
    exercise(dataset)
    watchdog.end()
    slowest = max(slowest, Date().timeIntervalSince(begin))
    runs += 1
}
try? FileManager.default.removeItem(at: last)
print(
    "FuzzRuns: \(runs) valid datasets run (\(rejected) mutants rejected by validate) in \(Int(Date().timeIntervalSince(start))) s, "
        + "no crash, no hang; slowest \(String(format: "%.3f", slowest)) s")
