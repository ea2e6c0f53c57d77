/// How the statuses of a goal's indicators combine into the goal's assessment. A dataset
/// chooses its rule in `datapackage.json` (`"prognos": {"goal_rule": "share"}`); the
/// default is the report's. The rule is a property of the dataset; how it assesses
/// indicator statuses is ``assess(_:)`` (Goals).
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
}
