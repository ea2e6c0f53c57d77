/// The OLS straight line through the whole series, extrapolated (``RegressionFit`` on
/// the centred time), with its exact prediction intervals: Student t on n − 2 degrees of
/// freedom with standard error σ̂ √(1 + x₀ᵀ(XᵀX)⁻¹x₀).
public struct TrendForecaster: Forecaster {
    public var name: String { "linear_trend" }
    public var minimumLength: Int { 3 }

    public init() {}

    public func forecast(_ y: [Double], horizon: Int) -> Forecast? {
        let n = y.count
        guard n >= minimumLength else { return nil }
        let centre = Double(n + 1) / 2
        let design = Matrix(columns: [[Double](repeating: 1, count: n), (1...n).map { Double($0) - centre }])
        guard let fit = try? RegressionFit(design: design, response: y, hasIntercept: true) else { return nil }
        var distributions: [PredictiveDistribution] = []
        for h in 1...max(1, horizon) {
            guard let interval = try? fit.predictionInterval(at: [1, Double(n + h) - centre], level: 0.5) else { return nil }
            distributions.append(
                PredictiveDistribution(
                    location: interval.estimate, scale: interval.standardError,
                    shape: .studentT(degreesOfFreedom: Double(n - 2))))
        }
        return Forecast(method: name, distributions: Array(distributions.prefix(horizon)), intervalSource: .analytic)
    }
}
