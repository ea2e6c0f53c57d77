/// How the statuses of a goal's indicators combine into the goal's assessment. A dataset
/// chooses its rule in `datapackage.json` (`"prognos": {"goal_rule": "share"}`); the
/// default is the report's.
public enum GoalRule: String, CaseIterable, Sendable {
    /// The seed report's rule: every indicator met → fully met; at least one met or
    /// improving → partly met; otherwise not met. A goal with no indicator, or none
    /// that could be evaluated, is not evaluated. An indicator that cannot be evaluated
    /// keeps a goal from being fully met (the claim "all met" would be unproven).
    case report
    /// The report's rule with its legend's fourth level: every indicator met → fully
    /// met; at least two thirds met → largely met (I hög grad uppfyllt); at least one
    /// met or improving → partly met; otherwise not met.
    case share

    public func assess(_ statuses: [IndicatorStatus]) -> Assessment {
        switch self {
        case .share:
            if statuses.allSatisfy({ $0 == .notEvaluated }) { return .notEvaluated }
            if statuses.allSatisfy({ $0 == .met }) { return .fullyMet }
            let met = statuses.filter { $0 == .met }.count
            if 3 * met >= 2 * statuses.count { return .largelyMet }
            if statuses.contains(where: { $0 == .met || $0 == .improving }) { return .partlyMet }
            return .notMet
        case .report:
            if statuses.allSatisfy({ $0 == .notEvaluated }) { return .notEvaluated }
            if statuses.allSatisfy({ $0 == .met }) { return .fullyMet }
            if statuses.contains(where: { $0 == .met || $0 == .improving }) { return .partlyMet }
            return .notMet
        }
    }
}
