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
            sink.append(CSVWriter.line(row(summary).map(\.text)))
        }
    }

    /// The row of one series, each cell with its column, in the order of ``columns``
    /// (`RunJobTests` holds them to it); absent values are empty.
    static func row(_ summary: SeriesSummary) -> [(column: String, text: String)] {
        let plain: (Double?) -> String = NumberFormatting.plain
        let evaluation = summary.evaluation
        let outlook = summary.outlook
        let progress = summary.progress
        let likelihood = summary.likelihood
        let status = evaluation?.status ?? .notEvaluated
        let suggestions = SeriesSummary.suggestionProbabilities.map { plain(summary.suggestions[$0]) }
        return [
            ("entity_id", summary.key.entityID),
            ("indicator_id", summary.key.indicatorID),
            ("n_obs", String(summary.points.count)),
            ("last_year", summary.last.map { String($0.year) } ?? ""),
            ("last_value", plain(summary.last?.value)),
            ("method", outlook?.method ?? ""),
            ("slope", plain(summary.trend?.slope)),
            ("slope_se", plain(summary.trend?.slopeStandardError)),
            ("slope_p", plain(summary.trend?.slopePValue)),
            ("forecast_year", outlook.map { String($0.year) } ?? ""),
            ("forecast", plain(outlook?.distribution.point)),
            ("lo80", plain(outlook?.interval80.lower)),
            ("hi80", plain(outlook?.interval80.upper)),
            ("lo95", plain(outlook?.interval95.lower)),
            ("hi95", plain(outlook?.interval95.upper)),
            ("target", plain(evaluation?.target.value)),
            ("p_target_met", plain(likelihood?.probability)),
            ("status", status.rawValue),
            ("signal", status.signal.rawValue),
            ("suggested_target_p50", suggestions.count > 0 ? suggestions[0] : ""),
            ("suggested_target_p80", suggestions.count > 1 ? suggestions[1] : ""),
            ("suggested_target_p90", suggestions.count > 2 ? suggestions[2] : ""),
            ("gender", summary.key.gender.rawValue),
            ("last_status", summary.last.map { $0.isPreliminary ? "preliminary" : "final" } ?? ""),
            ("previous_year", summary.previous.map { String($0.year) } ?? ""),
            ("previous_value", plain(summary.previous?.value)),
            ("change", plain(summary.change)),
            ("goal_id", evaluation?.target.goalID ?? ""),
            ("target_year", evaluation.map { String($0.target.year) } ?? ""),
            ("comparator", evaluation?.target.comparator.rawValue ?? ""),
            ("status_basis", evaluation?.basis.rawValue ?? "no_target"),
            ("outcome_year", evaluation?.outcomeYear.map(String.init) ?? ""),
            ("outcome", plain(evaluation?.outcome)),
            ("uncertainty_source", likelihood?.source ?? ""),
            ("forecast_uncertainty", outlook?.source ?? ""),
            ("not_evaluated_reason", likelihood?.reason ?? ""),
            ("eurostat_ratio", plain(progress?.eurostatRatio)),
            ("eurostat_class", progress?.eurostatClass ?? ""),
            ("sdg_ratio", plain(progress?.sdgRatio)),
            ("sdg_class", progress?.sdgClass ?? ""),
        ]
    }
}
