extension DynamicOptimisedTheta: RollingOriginForecasting {
    /// Fits (ℓ₀, α, θ) to y₁…y_L; from each origin o the recursions of
    /// ``DynamicOptimisedTheta`` run over y₁…yₒ with those parameters and on into the
    /// forecasts (the long-term lines are the data's own at every origin).
    public func rollingOriginPoints(_ y: [Double], origins: Range<Int>, horizon: Int, fittedLength: Int) -> [[Double]]? {
        let n = y.count
        let first = origins.lowerBound
        guard first >= 1, origins.upperBound <= n, fittedLength <= n,
            let parameters = fitParameters(Array(y[0..<fittedLength]))
        else { return nil }
        return origins.map { origin in
            Self.forecasts(y, observed: origin, parameters, horizon: min(horizon, n - origin))
        }
    }
}
