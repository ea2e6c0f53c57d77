extension ExponentialSmoothing: RollingOriginForecasting {
    /// Fits (α, β, φ, ℓ₀, b₀) to y₁…y_L, runs the model's recursions
    /// (``ExponentialSmoothing``) from the start, and at each origin o forecasts
    /// ŷₒ₊ₕ = ℓₒ + (φ + … + φʰ) bₒ.
    public func appendRollingOriginPoints(
        _ y: [Double], origins: Range<Int>, horizon: Int, fittedLength: Int, to points: inout [Double]
    ) -> Bool {
        let n = y.count
        guard origins.lowerBound >= 1, origins.upperBound <= n, fittedLength <= n,
            let fit = fit(Array(y[0..<fittedLength]))
        else { return false }
        var level = fit.initialLevel
        var slope = fit.initialSlope
        for t in 0..<origins.upperBound {
            if t >= origins.lowerBound {
                let steps = min(horizon, n - t)
                var dampedSum = 0.0
                var phiPower = 1.0
                for _ in 0..<steps {
                    phiPower *= fit.phi
                    dampedSum += phiPower
                    points.append(level + dampedSum * slope)
                }
                points.append(contentsOf: repeatElement(.nan, count: horizon - steps))
            }
            let error = y[t] - (level + fit.phi * slope)
            level = level + fit.phi * slope + fit.alpha * error
            slope = fit.phi * slope + fit.beta * error
        }
        return true
    }
}
