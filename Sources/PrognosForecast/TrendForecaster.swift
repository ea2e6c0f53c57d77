import PrognosLinear

/// The OLS straight line through the whole series, extrapolated, with its exact
/// prediction intervals: Student t on n − 2 degrees of freedom.
///
/// On the centred time xᵢ = i − (n + 1)/2 (i = 1…n) the design [1, x] has orthogonal
/// columns — Σ xᵢ = 0 exactly, since every xᵢ is an integer or a half-integer — so the
/// least-squares solution needs no factorisation:
///
///     a = ȳ,   b = Σ xᵢ yᵢ / Sxx,   Sxx = Σ xᵢ² = n (n² − 1) / 12,
///     σ̂² = Σ (yᵢ − a − b xᵢ)² / (n − 2),
///     ŷ(x₀) = a + b x₀,   se(x₀) = σ̂ √(1 + 1/n + x₀² / Sxx)
///
/// (the same values as ``RegressionFit`` on this design; the sums are compensated, so
/// each is correctly rounded up to a few ulps). Non-finite values give no forecast.
public struct TrendForecaster: Forecaster {
    public var name: String { "linear_trend" }
    public var minimumLength: Int { 3 }

    public init() {}

    /// The OLS slope b = Σ xᵢ yᵢ / Sxx of y on the centred time (n ≥ 2), with Σ xᵢ yᵢ summed
    /// in twice the working precision.
    static func slope(_ y: [Double]) -> Double {
        let count = Double(y.count)
        let centre = (count + 1) / 2
        var sum = 0.0
        var error = 0.0
        for i in 0..<y.count {
            let (product, productError) = CompensatedArithmetic.twoProduct(Double(i + 1) - centre, y[i])
            let (total, totalError) = CompensatedArithmetic.twoSum(sum, product)
            sum = total
            error += totalError + productError
        }
        return (sum + error) / (count * (count * count - 1) / 12)
    }

    public func forecast(_ y: [Double], horizon: Int) -> Forecast? {
        let n = y.count
        guard n >= minimumLength, y.allSatisfy(\.isFinite) else { return nil }
        let count = Double(n)
        let centre = (count + 1) / 2
        let sxx = count * (count * count - 1) / 12
        let mean = CompensatedArithmetic.sum2(y) / count
        let slope = Self.slope(y)
        // Σ rᵢ² in twice the working precision.
        var squares = 0.0
        var squaresError = 0.0
        for i in 0..<n {
            let residual = y[i] - (mean + slope * (Double(i + 1) - centre))
            let (product, productError) = CompensatedArithmetic.twoProduct(residual, residual)
            let (total, totalError) = CompensatedArithmetic.twoSum(squares, product)
            squares = total
            squaresError += totalError + productError
        }
        let variance = (squares + squaresError) / (count - 2)
        var distributions: [PredictiveDistribution] = []
        distributions.reserveCapacity(horizon)
        for h in 1...max(1, horizon) {
            let x0 = count + Double(h) - centre
            let standardError = (variance * (1 + 1 / count + x0 * x0 / sxx)).squareRoot()
            distributions.append(
                PredictiveDistribution(
                    location: mean + slope * x0, scale: standardError, shape: .studentT(degreesOfFreedom: count - 2)))
        }
        return Forecast(method: name, distributions: Array(distributions.prefix(horizon)), intervalSource: .analytic)
    }
}
