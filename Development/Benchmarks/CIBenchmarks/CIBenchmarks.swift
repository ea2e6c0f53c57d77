import Benchmark
import Foundation
import Prognos

/// The short subset `make bench-ci` runs on every change, against the static thresholds
/// in `Development/Thresholds/` (recorded on the CI machine with
/// `make bench-ci-update`): a wall-clock regression over 50 % (p90 of up to 15 runs) fails, and so does a
/// change of more than 1 % in the number of allocations. The fits are single-threaded,
/// so their allocation counts are those of the code (exact for theta and damped; `auto`'s
/// varies by under 0.5 % between iterations of the same binary) and their times do not
/// depend on the other core; the run analysis uses both cores.
let benchmarks: @Sendable () -> Void = {
    print(MachineInfo.summary)
    let thresholds: [BenchmarkMetric: BenchmarkThresholds] = [
        .wallClock: BenchmarkThresholds(relative: [.p90: 50.0]),
        .mallocCountTotal: BenchmarkThresholds(relative: [.p90: 1.0]),
    ]
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal], scalingFactor: .one, maxDuration: .seconds(5), maxIterations: 15,
        thresholds: thresholds)

    Benchmark("ingest-290x10x20", configuration: configuration) { benchmark, directory in
        for _ in benchmark.scaledIterations {
            blackHole(try? DatasetLoader.load(directory: directory, displayName: "synthetic"))
        }
    } setup: {
        CIData.datasetDirectory
    }

    Benchmark("ols-500000x20", configuration: configuration) { benchmark, panel in
        for _ in benchmark.scaledIterations {
            blackHole(BatchedTrendFit(values: panel.values, years: panel.years, threads: 1))
        }
    } setup: {
        CIData.panel
    }

    // Each iteration takes 30–150 ms, long enough for a p90 that a shared machine holds.
    for (name, method, count) in [
        ("theta", ThetaForecaster() as any Forecaster, 2000), ("damped", ExponentialSmoothing(trend: .damped), 2000),
        ("auto", AutoForecaster(), 200),
    ] {
        Benchmark("fit-\(name)-\(count)x20", configuration: configuration) { benchmark, series in
            for _ in benchmark.scaledIterations {
                for values in series { blackHole(method.forecast(values, horizon: 6)) }
            }
        } setup: {
            Array(CIData.series.prefix(count))
        }
    }

    Benchmark("likelihood-goals-290x10", configuration: configuration) { benchmark, dataset in
        for _ in benchmark.scaledIterations {
            blackHole(GoalEvaluation.simulationDraws)
            blackHole(RunAnalysis(dataset: dataset, year: 2024, method: ThetaForecaster(), accuracySample: 0))
        }
    } setup: {
        CIData.dataset
    }
}

enum CIData {
    static let dataset = KoladaScaleGenerator(entities: 290, indicators: 10, seed: 11).dataset()

    /// The dataset written once to a temporary directory.
    static let datasetDirectory: URL = {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("prognos-ci-bench-\(getpid())")
        try? FileManager.default.removeItem(at: directory)
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (path, text) in CanonicalDatasetWriter.files(for: dataset) {
            try? Data(text.utf8).write(to: directory.appendingPathComponent(path))
        }
        return directory
    }()

    static let panel: (values: [Double], years: [Int]) = {
        var random = SplitMix64(seed: 5)
        let count = 500_000
        var values = [Double](repeating: 0, count: count * 20)
        for s in 0..<count {
            let level = 50 + 20 * random.nextNormal()
            let slope = random.nextNormal()
            for i in 0..<20 { values[s * 20 + i] = level + slope * Double(i) + random.nextNormal() }
        }
        return (values, Array(2004..<2024))
    }()

    static let series: [[Double]] = {
        let generator = KoladaScaleGenerator(entities: 200, indicators: 10, seed: 3)
        var all: [[Double]] = []
        for e in 0..<200 {
            for i in 0..<10 { all.append(generator.values(entity: e, indicator: i).compactMap { $0 }) }
        }
        return all
    }()
}
