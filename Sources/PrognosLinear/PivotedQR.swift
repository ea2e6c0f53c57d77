import CLAPACK

/// The Householder QR factorisation with column pivoting of a column-scaled design,
/// X S P = Q R (LAPACK `dgeqp3`).
///
/// - S scales each column by a power of two close to the reciprocal of its 2-norm, so
///   columns of very different magnitude (x⁰ … x¹⁰) are balanced, and X S is exact
///   in floating point (only exponents change).
/// - P orders columns so that |R₀₀| ≥ |R₁₁| ≥ …; the numerical rank is the number of
///   diagonal entries with |Rₖₖ| > ε · max(n, p) · |R₀₀| (LAPACK's rank tolerance).
///   Columns past the rank are the ones collinear with those before them.
///
/// The factorisation keeps the scaled design, so least-squares refinement can form
/// exact residuals against it (see ``LeastSquaresSolution``).
public struct PivotedQR: Sendable {
    public let rows: Int
    public let columns: Int
    /// X S, column-major.
    public let scaledDesign: [Double]
    /// The power-of-two scale of each original column.
    public let scales: [Double]
    /// `permutation[k]` is the original column at pivoted position k.
    public let permutation: [Int]
    /// The numerical rank.
    public let rank: Int
    /// `dgeqp3`'s output: R in the upper triangle, Householder vectors below it.
    let factors: [Double]
    let tau: [Double]

    public init(_ design: Matrix) throws(LinearAlgebraError) {
        let n = design.rows
        let p = design.columns
        guard n >= p, p > 0 else { throw .tooFewObservations(observations: n, parameters: p) }
        guard design.storage.allSatisfy(\.isFinite) else { throw .nonFinite }
        var scales = [Double](repeating: 1, count: p)
        var scaled = design.storage
        for j in 0..<p {
            let norm = CompensatedArithmetic.sumOfSquares(design.column(j)).squareRoot()
            if norm > 0 {
                let exponent = -norm.exponent
                scales[j] = Double(sign: .plus, exponent: exponent, significand: 1)
                for i in 0..<n { scaled[i + j * n] *= scales[j] }
            }
        }
        var factors = scaled
        var pivots = [Int32](repeating: 0, count: p)
        var tau = [Double](repeating: 0, count: p)
        let info = LAPACKE_dgeqp3(LAPACK_COL_MAJOR, Int32(n), Int32(p), &factors, Int32(n), &pivots, &tau)
        guard info == 0 else { throw .lapack(routine: "dgeqp3", info: Int(info)) }
        let permutation = pivots.map { Int($0) - 1 }
        let largest = abs(factors[0])
        let tolerance = Double.ulpOfOne * Double(max(n, p)) * largest
        var rank = 0
        while rank < p && abs(factors[rank + rank * n]) > tolerance { rank += 1 }

        self.rows = n
        self.columns = p
        self.scaledDesign = scaled
        self.scales = scales
        self.permutation = permutation
        self.rank = rank
        self.factors = factors
        self.tau = tau
    }

    /// The original columns that are collinear with the others (those pivoted past the rank), sorted.
    public var collinearColumns: [Int] {
        permutation[rank...].sorted()
    }

    /// Rₖₖ, the diagonal of R.
    public var diagonal: [Double] {
        (0..<columns).map { factors[$0 + $0 * rows] }
    }

    /// v ← Qᵀ v (v has `rows` entries).
    func applyQTranspose(_ v: inout [Double]) throws(LinearAlgebraError) {
        try applyQ(&v, transpose: true)
    }

    /// v ← Q v (v has `rows` entries).
    func applyQ(_ v: inout [Double]) throws(LinearAlgebraError) {
        try applyQ(&v, transpose: false)
    }

    private func applyQ(_ v: inout [Double], transpose: Bool) throws(LinearAlgebraError) {
        var a = factors
        var t = tau
        let info = LAPACKE_dormqr(
            LAPACK_COL_MAJOR, Int8(UInt8(ascii: "L")), Int8(UInt8(ascii: transpose ? "T" : "N")),
            Int32(rows), 1, Int32(columns), &a, Int32(rows), &t, &v, Int32(rows))
        guard info == 0 else { throw .lapack(routine: "dormqr", info: Int(info)) }
    }

    /// M ← Qᵀ M for a `rows × count` column-major block of right-hand sides.
    func applyQTranspose(block: inout [Double], count: Int) throws(LinearAlgebraError) {
        var a = factors
        var t = tau
        let info = LAPACKE_dormqr(
            LAPACK_COL_MAJOR, Int8(UInt8(ascii: "L")), Int8(UInt8(ascii: "T")), Int32(rows), Int32(count),
            Int32(columns), &a, Int32(rows), &t, &block, Int32(rows))
        guard info == 0 else { throw .lapack(routine: "dormqr", info: Int(info)) }
    }

    /// Solves R X = B in place for a block of `count` right-hand sides whose leading
    /// `columns` rows (of `leadingDimension`) hold B.
    func solveR(block: inout [Double], count: Int, leadingDimension: Int) throws(LinearAlgebraError) {
        var a = factors
        let info = LAPACKE_dtrtrs(
            LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), Int8(UInt8(ascii: "N")), Int8(UInt8(ascii: "N")),
            Int32(columns), Int32(count), &a, Int32(rows), &block, Int32(leadingDimension))
        guard info == 0 else { throw .lapack(routine: "dtrtrs", info: Int(info)) }
    }

    /// Solves R x = b (or Rᵀ x = b) in place for the leading `columns` entries of `b`.
    func solveR(_ b: inout [Double], transpose: Bool = false) throws(LinearAlgebraError) {
        var a = factors
        let info = LAPACKE_dtrtrs(
            LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), Int8(UInt8(ascii: transpose ? "T" : "N")),
            Int8(UInt8(ascii: "N")), Int32(columns), 1, &a, Int32(rows), &b, Int32(max(b.count, 1)))
        guard info == 0 else { throw .lapack(routine: "dtrtrs", info: Int(info)) }
    }

    /// R⁻¹ as a `columns × columns` column-major upper-triangular matrix (LAPACK `dtrtri`).
    func inverseR() throws(LinearAlgebraError) -> [Double] {
        let p = columns
        var r = [Double](repeating: 0, count: p * p)
        for j in 0..<p {
            for i in 0...j { r[i + j * p] = factors[i + j * rows] }
        }
        let info = LAPACKE_dtrtri(
            LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), Int8(UInt8(ascii: "N")), Int32(p), &r, Int32(p))
        guard info == 0 else { throw .lapack(routine: "dtrtri", info: Int(info)) }
        return r
    }
}
