import CLAPACK
import Dispatch

/// Straight-line trends y = a + b·(t − t̄) fitted to many series on one year grid at once.
///
/// Series that share a missing-value mask share one design X, one pivoted QR and one
/// least-squares operator P = R⁻¹Q₁ᵀ (scaled and permuted back; p × k for k present
/// years, from the QR, never from the normal equations); the coefficients of a block of
/// such series are B = P·Y, one `cblas_dgemm` over their stacked values.
///
/// The panel is processed in fixed chunks of ``chunkSize`` consecutive series, each
/// read from memory once: the chunk is first fitted straight from the panel's memory as
/// if complete (NaN propagates into the coefficients of a series with a gap), the series
/// with gaps are then refitted gathered per mask (a mask shared by only a few series of
/// the chunk is fitted series by series with ``TwoColumnHouseholder`` instead of
/// building its operator), and the residual sum of squares of each series is computed
/// while the chunk is still in cache. Chunks are
/// spread over `threads` workers; OpenBLAS runs one thread per call meanwhile. Each
/// worker keeps its own cache of operators by mask.
///
/// Layout: `values` holds `seriesCount × years.count` doubles, one contiguous row per
/// series (the ``Panel`` layout), which is the n × m column-major Y that BLAS expects.
/// NaN marks a missing value.
///
/// Determinism: chunk boundaries do not depend on the thread count and every series is
/// computed by the same arithmetic, so results are byte-identical for any `threads`.
///
/// Edge cases: a series with fewer than two points gets NaN; with two points its slope
/// is exact and its standard error NaN. Grids longer than 64 years fall back to one
/// ``LinearTrend`` per series.
public struct BatchedTrendFit: Sendable {
    public let years: [Int]
    /// t̄, the centre of the grid: intercepts are the trend's value at t̄.
    public let centreYear: Double
    public let intercepts: [Double]
    public let slopes: [Double]
    public let slopeStandardErrors: [Double]
    public let residualStandardDeviations: [Double]
    public let pointCounts: [Int]

    /// Series per chunk: 2048 × 20 years × 8 bytes = 320 KiB, within L2.
    public static let chunkSize = 2048

