import Benchmark
import Foundation
import Prognos

/// Chart rendering: 1,000 indicator charts (SVG) through one gnuplot process; the
/// custom metric is charts per second.
let benchmarks: @Sendable () -> Void = {
    let rate = BenchmarkMetric.custom("charts/s", polarity: .prefersLarger, useScalingFactor: false)
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, rate], scalingFactor: .one, maxDuration: .seconds(60), maxIterations: 3)

    Benchmark("1,000 indicator charts (SVG)", configuration: configuration) { benchmark, summaries in
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "prognos-bench-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        guard let session = try? GnuplotSession() else { return }
        defer { session.close() }
        let indicator = Indicator(
            id: "x", titleSv: "Andel (%)", titleEn: "Share (%)", unit: .percent, lowerBound: 0, upperBound: 100,
            polarity: .higherIsBetter)
        for _ in benchmark.scaledIterations {
            let start = DispatchTime.now().uptimeNanoseconds
            for (index, summary) in summaries.enumerated() {
                let path = directory.appendingPathComponent("c\(index).svg").path
                if let script = ChartScripts.indicator(
                    summary, indicator: indicator, entity: nil, language: .sv, format: .svg, output: path)
                {
                    _ = try? session.render(script, chart: "c\(index).svg", output: path)
                }
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            benchmark.measurement(rate, Int((Double(summaries.count) / seconds).rounded()))
        }
    } setup: {
        Sample.summaries(count: 1000)
    }
}

enum Sample {
    /// Deterministic 12-year percentage series with targets, summarised as `prognos run` does.
    static func summaries(count: Int) -> [SeriesSummary] {
        var random = SplitMix64(seed: 9)
        var observations: [Observation] = []
        var targets: [Target] = []
        for s in 0..<count {
            let level = 40 + 40 * random.nextUnit()
            let slope = random.nextNormal()
            for year in 2012...2023 {
                let value = min(100, max(0, level + slope * Double(year - 2012) + 2 * random.nextNormal()))
                observations.append(Observation(entityID: "e\(s)", indicatorID: "x", year: year, value: value))
            }
            targets.append(
                Target(
                    entityID: "e\(s)", indicatorID: "x", goalID: "", year: 2024, value: level + 5, comparator: .atLeast)
            )
        }
        let dataset = Dataset(
            name: "bench", entities: (0..<count).map { Entity(id: "e\($0)", name: "E\($0)", kind: .municipality) },
            indicators: [
                Indicator(
                    id: "x", titleSv: "Andel (%)", titleEn: "Share (%)", unit: .percent, lowerBound: 0, upperBound: 100,
                    polarity: .higherIsBetter)
            ], observations: observations, targets: targets)
        return RunAnalysis(dataset: dataset, year: 2024).series
    }
}
