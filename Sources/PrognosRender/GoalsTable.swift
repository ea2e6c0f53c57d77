import PrognosAnalysis
import PrognosSupport

/// `goals.csv`: one row per goal with the computed and the reported assessment.
///
/// `p_fully_met` and `p_at_least_partly_met` come from ``GoalEvaluation``'s simulation.
public enum GoalsTable {
    public static let columns = [
        "goal_id", "assessment", "reported_assessment", "n_indicators", "n_met", "p_fully_met",
        "p_at_least_partly_met",
        // Additions beyond the contract:
        "parent_goal", "year", "signal", "n_improving", "n_not_met", "n_not_evaluated", "matches_reported",
    ]

    public static func csv(_ analysis: RunAnalysis) -> String {
        var writer = CSVWriter(header: columns)
        for evaluation in analysis.goals {
            let row = self.row(evaluation)
            writer.appendRow(columns.map { row[$0] ?? "" })
        }
        return writer.text
    }

    static func row(_ evaluation: GoalEvaluation) -> [String: String] {
        let reported = evaluation.goal.reportedAssessment
        return [
            "goal_id": evaluation.goal.id,
            "assessment": evaluation.assessment.rawValue,
            "reported_assessment": reported?.rawValue ?? "",
            "n_indicators": String(evaluation.evaluations.count),
            "n_met": String(evaluation.metCount),
            "p_fully_met": NumberFormatting.plain(evaluation.probabilityFullyMet),
            "p_at_least_partly_met": NumberFormatting.plain(evaluation.probabilityAtLeastPartlyMet),
            "parent_goal": evaluation.goal.parentGoal ?? "",
            "year": evaluation.year.map(String.init) ?? "",
            "signal": evaluation.assessment.signal.rawValue,
            "n_improving": String(evaluation.count(.improving)),
            "n_not_met": String(evaluation.count(.notMet)),
            "n_not_evaluated": String(evaluation.count(.notEvaluated)),
            "matches_reported": reported.map { $0 == evaluation.assessment ? "true" : "false" } ?? "",
        ]
    }
}
