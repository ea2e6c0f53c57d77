import PrognosModel

extension GoalRule {
    /// The goal's assessment from its indicators' statuses, by the rule.
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
