import CLAPACK
import Dispatch

/// Straight-line trends y = a + b·(t − t̄) fitted to many series on one year grid at once.
///
/// Series that share a missing-value mask share one design X, one pivoted QR and one
/// least-squares operator P = (XᵀX)⁻¹Xᵀ (p × n, from the QR, never from the normal
/// equations); the coefficients of all of them are B = P·Y, one `cblas_dgemm` over the
/// stacked values of a chunk of series. The residual sum of squares of each series is
/// computed right after its chunk's product, while the chunk is still in cache, so the
/// data are read from memory once.
///
/// Layout: `values` holds `seriesCount × years.count` doubles, one contiguous row per
/// series (the ``Panel`` layout), which is the n × m column-major Y that BLAS expects.
/// NaN marks a missing value.
///
/// Determinism: chunks have a fixed size and every series is computed by the same
/// arithmetic whatever the thread count, so results are byte-identical for any
/// `threads`. OpenBLAS is set to one thread per call while the engine's own threads run.
///
/// Edge cases: a series with fewer than two points gets NaN everywhere; with two points
/// its slope is exact and its standard error NaN. Grids longer than 64 years fall back
/// to one fit per series.
public struct BatchedTrendFit: Sendable {
    public let years: [Int]
    /// t̄, the centre of the grid: intercepts are the trend's value at t̄.
    public let centreYear: Double
    public let intercepts: [Double]
    public let slopes: [Double]
    public let slopeStandardErrors: [Double]
    public let residualStandardDeviations: [Double]
    public let pointCounts: [Int]

    /// Series per BLAS call: 2048 × 20 years × 8 bytes = 320 KiB, within L2.
    public static let chunkSize = 2048

    public init(values: [Double], years: [Int], threads: Int = 1) {
        let n = years.count
        let m = n > 0 ? values.count / n : 0
        let centre = n > 0 ? Double(years.reduce(0, +)) / Double(n) : 0
        let output = OutputBuffers(count: m)
        defer { output.deallocate() }

        if n > 0 && m > 0 {
            let time = years.map { Double($0) - centre }
            let groups = Self.groupByMask(values: values, n: n, m: m)
            // Work items: (group, first member, member count), in a fixed order.
            var workItems: [(group: Int, start: Int, count: Int)] = []
            for (index, group) in groups.enumerated() {
                var start = 0
                while start < group.members.count {
                    let count = min(Self.chunkSize, group.members.count - start)
                    workItems.append((index, start, count))
                    start += count
                }
            }
            let items = workItems
            let operators = groups.map { Self.leastSquaresOperator(time: time, mask: $0.mask) }
            let previousThreads = OpenBLAS.threadCount
            OpenBLAS.setThreadCount(1)
            values.withUnsafeBufferPointer { buffer in
                let data = SharedInput(buffer: buffer)
                let workers = max(1, min(threads, items.count))
                DispatchQueue.concurrentPerform(iterations: workers) { worker in
                    var scratch = Scratch()
                    var item = worker
                    while item < items.count {
                        let (groupIndex, start, count) = items[item]
                        let group = groups[groupIndex]
                        Self.fitChunk(
                            data: data.buffer, n: n, members: group.members[start..<(start + count)],
                            operator: operators[groupIndex], time: time, output: output, scratch: &scratch)
                        item += workers
                    }
                }
            }
            OpenBLAS.setThreadCount(previousThreads)
        }
        self.intercepts = Array(output.intercepts)
        self.slopes = Array(output.slopes)
        self.slopeStandardErrors = Array(output.errors)
        self.residualStandardDeviations = Array(output.deviations)
        self.pointCounts = Array(output.counts)
        self.years = years
        self.centreYear = centre
    }

    // MARK: Groups

    struct Group: Sendable {
        /// Indices of the present years.
        var mask: [Int]
        var members: [Int]
    }

    /// Series grouped by the set of years they have, groups in order of first appearance.
    static func groupByMask(values: [Double], n: Int, m: Int) -> [Group] {
        var groups: [Group] = []
        if n <= 64 {
            var index: [UInt64: Int] = [:]
            for series in 0..<m {
                var bits: UInt64 = 0
                let base = series * n
                for i in 0..<n where !values[base + i].isNaN { bits |= 1 << UInt64(i) }
                if let existing = index[bits] {
                    groups[existing].members.append(series)
                } else {
                    index[bits] = groups.count
                    groups.append(Group(mask: (0..<n).filter { bits & (1 << UInt64($0)) != 0 }, members: [series]))
                }
            }
        } else {
            for series in 0..<m {
                let base = series * n
                groups.append(Group(mask: (0..<n).filter { !values[base + $0].isNaN }, members: [series]))
            }
        }
        return groups
    }

    // MARK: The operator of one mask

