/// `indicators.csv`: one row per series (entity, indicator, gender; the contract's
/// columns first, then Prognos's additions).
///
/// Forecast and probability columns are empty only where there is nothing to go on (no
/// outcome, or no scale of change, own or pooled); `not_evaluated_reason` then says why.
public enum IndicatorsTable {
    public static let columns = [
        "entity_id", "indicator_id", "n_obs", "last_year", "last_value", "method", "slope", "slope_se",
        "slope_p", "forecast_year", "forecast", "lo80", "hi80", "lo95", "hi95", "target", "p_target_met",
        "status", "signal", "suggested_target_p50", "suggested_target_p80", "suggested_target_p90",
        // Additions beyond the contract:
        "gender", "last_status", "previous_year", "previous_value", "change", "goal_id", "target_year",
        "comparator", "status_basis", "outcome_year", "outcome", "uncertainty_source", "forecast_uncertainty",
        "not_evaluated_reason", "eurostat_ratio", "eurostat_class", "sdg_ratio", "sdg_class",
    ]

    public static func csv(_ analysis: RunAnalysis) -> String {
        var text = ""
        write(analysis, to: &text)
        return text
    }

    /// The table row by row into `sink` (a file, for a million series).
    public static func write<Sink: TextSink>(_ analysis: RunAnalysis, to sink: inout Sink) {
        sink.append(CSVWriter.line(columns))
        for summary in analysis.series {
            let row = self.row(summary)
            sink.append(CSVWriter.line(columns.map { row[$0] ?? "" }))
        }
    }

    /// The row of one series as column → text; absent columns are empty.
    static func row(_ summary: SeriesSummary) -> [String: String] {
        let plain: (Double?) -> String = NumberFormatting.plain
        let evaluation = summary.evaluation
        var row: [String: String] = [
            "entity_id": summary.key.entityID,
            "indicator_id": summary.key.indicatorID,
            "gender": summary.key.gender.rawValue,
            "n_obs": String(summary.points.count),
            "last_year": summary.last.map { String($0.year) } ?? "",
            "last_value": plain(summary.last?.value),
            "last_status": summary.last.map { $0.isPreliminary ? "preliminary" : "final" } ?? "",
            "previous_year": summary.previous.map { String($0.year) } ?? "",
            "previous_value": plain(summary.previous?.value),
            "change": plain(summary.change),
            "slope": plain(summary.trend?.slope),
            "slope_se": plain(summary.trend?.slopeStandardError),
            "slope_p": plain(summary.trend?.slopePValue),
        ]
        if let outlook = summary.outlook {
            let distribution = outlook.distribution
            let (lo80, hi80) = outlook.interval80
            let (lo95, hi95) = outlook.interval95
            row["method"] = outlook.method
            row["forecast_year"] = String(outlook.year)
            row["forecast"] = plain(distribution.point)
            row["lo80"] = plain(lo80)
            row["hi80"] = plain(hi80)
            row["lo95"] = plain(lo95)
            row["hi95"] = plain(hi95)
            row["forecast_uncertainty"] = outlook.source
        }
        for (p, column) in zip(SeriesSummary.suggestionProbabilities, ["suggested_target_p50", "suggested_target_p80", "suggested_target_p90"]) {
            row[column] = plain(summary.suggestions[p])
        }
        if let progress = summary.progress {
            row["eurostat_ratio"] = plain(progress.eurostatRatio)
            row["eurostat_class"] = progress.eurostatClass
            row["sdg_ratio"] = plain(progress.sdgRatio)
            row["sdg_class"] = progress.sdgClass
        }
        if let likelihood = summary.likelihood {
            row["p_target_met"] = plain(likelihood.probability)
            row["uncertainty_source"] = likelihood.source
            row["not_evaluated_reason"] = likelihood.reason ?? ""
        }
        if let evaluation {
            row["target"] = plain(evaluation.target.value)
            row["goal_id"] = evaluation.target.goalID
            row["target_year"] = String(evaluation.target.year)
            row["comparator"] = evaluation.target.comparator.rawValue
            row["status"] = evaluation.status.rawValue
            row["signal"] = evaluation.status.signal.rawValue
            row["status_basis"] = evaluation.basis.rawValue
            row["outcome_year"] = evaluation.outcomeYear.map(String.init) ?? ""
            row["outcome"] = plain(evaluation.outcome)
        } else {
            row["status"] = IndicatorStatus.notEvaluated.rawValue
            row["signal"] = IndicatorStatus.notEvaluated.signal.rawValue
            row["status_basis"] = "no_target"
        }
        return row
    }
}
