/// The least-squares solution β = argmin ‖y − Xβ‖₂ of a full-rank design, refined
/// until it is as accurate as the float64 data allow.
///
/// Method: Householder QR with column scaling and pivoting (``PivotedQR``), then
/// Björck's iterative refinement of the augmented system
///
///     [ I   X ] [ r ]   [ y ]
///     [ Xᵀ  0 ] [ β ] = [ 0 ]
///
/// (Å. Björck, "Iterative refinement of linear least squares solutions I", BIT 7, 1967):
/// each step computes f = y − r − Xβ and g = −Xᵀr with compensated dot products
/// (twice the working precision), then solves for the corrections with the same QR:
/// h = R⁻ᵀ g, d = Qᵀ f, δβ = R⁻¹(d₁ − h), δr = Q [h; d₂]. Refining r together with β is
/// what makes this work for large-residual problems, where refining β alone stalls at
/// κ²ε. Iteration stops when the correction no longer shrinks or after 10 steps.
///
/// No normal equations are formed anywhere.
///
/// Edge cases: n < p throws ``LinearAlgebraError/tooFewObservations(observations:parameters:)``;
/// a rank-deficient design throws ``LinearAlgebraError/rankDeficient(rank:columns:)``
/// naming the collinear columns; NaN or infinite input throws ``LinearAlgebraError/nonFinite``.
public struct LeastSquaresSolution: Sendable {
    public let coefficients: [Double]
    /// r = y − Xβ, refined together with β.
    public let residuals: [Double]
    public let qr: PivotedQR
    /// Refinement steps taken.
    public let refinementSteps: Int

    public init(design: Matrix, response: [Double], maximumRefinementSteps: Int = 10) throws(LinearAlgebraError) {
        guard response.count == design.rows else {
            throw .tooFewObservations(observations: response.count, parameters: design.columns)
        }
        guard response.allSatisfy(\.isFinite) else { throw .nonFinite }
        let qr = try PivotedQR(design)
        guard qr.rank == qr.columns else { throw .rankDeficient(rank: qr.rank, columns: qr.collinearColumns) }
        let n = qr.rows
        let p = qr.columns

        // Initial solution in pivoted, scaled coordinates z (β = S P z).
        var d = response
        try qr.applyQTranspose(&d)
        var z = Array(d[0..<p])
        try qr.solveR(&z)
        var residual = [Double](repeating: 0, count: n)
        for i in p..<n { residual[i] = d[i] }
        try qr.applyQ(&residual)

        var steps = 0
        var previousCorrection = Double.infinity
        while steps < maximumRefinementSteps {
            let (f, g) = Self.augmentedResiduals(qr: qr, response: response, z: z, r: residual)
            var h = g
            try qr.solveR(&h, transpose: true)
            var fd = f
            try qr.applyQTranspose(&fd)
            var dz = (0..<p).map { fd[$0] - h[$0] }
            try qr.solveR(&dz)
            var dr = [Double](repeating: 0, count: n)
            for k in 0..<p { dr[k] = h[k] }
            for i in p..<n { dr[i] = fd[i] }
            try qr.applyQ(&dr)

            let correction = Self.relativeSize(dz, of: z)
            if !(correction < previousCorrection) { break }
            for k in 0..<p { z[k] += dz[k] }
            for i in 0..<n { residual[i] += dr[i] }
            steps += 1
            previousCorrection = correction
            if correction <= Double.ulpOfOne { break }
        }

        var coefficients = [Double](repeating: 0, count: p)
        for k in 0..<p {
            let column = qr.permutation[k]
            coefficients[column] = z[k] * qr.scales[column]
        }
        self.coefficients = coefficients
        self.residuals = residual
        self.qr = qr
        self.refinementSteps = steps
    }

    /// f = y − r − X̃z and g = −X̃ᵀr (X̃ the scaled, pivoted design; g in pivoted order),
    /// every entry a compensated dot product.
    static func augmentedResiduals(qr: PivotedQR, response: [Double], z: [Double], r: [Double]) -> (
        f: [Double], g: [Double]
    ) {
        let n = qr.rows
        let p = qr.columns
        var f = [Double](repeating: 0, count: n)
        var g = [Double](repeating: 0, count: p)
        var rowValues = [Double](repeating: 0, count: p + 1)
        var rowWeights = [Double](repeating: 0, count: p + 1)
        qr.scaledDesign.withUnsafeBufferPointer { design in
            for i in 0..<n {
                for k in 0..<p {
                    rowValues[k] = design[i + qr.permutation[k] * n]
                    rowWeights[k] = -z[k]
                }
                rowValues[p] = r[i]
                rowWeights[p] = -1
                f[i] = rowValues.withUnsafeBufferPointer { values in
                    rowWeights.withUnsafeBufferPointer { weights in
                        CompensatedArithmetic.dot2(values, weights, plus: [response[i]])
                    }
                }
            }
            r.withUnsafeBufferPointer { residual in
                for k in 0..<p {
                    let start = qr.permutation[k] * n
                    let column = UnsafeBufferPointer(rebasing: design[start..<(start + n)])
                    g[k] = -CompensatedArithmetic.dot2(column, residual)
                }
            }
        }
        return (f, g)
    }

    static func relativeSize(_ delta: [Double], of value: [Double]) -> Double {
        var largestDelta = 0.0
        var largestValue = 0.0
        for (d, v) in zip(delta, value) {
            largestDelta = max(largestDelta, abs(d))
            largestValue = max(largestValue, abs(v))
        }
        return largestValue > 0 ? largestDelta / largestValue : largestDelta
    }
}