    /// A mask shared by fewer series than this within a chunk is not worth an operator:
    /// each of its series is fitted alone by ``TwoColumnHouseholder``.
    static let sharedOperatorThreshold = 4

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
                                values: values, years: years, time: time, centre: centre, threads: threads, output: output)
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
        self.centreYear = centre
        self.intercepts = intercepts
        self.slopes = slopes
        self.slopeStandardErrors = errors
        self.residualStandardDeviations = deviations
        self.pointCounts = counts
    }

    static func fitAll(values: [Double], years: [Int], time: [Double], centre: Double, threads: Int, output: OutputBuffers) {
        let n = years.count
        let m = n > 0 ? values.count / n : 0
        if n > 64 || n == 0 {
            for buffer in [output.intercepts, output.slopes, output.errors, output.deviations] {
                buffer.initialize(repeating: .nan)
            }
            output.counts.initialize(repeating: 0)
            if n > 0 { fitOneByOne(values: values, years: years, centre: centre, output: output) }
            return
        }
        guard m > 0 else { return }
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

    static func fitOneByOne(values: [Double], years: [Int], centre: Double, output: OutputBuffers) {
        let n = years.count
        for series in 0..<(values.count / n) {
            let present = (0..<n).filter { !values[series * n + $0].isNaN }
            output.counts[series] = present.count
            guard let trend = LinearTrend(years: present.map { years[$0] }, values: present.map { values[series * n + $0] })
            else { continue }
            output.slopes[series] = trend.slope
            output.intercepts[series] = trend.intercept + trend.slope * (centre - trend.centreYear)
            output.errors[series] = trend.slopeStandardError ?? .nan
        }
    }

    // MARK: Operators

    struct Operator {
        /// P, 2 × k column-major; empty when the mask has fewer than two years.
        var pseudoInverse: [Double]
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
        return Operator(
            pseudoInverse: pseudoInverse, slopeVariance: sum * qr.scales[1] * qr.scales[1], rows: rows, times: times)
    }

    // MARK: One worker

    struct WorkerState {
        let n: Int
        let time: [Double]
        let full: UInt64
        var operators: [UInt64: Operator] = [:]
        var masks: [UInt64] = []
        var stacked: [Double] = []
        var times: [Double] = []
        var values: [Double] = []
        var coefficients: [Double] = []

        init(n: Int, time: [Double]) {
            self.n = n
            self.time = time
            self.full = n == 64 ? UInt64.max : (1 << UInt64(n)) - 1
        }

        mutating func operatorFor(_ mask: UInt64) -> Operator {
            if let existing = operators[mask] { return existing }
            let rows = (0..<n).filter { mask & (1 << UInt64($0)) != 0 }
            let made = BatchedTrendFit.leastSquaresOperator(time: time, rows: rows)
            operators[mask] = made
            return made
        }

        mutating func fitChunk(data: UnsafeBufferPointer<Double>, first: Int, count: Int, output: OutputBuffers) {
            guard let base = data.baseAddress else { return }
            // Fit the chunk as if complete; NaN propagates into the coefficients of any
            // series with a missing value, and only those are redone by mask group.
            let fullOperator = operatorFor(full)
            fit(op: fullOperator, y: base + first * n, leading: n, first: first, series: nil, count: count, output: output)
            var incomplete = false
            for j in 0..<count where output.slopes[first + j].isNaN || output.intercepts[first + j].isNaN {
                incomplete = true
                break
            }
            guard incomplete else { return }
            if masks.count < count { masks = [UInt64](repeating: 0, count: count) }
            for j in 0..<count {
                let row = base + (first + j) * n
                var bits: UInt64 = 0
                for i in 0..<n where !row[i].isNaN { bits |= 1 << UInt64(i) }
                masks[j] = bits
            }
            // Group the chunk's series by mask, groups in order of first appearance.
            var groupOfMask: [UInt64: Int] = [:]
            var groups: [(mask: UInt64, members: [Int])] = []
            for j in 0..<count where masks[j] != full {
                if let g = groupOfMask[masks[j]] {
                    groups[g].members.append(first + j)
                } else {
                    groupOfMask[masks[j]] = groups.count
                    groups.append((masks[j], [first + j]))
                }
            }
            for group in groups {
                if group.members.count < BatchedTrendFit.sharedOperatorThreshold {
                    for series in group.members { fitAlone(row: base + series * n, mask: group.mask, series: series, output: output) }
                    continue
                }
                let op = operatorFor(group.mask)
                let k = op.rows.count
                if stacked.count < k * group.members.count {
                    stacked = [Double](repeating: 0, count: k * group.members.count)
                }
                for (column, series) in group.members.enumerated() {
                    let row = base + series * n
                    for (position, year) in op.rows.enumerated() { stacked[position + column * k] = row[year] }
                }
                stacked.withUnsafeBufferPointer { y in
                    if let pointer = y.baseAddress {
                        fit(op: op, y: pointer, leading: k, first: 0, series: group.members, count: group.members.count, output: output)
                    }
                }
            }
        }

        /// One series with a mask of its own: a 2-column Householder QR of its design
        /// [1, t − t̄] applied straight to its values (no operator to build).
        mutating func fitAlone(row: UnsafePointer<Double>, mask: UInt64, series: Int, output: OutputBuffers) {
            var k = 0
            if times.count < n { times = [Double](repeating: 0, count: n) }
            if values.count < n { values = [Double](repeating: 0, count: n) }
            for i in 0..<n where mask & (1 << UInt64(i)) != 0 {
                times[k] = time[i]
                values[k] = row[i]
                k += 1
            }
            output.counts[series] = k
            let fit = times.withUnsafeMutableBufferPointer { t in
                values.withUnsafeMutableBufferPointer { y in TwoColumnHouseholder.fit(times: t, values: y, count: k) }
            }
            output.intercepts[series] = fit.intercept
            output.slopes[series] = fit.slope
            let variance = k > 2 ? fit.residualSumOfSquares / Double(k - 2) : .nan
            output.deviations[series] = variance.squareRoot()
            output.errors[series] = (variance * fit.slopeVariance).squareRoot()
        }

        /// B = P·Y for a block of series (Y: k × count with leading dimension `leading`;
        /// complete series straight from the panel when `leading` = n = k), then each
        /// series' residual sum of squares, four years at a time.
        ///
        /// - Parameter series: the series of each column, or nil for `first ..< first + count`.
        mutating func fit(
            op: Operator, y: UnsafePointer<Double>, leading: Int, first: Int, series: [Int]?, count: Int,
            output: OutputBuffers
        ) {
            let k = op.rows.count
            for column in 0..<count { output.counts[series?[column] ?? (first + column)] = k }
            guard k >= 2, !op.pseudoInverse.isEmpty else {
                for column in 0..<count {
                    let s = series?[column] ?? (first + column)
                    output.intercepts[s] = .nan
                    output.slopes[s] = .nan
                    output.errors[s] = .nan
                    output.deviations[s] = .nan
                }
                return
            }
            if coefficients.count < 2 * count { coefficients = [Double](repeating: 0, count: 2 * count) }
            let slopeVariance = op.slopeVariance
            coefficients.withUnsafeMutableBufferPointer { b in
                op.pseudoInverse.withUnsafeBufferPointer { p in
                    cblas_dgemm(
                        CblasColMajor, CblasNoTrans, CblasNoTrans, 2, Int32(count), Int32(k), 1, p.baseAddress, 2, y,
                        Int32(leading), 0, b.baseAddress, 2)
                }
                op.times.withUnsafeBufferPointer { times in
                    let vectorCount = k / 4
                    for column in 0..<count {
                        let a = b[2 * column]
                        let slope = b[2 * column + 1]
                        let values = y + column * leading
                        var accumulator = SIMD4<Double>(repeating: 0)
                        let aVector = SIMD4<Double>(repeating: a)
                        let slopeVector = SIMD4<Double>(repeating: slope)
                        let rawValues = UnsafeRawPointer(values)
                        guard let timeBase = times.baseAddress else { return }
                        let rawTimes = UnsafeRawPointer(timeBase)
                        for v in 0..<vectorCount {
                            let offset = 32 * v
                            let yv = rawValues.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
                            let tv = rawTimes.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
                            let r = yv - (aVector + slopeVector * tv)
                            accumulator += r * r
                        }
                        var rss = accumulator.sum()
                        for position in (4 * vectorCount)..<k {
                            let r = values[position] - (a + slope * times[position])
                            rss += r * r
                        }
                        let s = series?[column] ?? (first + column)
                        output.intercepts[s] = a
                        output.slopes[s] = slope
                        let variance = k > 2 ? rss / Double(k - 2) : .nan
                        output.deviations[s] = variance.squareRoot()
                        output.errors[s] = (variance * slopeVariance).squareRoot()
                    }
                }
            }
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
