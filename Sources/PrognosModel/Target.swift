/// How an outcome is compared with its target.
public enum TargetComparator: String, CaseIterable, Sendable, Codable {
    /// The target is met when the outcome is at least the target value.
    case atLeast = ">="
    /// The target is met when the outcome is at most the target value.
    case atMost = "<="

    /// Whether `outcome` meets `target`. Equality meets the target either way.
    public func isMet(outcome: Double, target: Double) -> Bool {
        switch self {
        case .atLeast: return outcome >= target
        case .atMost: return outcome <= target
        }
    }
}

/// A target value for one indicator of one entity in one year, under a goal.
/// One row of `targets.csv`.
public struct Target: Sendable, Equatable, Hashable {
    public var entityID: String
    public var indicatorID: String
    /// The goal the target follows up; empty for a target outside any goal.
    public var goalID: String
    public var year: Int
    public var value: Double
    public var comparator: TargetComparator

    public init(
        entityID: String, indicatorID: String, goalID: String, year: Int, value: Double,
        comparator: TargetComparator
    ) {
        self.entityID = entityID
        self.indicatorID = indicatorID
        self.goalID = goalID
        self.year = year
        self.value = value
        self.comparator = comparator
    }
}
