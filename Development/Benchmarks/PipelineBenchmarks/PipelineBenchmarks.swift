import Benchmark
import Foundation
import Prognos

/// The pipeline's stages at Kolada scale on the synthetic generator (`prognos
/// synthesize`: 290 municipalities × 100 indicators × 20 years, percent, index and count
/// units, late starts and missing values): reading and validating the canonical files
/// (rows per second), the rolling-origin backtest of `auto` (series per second), and
/// the likelihood of meeting each target (targets per second), on both cores.
let benchmarks: @Sendable () -> Void = {
    print(MachineInfo.summary)
    let threads = ProcessInfo.processInfo.activeProcessorCount
    let rows = BenchmarkMetric.custom("rows/s", polarity: .prefersLarger, useScalingFactor: false)
    let series = BenchmarkMetric.custom("series/s", polarity: .prefersLarger, useScalingFactor: false)
    let targets = BenchmarkMetric.custom("targets/s", polarity: .prefersLarger, useScalingFactor: false)
    func configuration(_ metric: BenchmarkMetric) -> Benchmark.Configuration {
        Benchmark.Configuration(
            metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident, metric], scalingFactor: .one,
            maxDuration: .seconds(20), maxIterations: 5)
    }

    Benchmark("ingest: 290 × 100 × 20 canonical files", configuration: configuration(rows)) { benchmark, data in
        for _ in benchmark.scaledIterations {
            let start = DispatchTime.now().uptimeNanoseconds
            let dataset = try? DatasetLoader.load(directory: data.directory, displayName: "synthetic").dataset
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            blackHole(dataset)
            benchmark.measurement(rows, Int((Double(data.rows) / seconds).rounded()))
        }
    } setup: {
        PipelineData.files
    }

    Benchmark("backtest: auto, 3 origins, h = 1, 2,900 series", configuration: configuration(series)) {
        benchmark, evaluation in
        for _ in benchmark.scaledIterations {
            let start = DispatchTime.now().uptimeNanoseconds
            let results = Backtest.run(
                method: AutoForecaster(), series: evaluation, holdout: 1, origins: 3, threads: threads)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            blackHole(results)
            benchmark.measurement(series, Int((Double(evaluation.count) / seconds).rounded()))
        }
    } setup: {
        Array(Backtest.series(of: PipelineData.dataset).filter { $0.values.count >= 5 }.prefix(2900))
    }

    Benchmark("likelihood: p_target_met with auto, 2,900 targets", configuration: configuration(targets)) {
        benchmark, input in
        for _ in benchmark.scaledIterations {
            let start = DispatchTime.now().uptimeNanoseconds
            let done = PipelineData.likelihoods(input, threads: threads)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            blackHole(done)
            benchmark.measurement(targets, Int((Double(input.targets.count) / seconds).rounded()))
        }
    } setup: {
        PipelineData.likelihoodInput
    }
}

enum PipelineData {
    static let generator = KoladaScaleGenerator(entities: 290, indicators: 100, seed: 21)
    static let dataset = generator.dataset()

    /// The dataset written once to a temporary directory, and its number of data rows.
    static let files: (directory: URL, rows: Int) = {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "prognos-pipeline-bench-\(getpid())")
        try? FileManager.default.removeItem(at: directory)
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (path, text) in CanonicalDatasetWriter.files(for: dataset) {
            try? Data(text.utf8).write(to: directory.appendingPathComponent(path))
        }
        let count =
            dataset.entities.count + dataset.indicators.count + dataset.goals.count + dataset.observations.count
            + dataset.targets.count
        return (directory, count)
    }()

    struct LikelihoodInput: @unchecked Sendable {
        var targets: [Target]
        var points: [SeriesKey: [SeriesPoint]]
        var rows: [SeriesKey: Int]
        var indicators: [String: Indicator]
        var outlooks: PanelOutlooks
    }

    static let likelihoodInput: LikelihoodInput = {
        let panel = Panel(dataset: dataset)
        var points: [SeriesKey: [SeriesPoint]] = [:]
        var rows: [SeriesKey: Int] = [:]
        for (row, key) in panel.keys.enumerated() {
            points[key] = panel.points(row: row)
            rows[key] = row
        }
        let targets = Array(dataset.targets.prefix(2900))
        return LikelihoodInput(
            targets: targets, points: points, rows: rows, indicators: dataset.indicatorsByID,
            outlooks: PanelOutlooks(
                panel: panel, indicators: dataset.indicatorsByID, until: targets.map(\.year).max(), threads: 2))
    }()

    final class Count: @unchecked Sendable {
        private let lock = NSLock()
        private var total = 0
        func add(_ n: Int) {
            lock.lock()
            total += n
            lock.unlock()
        }
        var value: Int {
            lock.lock()
            defer { lock.unlock() }
            return total
        }
    }

    /// p_target_met for every target, spread over `threads`; how many got a probability.
    static func likelihoods(_ input: LikelihoodInput, threads: Int) -> Int {
        let count = Count()
        let method = AutoForecaster()
        DispatchQueue.concurrentPerform(iterations: threads) { worker in
            var done = 0
            var index = worker
            while index < input.targets.count {
                let target = input.targets[index]
                let key = SeriesKey(entityID: target.entityID, indicatorID: target.indicatorID)
                let likelihood = TargetLikelihood.make(
                    target: target, points: input.points[key] ?? [], indicator: input.indicators[target.indicatorID],
                    row: input.rows[key], panel: input.outlooks, method: method)
                if likelihood.probability != nil { done += 1 }
                index += threads
            }
            count.add(done)
        }
        return count.value
    }
}
