/// A combination of forecasting methods: the mean or the median of their point
/// forecasts, horizon by horizon (Comb S-H-D of the M3 competition is the mean of SES,
/// Holt and Damped).
///
/// The combined distribution is normal around the combined point with the mean of the
/// members' standard deviations, an upper bound on the spread of a mean of positively
/// correlated forecasts. (``AutoForecaster``, a weighted combination, takes its spread
/// from the combination's own rolling-origin errors instead.)
public struct Combination: Forecaster {
    public enum Rule: String, Sendable {
        case mean
        case median
    }

    public let name: String
    public let members: [any Forecaster]
    public let rule: Rule

    public init(name: String, members: [any Forecaster], rule: Rule) {
        self.name = name
        self.members = members
        self.rule = rule
    }

    public var minimumLength: Int { members.map(\.minimumLength).max() ?? 2 }

    public func forecast(_ y: [Double], horizon: Int) -> Forecast? {
        let forecasts = members.compactMap { $0.forecast(y, horizon: horizon) }
        guard !forecasts.isEmpty, forecasts.count == members.count else { return nil }
        let distributions = (0..<horizon).map { h -> PredictiveDistribution in
            let points = forecasts.map { $0.distributions[h].location }
            let scales = forecasts.map { $0.distributions[h].scale }
            return PredictiveDistribution(
                location: Self.combine(points, rule: rule), scale: scales.reduce(0, +) / Double(scales.count))
        }
        return Forecast(method: name, distributions: distributions, intervalSource: .crossValidation)
    }

    static func combine(_ values: [Double], rule: Rule) -> Double {
        switch rule {
        case .mean:
            return values.reduce(0, +) / Double(values.count)
        case .median:
            let sorted = values.sorted()
            let middle = sorted.count / 2
            return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        }
    }
}
