import PrognosAnalysis
import PrognosSupport

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
        "not_evaluated_reason", "eurostat_ratio", "eurostat_class", "sdg_ratio", "sdg_class", "uncertainty_basis",
    ]

    public static func csv(_ analysis: RunAnalysis) -> String {
        var text = ""
        write(analysis, to: &text)
        return text
    }

    /// The table row by row into `sink` (a file, for a million series).
    public static func write<Sink: TextSink>(_ analysis: RunAnalysis, to sink: inout Sink) {
        sink.append(CSVWriter.line(columns))
        var bytes: [UInt8] = []
        for summary in analysis.series {
            bytes.removeAll(keepingCapacity: true)
            for (index, cell) in row(summary).enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                cell.value.append(to: &bytes)
            }
            bytes.append(UInt8(ascii: "\n"))
            sink.append(utf8: bytes)
        }
    }

    /// A cell's value: text, or a number written as ``NumberFormatting/plain(_:)-(Double)``
    /// would (never quoted: a number has no comma, quote or space); absent is empty.
    enum Cell {
        case text(String)
        case number(Double?)
        case integer(Int?)

        var text: String {
            switch self {
            case .text(let text): return text
            case .number(let value): return NumberFormatting.plain(value)
            case .integer(let value): return value.map(String.init) ?? ""
            }
        }

        /// The cell as it is written, CSV-escaped, appended to `output`.
        func append(to output: inout [UInt8]) {
            switch self {
            case .text(let text): CSVWriter.appendEscaped(text, to: &output)
            case .number(let value): if let value { NumberFormatting.appendPlain(value, to: &output) }
            case .integer(let value): if let value { NumberFormatting.appendInteger(value, to: &output) }
            }
        }
    }

    /// The row of one series, each cell with its column, in the order of ``columns``
    /// (`RunJobTests` holds them to it); absent values are empty.
    static func row(_ summary: SeriesSummary) -> [(column: String, value: Cell)] {
        let evaluation = summary.evaluation
        let outlook = summary.outlook
        let progress = summary.progress
        let likelihood = summary.likelihood
        let status = evaluation?.status ?? .notEvaluated
        let suggestions = SeriesSummary.suggestionProbabilities.map { summary.suggestions[$0] }
        return [
            ("entity_id", .text(summary.key.entityID)),
            ("indicator_id", .text(summary.key.indicatorID)),
            ("n_obs", .integer(summary.points.count)),
            ("last_year", .integer(summary.last?.year)),
            ("last_value", .number(summary.last?.value)),
            ("method", .text(outlook?.method ?? "")),
            ("slope", .number(summary.trend?.slope)),
            ("slope_se", .number(summary.trend?.shownStandardError)),
            ("slope_p", .number(summary.trend?.shownPValue)),
            ("forecast_year", .integer(outlook?.year)),
            ("forecast", .number(outlook?.distribution.point)),
            ("lo80", .number(outlook?.interval80.lower)),
            ("hi80", .number(outlook?.interval80.upper)),
            ("lo95", .number(outlook?.interval95.lower)),
            ("hi95", .number(outlook?.interval95.upper)),
            ("target", .number(evaluation?.target.value)),
            ("p_target_met", .number(likelihood?.probability)),
            ("status", .text(status.rawValue)),
            ("signal", .text(status.signal.rawValue)),
            ("suggested_target_p50", .number(suggestions.count > 0 ? suggestions[0] : nil)),
            ("suggested_target_p80", .number(suggestions.count > 1 ? suggestions[1] : nil)),
            ("suggested_target_p90", .number(suggestions.count > 2 ? suggestions[2] : nil)),
            ("gender", .text(summary.key.gender.rawValue)),
            ("last_status", .text(summary.last.map { $0.isPreliminary ? "preliminary" : "final" } ?? "")),
            ("previous_year", .integer(summary.previous?.year)),
            ("previous_value", .number(summary.previous?.value)),
            ("change", .number(summary.change)),
            ("goal_id", .text(evaluation?.target.goalID ?? "")),
            ("target_year", .integer(evaluation?.target.year)),
            ("comparator", .text(evaluation?.target.comparator.rawValue ?? "")),
            ("status_basis", .text(evaluation?.basis.rawValue ?? "no_target")),
            ("outcome_year", .integer(evaluation?.outcomeYear)),
            ("outcome", .number(evaluation?.outcome)),
            ("uncertainty_source", .text(likelihood?.source ?? "")),
            ("forecast_uncertainty", .text(outlook?.source ?? "")),
            ("not_evaluated_reason", .text(likelihood?.reason ?? "")),
            ("eurostat_ratio", .number(progress?.eurostatRatio)),
            ("eurostat_class", .text(progress?.eurostatClass ?? "")),
            ("sdg_ratio", .number(progress?.sdgRatio)),
            ("sdg_class", .text(progress?.sdgClass ?? "")),
            // In plain words: the probability's basis, else the forecast's.
            ("uncertainty_basis", .text((likelihood?.basis ?? outlook?.basis)?.english ?? "")),
        ]
    }
}
