/// Which direction of change is an improvement.
public enum Polarity: String, CaseIterable, Sendable, Codable {
    case higherIsBetter = "higher_is_better"
    case lowerIsBetter = "lower_is_better"
    /// A descriptive series with no desired direction (head counts, average age).
    case neutral

    /// Whether `value` is strictly better than `reference` under this polarity.
    ///
    /// A neutral series never improves or worsens: the result is `false`.
    public func isImprovement(_ value: Double, over reference: Double) -> Bool {
        switch self {
        case .higherIsBetter: return value > reference
        case .lowerIsBetter: return value < reference
        case .neutral: return false
        }
    }
}
