extension DynamicOptimizedTheta: RollingOriginForecasting {
    /// Fits (ℓ₀, α, θ) to y₁…y_L; from each origin o the recursions of
    /// ``DynamicOptimizedTheta`` run over y₁…yₒ with those parameters and on into the
    /// forecasts (the long-term lines are the data's own at every origin), in one pass
    /// over y that branches at each origin.
    public func appendRollingOriginPoints(
        _ y: [Double], origins: Range<Int>, horizon: Int, fittedLength: Int, to points: inout [Double]
    ) -> Bool {
        let n = y.count
        let first = origins.lowerBound
        guard first >= 1, origins.upperBound <= n, fittedLength <= n,
            let parameters = fitParameters(Array(y[0..<fittedLength]))
        else { return false }
        Self.appendRollingForecasts(y, origins: origins, parameters, horizon: horizon, to: &points)
        return true
    }
}
