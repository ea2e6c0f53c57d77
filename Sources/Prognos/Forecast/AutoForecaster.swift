/// `auto`: the default method. Placeholder body replaced below.
public struct AutoForecaster: Forecaster {
    public var name: String { "auto" }
    public var minimumLength: Int { 2 }
    public init() {}
    public func forecast(_ y: [Double], horizon: Int) -> Forecast? {
        MethodRegistry.method("median")?.forecast(y, horizon: horizon)
    }
}
