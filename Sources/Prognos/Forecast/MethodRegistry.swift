/// The forecasting methods by their codes, as `--methods` names them.
public enum MethodRegistry {
    public static let codes = [
        "naive", "drift", "linear_trend", "ses", "holt", "damped", "theta", "dotm", "comb", "mean", "median", "auto",
    ]

    /// The members of the `mean` and `median` ensembles.
    public static let ensembleMembers: [any Forecaster] = [
        ExponentialSmoothing(trend: .damped), ThetaForecaster(), DynamicOptimisedTheta(), RandomWalk(drift: true),
    ]

    public static func method(_ code: String) -> (any Forecaster)? {
        switch code {
        case "naive": return RandomWalk(drift: false)
        case "drift": return RandomWalk(drift: true)
        case "linear_trend": return TrendForecaster()
        case "ses": return ExponentialSmoothing(trend: .none)
        case "holt": return ExponentialSmoothing(trend: .additive)
        case "damped": return ExponentialSmoothing(trend: .damped)
        case "theta": return ThetaForecaster()
        case "dotm": return DynamicOptimisedTheta()
        case "comb":
            return Combination(
                name: "comb",
                members: [
                    ExponentialSmoothing(trend: .none), ExponentialSmoothing(trend: .additive),
                    ExponentialSmoothing(trend: .damped),
                ], rule: .mean)
        case "mean": return Combination(name: "mean", members: ensembleMembers, rule: .mean)
        case "median": return Combination(name: "median", members: ensembleMembers, rule: .median)
        case "auto": return AutoForecaster()
        default: return nil
        }
    }
}
