import Foundation

extension ThetaForecaster: RollingOriginForecasting {
    /// Fits SES (α, ℓ₀) to y₁…y_L and runs its level ℓₜ = ℓₜ₋₁ + α (yₜ − ℓₜ₋₁) from the
    /// start; at each origin o the drift is half the OLS slope bₒ of y₁…yₒ (from running
    /// sums) and ŷₒ₊ₕ = ℓₒ + (bₒ/2)[(h − 1) + (1 − (1 − α)ᵒ)/α].
    public func appendRollingOriginPoints(
        _ y: [Double], origins: Range<Int>, horizon: Int, fittedLength: Int, to points: inout [Double]
    ) -> Bool {
        let n = y.count
        guard origins.lowerBound >= 2, origins.upperBound <= n, fittedLength <= n,
            let ses = ExponentialSmoothing(trend: .none).fit(Array(y[0..<fittedLength]))
        else { return false }
        let alpha = max(1e-10, ses.alpha)
        let weight = slopeWeight
        var level = ses.initialLevel
        // Running sums for the OLS slope of y on t = 0…o−1, about y₁ (the slope is unchanged).
        let shift = y[0]
        var sumY = 0.0
        var sumTY = 0.0
        for t in 0..<origins.upperBound {
            if t >= origins.lowerBound {
                let m = Double(t)
                // Σ (t − t̄)² = m (m² − 1)/12 for t = 0…m−1, t̄ = (m − 1)/2.
                let slope = (sumTY - (m - 1) / 2 * sumY) / (m * (m * m - 1) / 12)
                let offset = (1 - Foundation.pow(1 - alpha, m)) / alpha
                let steps = min(horizon, n - t)
                for h in 0..<steps { points.append(level + slope * weight * (Double(h) + offset)) }
                points.append(contentsOf: repeatElement(.nan, count: horizon - steps))
            }
            let value = y[t]
            level += alpha * (value - level)
            sumY += value - shift
            sumTY += Double(t) * (value - shift)
        }
        return true
    }
}