    struct Operator: Sendable {
        /// P = (XᵀX)⁻¹Xᵀ, 2 × k column-major (k present years); empty when k < 2.
        var pseudoInverse: [Double]
        /// [(XᵀX)⁻¹]₁₁, the unscaled variance of the slope.
        var slopeVariance: Double
        var mask: [Int]
    }

    /// P for the design [1, t − t̄] restricted to the present years, column by column:
    /// P eᵢ is the least-squares solution for the i-th unit response.
    static func leastSquaresOperator(time: [Double], mask: [Int]) -> Operator {
        let k = mask.count
        guard k >= 2 else { return Operator(pseudoInverse: [], slopeVariance: .nan, mask: mask) }
        let design = Matrix(columns: [[Double](repeating: 1, count: k), mask.map { time[$0] }])
        guard let qr = try? PivotedQR(design), qr.rank == 2, let inverse = try? qr.inverseR() else {
            return Operator(pseudoInverse: [], slopeVariance: .nan, mask: mask)
        }
        var pseudoInverse = [Double](repeating: 0, count: 2 * k)
        for i in 0..<k {
            var e = [Double](repeating: 0, count: k)
            e[i] = 1
            try? qr.applyQTranspose(&e)
            var z = [e[0], e[1]]
            try? qr.solveR(&z)
            for position in 0..<2 {
                let column = qr.permutation[position]
                pseudoInverse[column + 2 * i] = z[position] * qr.scales[column]
            }
        }
        // [(XᵀX)⁻¹]₁₁ = s₁² Σⱼ (R⁻¹)[a, j]² over the pivoted position a of column 1.
        let a = qr.permutation[0] == 1 ? 0 : 1
        var sum = 0.0
        for j in a..<2 { sum += inverse[a + j * 2] * inverse[a + j * 2] }
        return Operator(pseudoInverse: pseudoInverse, slopeVariance: sum * qr.scales[1] * qr.scales[1], mask: mask)
    }

    // MARK: One chunk

    struct Scratch {
        var stacked: [Double] = []
        var coefficients: [Double] = []
    }

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

        init(count: Int) {
            func doubles() -> UnsafeMutableBufferPointer<Double> {
                let buffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: count)
                buffer.initialize(repeating: .nan)
                return buffer
            }
            intercepts = doubles()
            slopes = doubles()
            errors = doubles()
            deviations = doubles()
            counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: count)
            counts.initialize(repeating: 0)
        }

        func deallocate() {
            intercepts.deallocate()
            slopes.deallocate()
            errors.deallocate()
            deviations.deallocate()
            counts.deallocate()
        }
    }

    static func fitChunk(
        data: UnsafeBufferPointer<Double>, n: Int, members: ArraySlice<Int>, operator op: Operator, time: [Double],
        output: OutputBuffers, scratch: inout Scratch
    ) {
        let k = op.mask.count
        let count = members.count
        for series in members { output.counts[series] = k }
        guard k >= 2, !op.pseudoInverse.isEmpty else { return }
        let complete = k == n
        // Y: k × count column-major. Complete series that are contiguous need no copy.
        let first = members.first ?? 0
        let contiguous = complete && members.last == first + count - 1
        if !contiguous {
            if scratch.stacked.count < k * count { scratch.stacked = [Double](repeating: 0, count: k * count) }
            for (column, series) in members.enumerated() {
                let base = series * n
                for (row, year) in op.mask.enumerated() { scratch.stacked[row + column * k] = data[base + year] }
            }
        }
        if scratch.coefficients.count < 2 * count { scratch.coefficients = [Double](repeating: 0, count: 2 * count) }
        let base = data.baseAddress.map { $0 + first * n }
        scratch.stacked.withUnsafeBufferPointer { stacked in
            scratch.coefficients.withUnsafeMutableBufferPointer { coefficients in
                op.pseudoInverse.withUnsafeBufferPointer { p in
                    let y = contiguous ? base : stacked.baseAddress
                    cblas_dgemm(
                        CblasColMajor, CblasNoTrans, CblasNoTrans, 2, Int32(count), Int32(k), 1, p.baseAddress, 2, y,
                        Int32(k), 0, coefficients.baseAddress, 2)
                    // Residuals while the chunk is in cache.
                    let times = op.mask.map { time[$0] }
                    for (column, series) in members.enumerated() {
                        let a = coefficients[2 * column]
                        let b = coefficients[2 * column + 1]
                        var rss = 0.0
                        for row in 0..<k {
                            let value = contiguous ? data[series * n + op.mask[row]] : stacked[row + column * k]
                            let r = value - (a + b * times[row])
                            rss += r * r
                        }
                        output.intercepts[series] = a
                        output.slopes[series] = b
                        if k > 2 {
                            let variance = rss / Double(k - 2)
                            output.deviations[series] = variance.squareRoot()
                            output.errors[series] = (variance * op.slopeVariance).squareRoot()
                        }
                    }
                }
            }
        }
    }
}
