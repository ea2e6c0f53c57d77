import Benchmark
import Foundation
import Prognos

/// Batched linear-trend fits against this machine's memory-read floor.
///
/// Each iteration first reads the whole panel once (the floor: the least any fit must
/// do is read every value), then reads it again and writes five results per series into
/// fresh arrays as the fit does, with no arithmetic but a sum (the write floor: the
/// least a fit that returns its results must do), and then fits every series, all on
/// the same threads; the custom metrics report the floor and the fit as MB/s, and the
/// fit's and the write floor's time as multiples of the floor's (`fit/floor ×100`, 150 =
/// 1.5×; `write floor/floor ×100`). Wall time covers all three passes.
let benchmarks: @Sendable () -> Void = {
    // Name the machine and the BLAS kernel in the output (DESIGN.md, "Numerics").
    print("OpenBLAS kernel: \(OpenBLAS.coreName), \(OpenBLAS.configuration); CPU: \(MachineInfo.cpuModel)")
    let threads = ProcessInfo.processInfo.activeProcessorCount
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident] + PanelMetrics.all,
        scalingFactor: .one, maxDuration: .seconds(20), maxIterations: 10)

    Benchmark("Linear trend, 1,000,000 series × 20 years, complete", configuration: configuration) { benchmark, panel in
        PanelMetrics.measure(benchmark, panel: panel, threads: threads)
    } setup: {
        SyntheticPanel(series: 1_000_000, years: 20, missing: 0, seed: 1)
    }

    Benchmark("Linear trend, 100,000 series × 20 years, 10 % missing", configuration: configuration) {
        benchmark, panel in
        PanelMetrics.measure(benchmark, panel: panel, threads: threads)
    } setup: {
        SyntheticPanel(series: 100_000, years: 20, missing: 0.1, seed: 2)
    }
}

/// A deterministic panel: level, trend and noise per series; each value missing with
/// probability `missing`.
struct SyntheticPanel: Sendable {
    let values: [Double]
    let years: [Int]

    init(series: Int, years count: Int, missing: Double, seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var values = [Double](repeating: 0, count: series * count)
        for s in 0..<series {
            let level = 50 + 20 * random.nextNormal()
            let slope = random.nextNormal()
            for i in 0..<count {
                let absent = missing > 0 && random.nextUnit() < missing
                values[s * count + i] = absent ? .nan : level + slope * Double(i) + random.nextNormal()
            }
        }
        self.values = values
        self.years = Array(2004..<(2004 + count))
    }

    var bytes: Int { values.count * MemoryLayout<Double>.stride }
}

enum PanelMetrics {
    static let fitThroughput = BenchmarkMetric.custom("fit MB/s", polarity: .prefersLarger, useScalingFactor: false)
    static let floorThroughput = BenchmarkMetric.custom("floor MB/s", polarity: .prefersLarger, useScalingFactor: false)
    static let ratio = BenchmarkMetric.custom("fit/floor ×100", polarity: .prefersSmaller, useScalingFactor: false)
    static let writeRatio = BenchmarkMetric.custom(
        "write floor/floor ×100", polarity: .prefersSmaller, useScalingFactor: false)
    static let all = [fitThroughput, floorThroughput, ratio, writeRatio]

    static func measure(_ benchmark: Benchmark, panel: SyntheticPanel, threads: Int) {
        for _ in benchmark.scaledIterations {
            let floorStart = DispatchTime.now().uptimeNanoseconds
            blackHole(MemoryFloor.read(panel.values, threads: threads))
            let writeStart = DispatchTime.now().uptimeNanoseconds
            blackHole(WriteFloor(values: panel.values, years: panel.years.count, threads: threads))
            let fitStart = DispatchTime.now().uptimeNanoseconds
            blackHole(BatchedTrendFit(values: panel.values, years: panel.years, threads: threads))
            let end = DispatchTime.now().uptimeNanoseconds
            let floorSeconds = Double(writeStart - floorStart) / 1e9
            let writeSeconds = Double(fitStart - writeStart) / 1e9
            let fitSeconds = Double(end - fitStart) / 1e9
            let megabytes = Double(panel.bytes) / 1e6
            benchmark.measurement(fitThroughput, Int((megabytes / fitSeconds).rounded()))
            benchmark.measurement(floorThroughput, Int((megabytes / floorSeconds).rounded()))
            benchmark.measurement(ratio, Int((fitSeconds / floorSeconds * 100).rounded()))
            benchmark.measurement(writeRatio, Int((writeSeconds / floorSeconds * 100).rounded()))
        }
    }
}

