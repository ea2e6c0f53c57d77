import CLAPACK
import Dispatch

/// Straight-line trends y = a + b·(t − t̄) fitted to many series on one year grid at once.
///
/// Complete series share one design X, one pivoted QR and one least-squares operator
/// P = R⁻¹Q₁ᵀ (scaled and permuted back; 2 × n, from the QR, never from the normal
/// equations); the coefficients of a series are β = P·y, the dot products of its values
/// with P's two rows, computed four years at a time in SIMD registers and fused with the
/// residual pass, so that each value is read from memory once, for two series at a time
/// (independent sums interleaved, so that the additions' latency is hidden; each series'
/// own arithmetic is the same whether it has a partner or not). A series with gaps is
/// fitted on its own by ``TwoColumnHouseholder`` (two reflections of its present years).
///
/// The panel is processed in fixed chunks of ``chunkSize`` consecutive series: the chunk
/// is first fitted straight from the panel's memory as if complete (NaN propagates into
/// the coefficients of a series with a gap), then the series with gaps are refitted one
/// by one while the chunk is still in cache. Chunks are spread over `threads` workers.
/// (Grouping the series with gaps by mask to share an operator, with one `cblas_dgemm`
/// per group, spent more in hashing, gathering and allocating than it saved.)
///
/// Layout: `values` holds `seriesCount × years.count` doubles, one contiguous row per
/// series (the ``Panel`` layout), which is the n × m column-major Y that BLAS expects.
/// NaN marks a missing value.
///
/// Determinism: chunk boundaries do not depend on the thread count and every series is
/// computed by the same arithmetic, so results are byte-identical for any `threads`.
///
/// Edge cases: a series with fewer than two points gets NaN; with two points its slope
/// is exact and its standard error NaN; an empty grid gives no fits.
public struct BatchedTrendFit: Sendable {
    public let years: [Int]
    /// t̄, the centre of the grid: intercepts are the trend's value at t̄.
    public let centerYear: Double
    public let intercepts: [Double]
    public let slopes: [Double]
    public let slopeStandardErrors: [Double]
    public let residualStandardDeviations: [Double]
    public let pointCounts: [Int]

    /// Series per chunk: 2048 × 20 years × 8 bytes = 320 KiB, within L2.
    public static let chunkSize = 2048

    public init(values: [Double], years: [Int], threads: Int = 1) {
        let n = years.count
        let m = n > 0 ? values.count / n : 0
        let centre = n > 0 ? Double(years.reduce(0, +)) / Double(n) : 0
        let time = years.map { Double($0) - centre }
        // The result arrays are left uninitialised: the fit writes every entry exactly
        // once (from the workers, so first-touch page faults are spread over threads too).
        var slopes: [Double] = []
        var errors: [Double] = []
        var deviations: [Double] = []
        var counts: [Int] = []
        let intercepts = [Double](unsafeUninitializedCapacity: m) { interceptBuffer, interceptCount in
            slopes = [Double](unsafeUninitializedCapacity: m) { slopeBuffer, slopeCount in
                errors = [Double](unsafeUninitializedCapacity: m) { errorBuffer, errorCount in
                    deviations = [Double](unsafeUninitializedCapacity: m) { deviationBuffer, deviationCount in
                        counts = [Int](unsafeUninitializedCapacity: m) { countBuffer, countCount in
                            let output = OutputBuffers(
                                intercepts: interceptBuffer, slopes: slopeBuffer, errors: errorBuffer,
                                deviations: deviationBuffer, counts: countBuffer)
                            Self.fitAll(
                                values: values, years: years, time: time, centre: centre, threads: threads,
                                output: output)
                            countCount = m
                        }
                        deviationCount = m
                    }
                    errorCount = m
                }
                slopeCount = m
            }
            interceptCount = m
        }
        self.years = years
        self.centerYear = centre
        self.intercepts = intercepts
        self.slopes = slopes
        self.slopeStandardErrors = errors
        self.residualStandardDeviations = deviations
        self.pointCounts = counts
    }

