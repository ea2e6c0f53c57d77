extension DynamicOptimisedTheta: RollingOriginForecasting {
    /// Fits (ℓ₀, α, θ) to y₁…y_L; from each origin o the recursions of
    /// ``DynamicOptimisedTheta`` run over y₁…yₒ with those parameters and on into the
    /// forecasts (the long-term lines are the data's own at every origin).
    public func appendRollingOriginPoints(
        _ y: [Double], origins: Range<Int>, horizon: Int, fittedLength: Int, to points: inout [Double]
    ) -> Bool {
        let n = y.count
        let first = origins.lowerBound
        guard first >= 1, origins.upperBound <= n, fittedLength <= n,
            let parameters = fitParameters(Array(y[0..<fittedLength]))
        else { return false }
        for origin in origins {
            let steps = min(horizon, n - origin)
            Self.appendForecasts(y, observed: origin, parameters, horizon: steps, to: &points)
            points.append(contentsOf: repeatElement(.nan, count: horizon - steps))
        }
        return true
    }
}
