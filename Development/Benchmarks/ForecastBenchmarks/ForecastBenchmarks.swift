import Benchmark
import Foundation
import Prognos

/// Forecasting speed: every method on the 645 M3 yearly series (their training parts,
/// horizon 6), and `auto` on a million synthetic series of length 20. The custom metric is series
/// per second over both cores.
let benchmarks: @Sendable () -> Void = {
    print(MachineInfo.summary)
    let threads = ProcessInfo.processInfo.activeProcessorCount
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal, SeriesRate.metric], scalingFactor: .one, maxDuration: .seconds(15),
        maxIterations: 5)

    for code in ["naive", "drift", "ses", "holt", "damped", "theta", "dotm", "comb", "auto"] {
        Benchmark("M3 yearly, 645 series: \(code)", configuration: configuration) { benchmark, training in
            guard let method = MethodRegistry.method(code) else { return }
            for _ in benchmark.scaledIterations {
                SeriesRate.measure(benchmark, count: training.count) {
                    Forecasting.run(method, on: training, horizon: 6, threads: threads)
                }
            }
        } setup: {
            M3Training.load()
        }
    }

    // A million series take about a minute an iteration: three iterations.
    let million = Benchmark.Configuration(
        metrics: [.wallClock, SeriesRate.metric], scalingFactor: .one, maxDuration: .seconds(600), maxIterations: 3)
    Benchmark("auto, 1,000,000 synthetic series of length 20", configuration: million) { benchmark, series in
        for _ in benchmark.scaledIterations {
            SeriesRate.measure(benchmark, count: series.count) {
                Forecasting.run(AutoForecaster(), on: series, horizon: 6, threads: threads)
            }
        }
    } setup: {
        Synthetic.series(count: 1_000_000, length: 20, seed: 3)
    }
}

enum SeriesRate {
    static let metric = BenchmarkMetric.custom("series/s", polarity: .prefersLarger, useScalingFactor: false)

    static func measure(_ benchmark: Benchmark, count: Int, _ body: () -> Int) {
        let start = DispatchTime.now().uptimeNanoseconds
        blackHole(body())
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        benchmark.measurement(metric, Int((Double(count) / seconds).rounded()))
    }
}

enum Forecasting {
    final class Counter: @unchecked Sendable {
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

    /// Forecasts every series, spread over `threads`; returns how many succeeded.
    static func run(_ method: any Forecaster, on series: [[Double]], horizon: Int, threads: Int) -> Int {
        let counter = Counter()
        DispatchQueue.concurrentPerform(iterations: threads) { worker in
            var done = 0
            var index = worker
            while index < series.count {
                if method.forecast(series[index], horizon: horizon) != nil { done += 1 }
                index += threads
            }
            counter.add(done)
        }
        return counter.value
    }
}

enum M3Training {
    /// The training parts of `Datasets/m3-yearly`.
    static func load() -> [[Double]] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let directory = root.appendingPathComponent("Datasets/m3-yearly")
        guard let dataset = try? DatasetLoader.load(directory: directory, displayName: "m3-yearly").dataset else {
            return []
        }
        return Backtest.series(of: dataset).map { Array($0.values.dropLast($0.testCount)) }
    }
}

enum Synthetic {
    /// Positive series with level, trend and noise, deterministic.
    static func series(count: Int, length: Int, seed: UInt64) -> [[Double]] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let level = 100 + 50 * random.nextUnit()
            let slope = 3 * random.nextNormal()
            let noise = 1 + 5 * random.nextUnit()
            return (0..<length).map { max(1, level + slope * Double($0) + noise * random.nextNormal()) }
        }
    }
}
