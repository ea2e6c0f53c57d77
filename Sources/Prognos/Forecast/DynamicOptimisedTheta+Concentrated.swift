extension DynamicOptimisedTheta {
    /// The box that ℓ₀ and the theta-line weight w = 1 − 1/θ live in: ℓ₀ within ten
    /// ranges of the series around y₁/2, w ∈ [0, 1 − 10⁻⁴] (θ ∈ [1, 10⁴]).
    struct Box {
        var levelLower: Double
        var levelUpper: Double
        var weightLower = 0.0
        var weightUpper = 1 - 1e-4

        func clampLevel(_ x: Double) -> Double { min(max(x, levelLower), levelUpper) }
        func clampWeight(_ x: Double) -> Double { min(max(x, weightLower), weightUpper) }
    }

    /// For a given α, the (ℓ₀, w = 1 − 1/θ) that minimise the sum of squared errors
    /// Σₜ₌₃ⁿ (yₜ − μₜ)², and that sum.
    ///
    /// For fixed α the one-step forecast is affine in ℓ₀ and w:
    ///
    ///     μₜ = pₜ₋₁ + (1 − α)ᵗ⁻¹ ℓ₀ + w Lₜ,   Lₜ = Aₜ₋₁ (1 − α)ᵗ⁻¹ + Bₜ₋₁ (1 − (1 − α)ᵗ)/α,
    ///
    /// with pₜ the level started from ℓ₀ = 0 (1-based t as in ``DynamicOptimisedTheta``;
    /// the lines Aₜ, Bₜ depend on y alone). So the sum of squares is a convex quadratic
    /// in (ℓ₀, w), minimised exactly over ``Box``: the unconstrained least-squares
    /// solution (Cholesky of the 2 × 2 Gram matrix) when it lies in the box, else the
    /// best of the four edges' one-dimensional minimisers, each clamped to its edge —
    /// where a convex quadratic's minimum over a rectangle must lie when it is not inside.
    /// The returned sum is summed from the residuals themselves. This leaves a
    /// one-parameter search over α (``fitParameters(_:)``) in place of the three-parameter
    /// one of the authors' R package, and finds (ℓ₀, θ) globally for every α.
    static func concentrated(
        _ y: UnsafeBufferPointer<Double>, lines: (a: UnsafeBufferPointer<Double>, b: UnsafeBufferPointer<Double>),
        alpha: Double, box: Box
    ) -> (sse: Double, level0: Double, weight: Double) {
        let n = y.count
        guard n >= 4 else { return (.infinity, 0, 0) }
        let rows = n - 2
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: 3 * rows) { storage in
            let target = UnsafeMutableBufferPointer(rebasing: storage[0..<rows])
            let levelColumn = UnsafeMutableBufferPointer(rebasing: storage[rows..<(2 * rows)])
            let lineColumn = UnsafeMutableBufferPointer(rebasing: storage[(2 * rows)..<(3 * rows)])
            let keep = 1 - alpha
            let inverseAlpha = 1 / alpha
            var level = alpha * y[0]  // the level after y₁ with ℓ₀ = 0
            var decay = keep  // (1 − α)ⁱ, also the level's response to ℓ₀
            var qq = 0.0, ql = 0.0, ll = 0.0, qe = 0.0, le = 0.0
            for i in 1..<n {
                let line = lines.a[i] * decay + lines.b[i] * (1 - decay * keep) * inverseAlpha
                if i >= 2 {
                    let e = y[i] - level
                    let row = i - 2
                    target[row] = e
                    levelColumn[row] = decay
                    lineColumn[row] = line
                    qq += decay * decay
                    ql += decay * line
                    ll += line * line
                    qe += decay * e
                    le += line * e
                }
                level = alpha * y[i] + keep * level
                decay *= keep
            }
            // The quadratic part of the sum of squares at (ℓ₀, w), up to the constant Σ e².
            func quadratic(_ l: Double, _ w: Double) -> Double {
                l * l * qq + 2 * l * w * ql + w * w * ll - 2 * l * qe - 2 * w * le
            }
            var best: (level: Double, weight: Double)? = nil
            if qq > 0, ll > 0 {
                let schur = ll - ql * ql / qq
                if schur > 1e-10 * ll {
                    let w = (le - ql / qq * qe) / schur
                    let l = (qe - ql * w) / qq
                    if w >= box.weightLower, w <= box.weightUpper, l >= box.levelLower, l <= box.levelUpper {
                        best = (l, w)
                    }
                }
            }
            if best == nil {
                var bestValue = Double.infinity
                func consider(_ l: Double, _ w: Double) {
                    let value = quadratic(l, w)
                    if best == nil || value < bestValue {
                        bestValue = value
                        best = (l, w)
                    }
                }
                for w in [box.weightLower, box.weightUpper] {
                    consider(qq > 0 ? box.clampLevel((qe - ql * w) / qq) : box.clampLevel(0), w)
                }
                for l in [box.levelLower, box.levelUpper] {
                    consider(l, ll > 0 ? box.clampWeight((le - ql * l) / ll) : box.weightLower)
                }
            }
            let (l, w) = best ?? (box.clampLevel(0), box.weightLower)
            var sse = 0.0
            for row in 0..<rows {
                let r = target[row] - l * levelColumn[row] - w * lineColumn[row]
                sse += r * r
            }
            return (sse, l, w)
        }
    }
}
