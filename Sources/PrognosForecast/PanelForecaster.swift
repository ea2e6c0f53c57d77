import PrognosSupport

/// One series of a panel, as a method that learns across series sees it: its values
/// (yearly, oldest first, gaps closed up), the indicator it measures, the indicator's kind
/// and its bounds.
public struct PanelSeries: Sendable {
    public var values: [Double]
    /// The indicator: series of the same indicator in other entities pool first.
    public var indicator: String
    /// The indicator's kind (its unit: percent, index, count, FTE, money, …, or a pool the
    /// dataset names): indicators of one kind pool next, then the whole panel.
    public var kind: String
    public var lowerBound: Double?
    public var upperBound: Double?
    /// The indicator's unit code, which decides the forecasting scale (``Transform``); the
    /// kind unless the dataset names a pool.
    public var unit: String
    /// The positions in the same panel of the series of the other members of this series'
    /// comparison group ("liknande kommuner"), same indicator: the level its spread is
    /// shrunk from before the indicator's. Empty without groups.
    public var peers: [Int] = []

    public init(
        values: [Double], indicator: String, kind: String, lowerBound: Double? = nil, upperBound: Double? = nil,
        unit: String? = nil
    ) {
        self.values = values
        self.indicator = indicator
        self.kind = kind
        self.lowerBound = lowerBound
        self.upperBound = upperBound
        self.unit = unit ?? kind
    }
}

/// A forecasting method that sees every series of a panel at once, so that a short series
/// can borrow strength from the others: one forecast per series (nil where the method
/// cannot forecast it), in the panel's order. The forecasts are not yet censored at the
/// series' bounds; the caller does that.
public protocol PanelForecaster: Sendable {
    var name: String { get }
    func forecast(_ panel: [PanelSeries], horizon: Int, threads: Int) -> [Forecast?]
}

/// A one-series method applied to each series of a panel by itself.
public struct SeriesByItself: PanelForecaster {
    public var method: any Forecaster
    public var name: String { method.name }

    public init(_ method: any Forecaster) { self.method = method }

    public func forecast(_ panel: [PanelSeries], horizon: Int, threads: Int) -> [Forecast?] {
        let method = self.method
        let slots = WorkerSlots<Forecast>(count: panel.count)
        performAdaptively(count: panel.count, threads: threads) { index in
            let values = panel[index].values
            if values.count >= method.minimumLength, let forecast = method.forecast(values, horizon: horizon) {
                slots.store(index, forecast)
            }
        }
        return slots.all()
    }
}