    static func fitAll(
        values: [Double], years: [Int], time: [Double], centre: Double, threads: Int, output: OutputBuffers
    ) {
        let n = years.count
        let m = n > 0 ? values.count / n : 0
        guard n > 0, m > 0 else { return }
        let chunks = (m + chunkSize - 1) / chunkSize
        let workers = max(1, min(threads, chunks))
        let previousThreads = OpenBLAS.threadCount
        OpenBLAS.setThreadCount(1)
        values.withUnsafeBufferPointer { buffer in
            let data = SharedInput(buffer: buffer)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var state = WorkerState(n: n, time: time)
                var chunk = worker
                while chunk < chunks {
                    let first = chunk * chunkSize
                    let count = min(chunkSize, m - first)
                    state.fitChunk(data: data.buffer, first: first, count: count, output: output)
                    chunk += workers
                }
            }
        }
        OpenBLAS.setThreadCount(previousThreads)
    }

    // MARK: Operators

    struct Operator {
        /// P, 2 × k column-major; empty when the mask has fewer than two years.
        var pseudoInverse: [Double]
        /// P's rows, each contiguous: the intercept's and the slope's weights per present year.
        var interceptRow: [Double] = []
        var slopeRow: [Double] = []
        /// [(XᵀX)⁻¹]₁₁, the unscaled variance of the slope.
        var slopeVariance: Double
        /// Indices of the present years and their centred times.
        var rows: [Int]
        var times: [Double]
    }

    /// P for the design [1, t − t̄] on the present years: one `dormqr` applies Qᵀ to the
    /// identity, one `dtrtrs` solves R against its first two rows.
    static func leastSquaresOperator(time: [Double], rows: [Int]) -> Operator {
        let k = rows.count
        let times = rows.map { time[$0] }
        let empty = Operator(pseudoInverse: [], slopeVariance: .nan, rows: rows, times: times)
        guard k >= 2 else { return empty }
        let design = Matrix(columns: [[Double](repeating: 1, count: k), times])
        guard let qr = try? PivotedQR(design), qr.rank == 2, let inverse = try? qr.inverseR() else { return empty }
        var block = [Double](repeating: 0, count: k * k)
        for i in 0..<k { block[i + i * k] = 1 }
        guard (try? qr.applyQTranspose(block: &block, count: k)) != nil,
            (try? qr.solveR(block: &block, count: k, leadingDimension: k)) != nil
        else { return empty }
        var pseudoInverse = [Double](repeating: 0, count: 2 * k)
        for i in 0..<k {
            for position in 0..<2 {
                let column = qr.permutation[position]
                pseudoInverse[column + 2 * i] = block[position + i * k] * qr.scales[column]
            }
        }
        // [(XᵀX)⁻¹]₁₁ = s₁² Σⱼ (R⁻¹)[a, j]² with a the pivoted position of column 1.
        let a = qr.permutation[0] == 1 ? 0 : 1
        var sum = 0.0
        for j in a..<2 { sum += inverse[a + j * 2] * inverse[a + j * 2] }
        var made = Operator(
            pseudoInverse: pseudoInverse, slopeVariance: sum * qr.scales[1] * qr.scales[1], rows: rows, times: times)
        made.interceptRow = (0..<k).map { pseudoInverse[2 * $0] }
        made.slopeRow = (0..<k).map { pseudoInverse[2 * $0 + 1] }
        return made
    }

    // MARK: One worker

    struct WorkerState {
        let n: Int
        let time: [Double]
        /// P of the complete grid, made by the worker's first chunk.
        var fullOperator: Operator? = nil

        init(n: Int, time: [Double]) {
            self.n = n
            self.time = time
        }

        mutating func fitChunk(data: UnsafeBufferPointer<Double>, first: Int, count: Int, output: OutputBuffers) {
            guard let base = data.baseAddress else { return }
            // Fit the chunk as if complete; NaN propagates into the coefficients of any
            // series with a missing value, and only those are redone, one by one.
            let op = fullOperator ?? BatchedTrendFit.leastSquaresOperator(time: time, rows: Array(0..<n))
            fullOperator = op
            fit(op: op, y: base + first * n, first: first, count: count, output: output)
            for series in first..<(first + count) where output.slopes[series].isNaN || output.intercepts[series].isNaN {
                fitAlone(row: base + series * n, series: series, output: output)
            }
        }

        /// One series with gaps: a 2-column Householder QR of its design [1, t − t̄] on
        /// its present years, applied straight to its values (no operator to build).
        func fitAlone(row: UnsafePointer<Double>, series: Int, output: OutputBuffers) {
            // The present years gathered on the stack (no allocation, no copy-on-write checks).
            withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * n) { scratch in
                guard let base = scratch.baseAddress else { return }
                let t = UnsafeMutableBufferPointer(start: base, count: n)
                let y = UnsafeMutableBufferPointer(start: base + n, count: n)
                var k = 0
                time.withUnsafeBufferPointer { time in
                    for i in 0..<n where !row[i].isNaN {
                        t[k] = time[i]
                        y[k] = row[i]
                        k += 1
                    }
                }
                output.counts[series] = k
                let fit = TwoColumnHouseholder.fit(times: t, values: y, count: k)
                output.intercepts[series] = fit.intercept
                output.slopes[series] = fit.slope
                let variance = k > 2 ? fit.residualSumOfSquares / Double(k - 2) : .nan
                output.deviations[series] = variance.squareRoot()
                output.errors[series] = (variance * fit.slopeVariance).squareRoot()
            }
        }

        /// β = P·y and the residual sum of squares of the series `first ..< first + count`
        /// (one row of k = n values each, straight from the panel), two series and four
        /// years at a time (``CompleteSeriesKernel``): the dot products of y with P's two
        /// rows, then Σ (y − a − b·t)² over the same values, still in cache.
        func fit(op: Operator, y: UnsafePointer<Double>, first: Int, count: Int, output: OutputBuffers) {
            let k = op.rows.count
            let leading = k
            for column in 0..<count { output.counts[first + column] = k }
            guard k >= 2, !op.pseudoInverse.isEmpty else {
                for column in 0..<count {
                    let s = first + column
                    output.intercepts[s] = .nan
                    output.slopes[s] = .nan
                    output.errors[s] = .nan
                    output.deviations[s] = .nan
                }
                return
            }
            // σ̂² = RSS/(k − 2) and se(b) = σ̂·√[(XᵀX)⁻¹]₁₁: one multiplication and one
            // square root per series (a division and a second root were a third of the time).
            let inverseDegreesOfFreedom = k > 2 ? 1 / Double(k - 2) : .nan
            let slopeFactor = op.slopeVariance.squareRoot()
            let vectorCount = k / 4
            @inline(__always) func store(_ s: Int, _ a: Double, _ slope: Double, _ rss: Double) {
                output.intercepts[s] = a
                output.slopes[s] = slope
                let deviation = (rss * inverseDegreesOfFreedom).squareRoot()
                output.deviations[s] = deviation
                output.errors[s] = deviation * slopeFactor
            }
            op.times.withUnsafeBufferPointer { times in
                op.interceptRow.withUnsafeBufferPointer { interceptRow in
                    op.slopeRow.withUnsafeBufferPointer { slopeRow in
                        guard let timeBase = times.baseAddress, let interceptBase = interceptRow.baseAddress,
                            let slopeBase = slopeRow.baseAddress
                        else { return }
                        let rawTimes = UnsafeRawPointer(timeBase)
                        let rawIntercept = UnsafeRawPointer(interceptBase)
                        let rawSlope = UnsafeRawPointer(slopeBase)
                        let kernel = CompleteSeriesKernel(
                            k: k, vectorCount: vectorCount, times: rawTimes, interceptRow: rawIntercept,
                            slopeRow: rawSlope, tailTimes: times, tailIntercept: interceptRow, tailSlope: slopeRow)
                        // Two series at a time: their sums are independent, so interleaving
                        // them hides the additions' latency; each series' arithmetic is the
                        // same, in the same order, as when it is fitted alone (the odd last one).
                        var column = 0
                        while column + 1 < count {
                            let values0 = y + column * leading
                            let values1 = values0 + leading
                            let (a0, b0, a1, b1) = kernel.coefficients(values0, values1)
                            let (rss0, rss1) = kernel.residualSums(values0, a0, b0, values1, a1, b1)
                            store(first + column, a0, b0, rss0)
                            store(first + column + 1, a1, b1, rss1)
                            column += 2
                        }
                        if column < count {
                            let values = y + column * leading
                            let (a, b) = kernel.coefficients(values)
                            store(first + column, a, b, kernel.residualSum(values, a, b))
                        }
                    }
                }
            }
        }
    }

    /// The arithmetic of one complete series against the operator's rows: β = P·y by two
    /// dot products four years at a time in SIMD registers (a scalar tail for the last
    /// k mod 4 years), then RSS = Σ (y − a − b·t)² over the same values. The paired
    /// functions do exactly the same operations for each of two series, interleaved.
    struct CompleteSeriesKernel {
        let k: Int
        let vectorCount: Int
        let times: UnsafeRawPointer
        let interceptRow: UnsafeRawPointer
        let slopeRow: UnsafeRawPointer
        let tailTimes: UnsafeBufferPointer<Double>
        let tailIntercept: UnsafeBufferPointer<Double>
        let tailSlope: UnsafeBufferPointer<Double>

        @inline(__always)
        func load(_ base: UnsafeRawPointer, _ v: Int) -> SIMD4<Double> {
            base.loadUnaligned(fromByteOffset: 32 * v, as: SIMD4<Double>.self)
        }

        @inline(__always)
        func coefficients(_ y: UnsafePointer<Double>) -> (Double, Double) {
            let raw = UnsafeRawPointer(y)
            var interceptSum = SIMD4<Double>(repeating: 0)
            var slopeSum = SIMD4<Double>(repeating: 0)
            for v in 0..<vectorCount {
                let yv = load(raw, v)
                interceptSum += yv * load(interceptRow, v)
                slopeSum += yv * load(slopeRow, v)
            }
            var a = interceptSum.sum()
            var b = slopeSum.sum()
            for position in (4 * vectorCount)..<k {
                a += y[position] * tailIntercept[position]
                b += y[position] * tailSlope[position]
            }
            return (a, b)
        }

        @inline(__always)
        func coefficients(_ y0: UnsafePointer<Double>, _ y1: UnsafePointer<Double>) -> (Double, Double, Double, Double)
        {
            let raw0 = UnsafeRawPointer(y0)
            let raw1 = UnsafeRawPointer(y1)
            var interceptSum0 = SIMD4<Double>(repeating: 0)
            var slopeSum0 = SIMD4<Double>(repeating: 0)
            var interceptSum1 = SIMD4<Double>(repeating: 0)
            var slopeSum1 = SIMD4<Double>(repeating: 0)
            for v in 0..<vectorCount {
                let p = load(interceptRow, v)
                let q = load(slopeRow, v)
                let yv0 = load(raw0, v)
                let yv1 = load(raw1, v)
                interceptSum0 += yv0 * p
                slopeSum0 += yv0 * q
                interceptSum1 += yv1 * p
                slopeSum1 += yv1 * q
            }
            var a0 = interceptSum0.sum()
            var b0 = slopeSum0.sum()
            var a1 = interceptSum1.sum()
            var b1 = slopeSum1.sum()
            for position in (4 * vectorCount)..<k {
                a0 += y0[position] * tailIntercept[position]
                b0 += y0[position] * tailSlope[position]
                a1 += y1[position] * tailIntercept[position]
                b1 += y1[position] * tailSlope[position]
            }
            return (a0, b0, a1, b1)
        }

        @inline(__always)
        func residualSum(_ y: UnsafePointer<Double>, _ a: Double, _ b: Double) -> Double {
            let raw = UnsafeRawPointer(y)
            var accumulator = SIMD4<Double>(repeating: 0)
            let aVector = SIMD4<Double>(repeating: a)
            let bVector = SIMD4<Double>(repeating: b)
            for v in 0..<vectorCount {
                let r = load(raw, v) - (aVector + bVector * load(times, v))
                accumulator += r * r
            }
            var rss = accumulator.sum()
            for position in (4 * vectorCount)..<k {
                let r = y[position] - (a + b * tailTimes[position])
                rss += r * r
            }
            return rss
        }

        @inline(__always)
        func residualSums(
            _ y0: UnsafePointer<Double>, _ a0: Double, _ b0: Double, _ y1: UnsafePointer<Double>, _ a1: Double,
            _ b1: Double
        ) -> (Double, Double) {
            let raw0 = UnsafeRawPointer(y0)
            let raw1 = UnsafeRawPointer(y1)
            var accumulator0 = SIMD4<Double>(repeating: 0)
            var accumulator1 = SIMD4<Double>(repeating: 0)
            let aVector0 = SIMD4<Double>(repeating: a0)
            let bVector0 = SIMD4<Double>(repeating: b0)
            let aVector1 = SIMD4<Double>(repeating: a1)
            let bVector1 = SIMD4<Double>(repeating: b1)
            for v in 0..<vectorCount {
                let t = load(times, v)
                let r0 = load(raw0, v) - (aVector0 + bVector0 * t)
                let r1 = load(raw1, v) - (aVector1 + bVector1 * t)
                accumulator0 += r0 * r0
                accumulator1 += r1 * r1
            }
            var rss0 = accumulator0.sum()
            var rss1 = accumulator1.sum()
            for position in (4 * vectorCount)..<k {
                let r0 = y0[position] - (a0 + b0 * tailTimes[position])
                rss0 += r0 * r0
                let r1 = y1[position] - (a1 + b1 * tailTimes[position])
                rss1 += r1 * r1
            }
            return (rss0, rss1)
        }
    }

    // MARK: Buffers

    /// The input, read by every worker and written by none.
    struct SharedInput: @unchecked Sendable {
        let buffer: UnsafeBufferPointer<Double>
    }

    /// The result arrays; each series' entries are written by exactly one worker.
    struct OutputBuffers: @unchecked Sendable {
        let intercepts: UnsafeMutableBufferPointer<Double>
        let slopes: UnsafeMutableBufferPointer<Double>
        let errors: UnsafeMutableBufferPointer<Double>
        let deviations: UnsafeMutableBufferPointer<Double>
        let counts: UnsafeMutableBufferPointer<Int>
    }
}
