/// A measured quantity: what is measured, in which unit, within which bounds, and
/// which direction is better. One row of `indicators.csv`.
public struct Indicator: Sendable, Equatable, Hashable, BilingualTitled {
    public var id: String
    public var titleSv: String
    public var titleEn: String
    public var unit: IndicatorUnit
    /// The smallest value the quantity can take (0 for a percentage), if bounded.
    public var lowerBound: Double?
    /// The largest value the quantity can take (100 for a percentage), if bounded.
    public var upperBound: Double?
    public var polarity: Polarity
    /// Where the numbers come from (survey, register, report).
    public var source: String
    /// The Kolada KPI id that measures the same quantity, if one exists (e.g. `N00090`).
    public var koladaKPI: String?
    /// The pool a dataset names for the indicator: indicators of one pool share a level of
    /// the short-series backtest (``PanelOutlooks``) in place of their unit. Nil: the unit.
    public var pool: String?

    public init(
        id: String, titleSv: String, titleEn: String, unit: IndicatorUnit,
        lowerBound: Double? = nil, upperBound: Double? = nil,
        polarity: Polarity, source: String = "", koladaKPI: String? = nil, pool: String? = nil
    ) {
        self.id = id
        self.titleSv = titleSv
        self.titleEn = titleEn
        self.unit = unit
        self.lowerBound = lowerBound
        self.upperBound = upperBound
        self.polarity = polarity
        self.source = source
        self.koladaKPI = koladaKPI
        self.pool = pool
    }

    /// The lower and upper bound together.
    public var bounds: ValueBounds { ValueBounds(lower: lowerBound, upper: upperBound) }

    /// Whether `value` lies within the indicator's bounds (inclusive); unbounded sides accept anything.
    public func contains(_ value: Double) -> Bool { bounds.contains(value) }
}
