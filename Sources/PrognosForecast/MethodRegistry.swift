/// The forecasting methods by their codes, as `--methods` names them.
public enum MethodRegistry {
    public static let codes = [
        "naive", "drift", "linear_trend", "ses", "holt", "damped", "theta", "dotm", "comb", "mean", "median", "global",
        "auto",
    ]

    /// The members of the `mean` and `median` ensembles: `auto`'s candidates with the
    /// methods' own tolerances. Their damped trend has no limit on β beyond β < α, as
    /// `auto`'s: on the training parts of M3 yearly the limit 0.2 made `mean` forecast
    /// worse (18.87 against 18.81 sMAPE) and `median` hardly better (18.93 against 18.96;
    /// docs/forecasting-experiments.md), and on the four selection sets (docs/forecasting.md "Four
    /// selection sets") the `holt` and `damped` methods' limit (0.12) moved either by less
    /// than 0.5 % on average in sMAPE and MASE. Its φ is searched in [0.8, 0.995], as in
    /// `auto`: on the four sets `mean` scored 0.9979 and `median` 0.9982 of the [0.8, 0.98]
    /// box's sMAPE, below 1 with any one set left out.
    public static let ensembleMembers: [any Forecaster] = [
        ExponentialSmoothing(trend: .damped, slopeSmoothingLimit: 1, dampingBounds: 0.8...0.995), ThetaForecaster(),
        DynamicOptimizedTheta(), RandomWalk(drift: true),
    ]

    /// A method by its code, as it runs on a panel: `auto` learns across the panel's short
    /// series (``PanelAuto``), `global` is the global linear model with its pooled spread,
    /// every other method forecasts each series by itself (``SeriesByItself``).
    public static func panelMethod(_ code: String) -> (any PanelForecaster)? {
        switch code {
        case "auto": return PanelAuto()
        case "global": return PanelAuto.globalOnly
        default: return method(code).map { SeriesByItself($0) }
        }
    }

    /// A method by its code, as it forecasts one series by itself; nil for `global`, which
    /// needs a panel (``panelMethod(_:)``).
    public static func method(_ code: String) -> (any Forecaster)? {
        switch code {
        case "naive": return RandomWalk(drift: false)
        case "drift": return RandomWalk(drift: true)
        case "linear_trend": return TrendForecaster()
        case "ses": return ExponentialSmoothing(trend: .none)
        case "holt": return ExponentialSmoothing(trend: .additive)
        case "damped": return ExponentialSmoothing(trend: .damped)
        case "theta": return ThetaForecaster()
        case "dotm": return DynamicOptimizedTheta()
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
