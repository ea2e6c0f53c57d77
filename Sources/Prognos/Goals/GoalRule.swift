/// How the statuses of a goal's indicators combine into the goal's assessment.
public enum GoalRule: String, CaseIterable, Sendable {
    /// The seed report's rule: every indicator met → fully met; at least one met or
    /// improving → partly met; otherwise not met. A goal with no indicator, or none
    /// that could be evaluated, is not evaluated. An indicator that cannot be evaluated
    /// keeps a goal from being fully met (the claim "all met" would be unproven).
    case report

    public func assess(_ statuses: [IndicatorStatus]) -> Assessment {
        switch self {
        case .report:
            if statuses.allSatisfy({ $0 == .notEvaluated }) { return .notEvaluated }
            if statuses.allSatisfy({ $0 == .met }) { return .fullyMet }
            if statuses.contains(where: { $0 == .met || $0 == .improving }) { return .partlyMet }
            return .notMet
        }
    }
}