/// One pass over an array that reads every byte, split over `threads` like the fit.
enum MemoryFloor {
    struct Input: @unchecked Sendable {
        let base: UnsafePointer<UInt64>
        let count: Int
    }

    final class Sums: @unchecked Sendable {
        var values: [UInt64]
        init(_ count: Int) { values = [UInt64](repeating: 0, count: count) }
    }

    static func read(_ values: [Double], threads: Int) -> UInt64 {
        let sums = Sums(threads)
        values.withUnsafeBytes { raw in
            let words = raw.bindMemory(to: UInt64.self)
            guard let base = words.baseAddress else { return }
            let input = Input(base: base, count: words.count)
            let workers = max(1, threads)
            let result = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: workers)
            defer { result.deallocate() }
            let output = OutputSlots(slots: result)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                let start = input.count * worker / workers
                let end = input.count * (worker + 1) / workers
                var sum: UInt64 = 0
                for i in start..<end { sum &+= input.base[i] }
                output.slots[worker] = sum
            }
            sums.values = Array(result)
        }
        return sums.values.reduce(0, &+)
    }

    struct OutputSlots: @unchecked Sendable {
        let slots: UnsafeMutableBufferPointer<UInt64>
    }
}

/// The least a batched fit that returns its results can do: read every series once and
/// write five values for it (here its sum) into five fresh arrays, left uninitialised and
/// first touched by the workers, in chunks of ``BatchedTrendFit/chunkSize`` series spread
/// over the threads, as ``BatchedTrendFit`` allocates and writes its own.
struct WriteFloor {
    let results: [[Double]]

    struct Outputs: @unchecked Sendable {
        let pointers: [UnsafeMutablePointer<Double>]
    }

    init(values: [Double], years: Int, threads: Int) {
        let m = years > 0 ? values.count / years : 0
        let chunk = BatchedTrendFit.chunkSize
        let chunks = (m + chunk - 1) / chunk
        let workers = max(1, min(threads, chunks))
        results = values.withUnsafeBufferPointer { input -> [[Double]] in
            guard let doubles = input.baseAddress, m > 0 else { return [] }
            let source = MemoryFloor.Input(
                base: UnsafeRawPointer(doubles).assumingMemoryBound(to: UInt64.self), count: input.count)
            return Self.fresh(count: 5, length: m, pointers: []) { outputs in
                DispatchQueue.concurrentPerform(iterations: workers) { worker in
                    let values = UnsafeRawPointer(source.base).assumingMemoryBound(to: Double.self)
                    var c = worker
                    while c < chunks {
                        for series in (c * chunk)..<min(m, (c + 1) * chunk) {
                            var sum = 0.0
                            for i in 0..<years { sum += values[series * years + i] }
                            for output in outputs.pointers { output[series] = sum }
                        }
                        c += workers
                    }
                }
            }
        }
    }

    /// `count` arrays of `length` uninitialised doubles, which `fill` must write in full.
    static func fresh(
        count: Int, length: Int, pointers: [UnsafeMutablePointer<Double>], fill: (Outputs) -> Void
    ) -> [[Double]] {
        guard count > 0 else {
            fill(Outputs(pointers: pointers))
            return []
        }
        var rest: [[Double]] = []
        let first = [Double](unsafeUninitializedCapacity: length) { buffer, initialized in
            guard let base = buffer.baseAddress else { return }
            rest = fresh(count: count - 1, length: length, pointers: pointers + [base], fill: fill)
            initialized = length
        }
        return [first] + rest
    }
}
