/// The range an indicator's values must lie in: both ends inclusive, either one absent
/// for an unbounded side. Two optionals, so checking millions of values against it copies
/// no more than that (an ``Indicator`` carries its titles too).
public struct ValueBounds: Sendable, Equatable {
    public var lower: Double?
    public var upper: Double?

    public init(lower: Double?, upper: Double?) {
        self.lower = lower
        self.upper = upper
    }

    /// Whether `value` lies within the bounds (inclusive); an unbounded side accepts anything.
    public func contains(_ value: Double) -> Bool {
        if let lower, value < lower { return false }
        if let upper, value > upper { return false }
        return true
    }
}
