/// The random walk: Naive (the last value) and Drift (the last value plus the mean
/// change per step), as forecast::rwf defines them.
///
/// - Naive: ŷₙ₊ₕ = yₙ; σ² = Σ (Δyₜ)² / (n − 1); vₕ = h σ².
/// - Drift: b = (yₙ − y₁)/(n − 1); ŷₙ₊ₕ = yₙ + h b; σ² = Σ (Δyₜ − b)² / (n − 2);
///   vₕ = h σ² (1 + h/(n − 1)), the drift's own uncertainty included.
/// Intervals are normal.
public struct RandomWalk: Forecaster {
    public let drift: Bool
    public var name: String { drift ? "drift" : "naive" }
    public var minimumLength: Int { drift ? 3 : 2 }

    public init(drift: Bool) {
        self.drift = drift
    }

    public func forecast(_ y: [Double], horizon: Int) -> Forecast? {
        let n = y.count
        guard n >= minimumLength, let last = y.last else { return nil }
        let slope = drift ? (last - y[0]) / Double(n - 1) : 0
        var sum = 0.0
        for t in 1..<n {
            let d = y[t] - y[t - 1] - slope
            sum += d * d
        }
        let variance = sum / Double(n - (drift ? 2 : 1))
        var distributions: [PredictiveDistribution] = []
        distributions.reserveCapacity(max(0, horizon))
        for h in 1..<max(1, horizon + 1) {
            let hh = Double(h)
            let v = drift ? hh * variance * (1 + hh / Double(n - 1)) : hh * variance
            distributions.append(PredictiveDistribution(location: last + hh * slope, scale: v.squareRoot()))
        }
        return Forecast(method: name, distributions: distributions, intervalSource: .analytic)
    }
}
