import PrognosAnalysis
import PrognosSupport

/// `summary.json`: the content of `goals.csv` and `indicators.csv` in one document,
/// described by `Schemas/summary.schema.json`. It holds no timestamps and no machine
/// paths, so the same input gives byte-identical output.
public enum SummaryDocument {
    /// Bumped when a field changes meaning or disappears; adding fields keeps it.
    public static let schemaVersion = "1.1"

    /// Two-space indentation, with each point (and each other record of scalars) on one
    /// line: for a million series that is a third less to write than a line per value.
    static let layout = JSONValue.Layout.recordsOnOneLine

    public static func json(_ analysis: RunAnalysis) -> String {
        var text = ""
        write(analysis, to: &text)
        return text
    }

    /// The document into `sink`, one indicator at a time, with the same bytes as the
    /// whole document serialised at once (``JSONValue/serialized(numbers:layout:)``): the
    /// indicators of a million series are never one value or one string, and each is
    /// written straight as bytes (``SummaryIndicatorWriter``), not built as a tree. With `threads`
    /// above 1 the indicators are rendered in blocks of `blockSize` on that many threads
    /// and written in order (``forEachInOrder(count:width:produce:consume:)``): the bytes
    /// do not depend on the number of threads.
    public static func write<Sink: TextSink>(
        _ analysis: RunAnalysis, to sink: inout Sink, threads: Int = 1, blockSize: Int = SummaryDocument.blockSize
    ) {
        let blockSize = max(1, blockSize)
        let dataset = analysis.dataset
        let head: [(String, JSONValue)] = [
            ("schema_version", .string(schemaVersion)),
            (
                "dataset",
                .object([
                    ("name", .string(dataset.name)),
                    ("title", .string(dataset.title)),
                ])
            ),
            ("assessment_year", analysis.year.map { .integer($0) } ?? .null),
            ("goals", .array(analysis.goals.map(goal))),
            ("probability_calibration", calibration(analysis.calibration)),
            ("next_year", .array(analysis.nextYear.map(nextYear))),
        ]
        sink.append("{\n")
        for (key, value) in head {
            sink.append(
                "  " + JSONValue.string(key).fragment(indent: 0) + ": " + value.fragment(indent: 1, layout: layout)
                    + ",\n")
        }
        sink.append("  " + JSONValue.string("indicators").fragment(indent: 0) + ": ")
        if analysis.series.isEmpty {
            sink.append("[]")
        } else {
            sink.append("[\n")
            let count = analysis.series.count
            let blocks = (count + blockSize - 1) / blockSize
            forEachInOrder(count: blocks, width: threads) { block -> [UInt8] in
                var writer = SummaryIndicatorWriter(bytes: [])
                for index in (block * blockSize)..<min(count, (block + 1) * blockSize) {
                    writer.append(analysis.series[index], after: "    ", before: index == count - 1 ? "\n" : ",\n")
                }
                return writer.bytes
            } consume: { bytes in
                sink.append(utf8: bytes)
            }
            sink.append("  ]")
        }
        sink.append("\n}\n")
    }

    /// A target a goal's indicator faces after the assessed year (``NextYearOutlook``),
    /// most at risk first: the target, whether the dataset set it or the assessed year's
    /// is kept, P(met) and its source, and the targets met with 50, 80 and 90 %.
    static func nextYear(_ outlook: NextYearOutlook) -> JSONValue {
        let suggestion = { (p: Double) -> JSONValue in
            outlook.suggestions.first { $0.probability == p }.map { .number($0.value) } ?? .null
        }
        return .object([
            ("goal_id", .string(outlook.goalID)), ("entity_id", .string(outlook.target.entityID)),
            ("indicator_id", .string(outlook.target.indicatorID)), ("year", .integer(outlook.target.year)),
            ("target", .number(outlook.target.value)), ("comparator", .string(outlook.target.comparator.rawValue)),
            ("target_source", .string(outlook.source.rawValue)),
            ("p_target_met", outlook.likelihood.probability.map { .number($0) } ?? .null),
            ("uncertainty_basis", .string(outlook.likelihood.basis.code)),
            ("suggested_target_p50", suggestion(0.5)), ("suggested_target_p80", suggestion(0.8)),
            ("suggested_target_p90", suggestion(0.9)),
        ])
    }

    /// Series rendered together: about 5 MB of text.
    public static let blockSize = 2048

    /// How well the probabilities held in the dataset's own backtest (``RunCalibration``).
    static func calibration(_ calibration: RunCalibration?) -> JSONValue {
        guard let calibration else { return .null }
        func scores(_ report: CalibrationReport) -> JSONValue {
            .object([
                ("events", .integer(report.count)), ("brier", .number(report.brier)),
                ("log_loss", .number(report.logLoss)),
                ("ece", .number(report.expectedCalibrationError)),
            ])
        }
        return .object([
            ("horizon", .integer(1)),
            ("series", .integer(calibration.series)),
            ("auto", scores(calibration.auto)),
            ("naive", scores(calibration.naive)),
            ("climatology", scores(calibration.climatology)),
            (
                "auto_by_length",
                .array(
                    calibration.byLength.map { .object([("length", .string($0.band)), ("scores", scores($0.report))]) })
            ),
        ])
    }

    static func goal(_ evaluation: GoalEvaluation) -> JSONValue {
        return .object([
            ("goal_id", .string(evaluation.goal.id)),
            ("parent_goal", .optionalString(evaluation.goal.parentGoal)),
            ("title_sv", .string(evaluation.goal.titleSv)),
            ("title_en", .string(evaluation.goal.titleEn)),
            ("year", evaluation.year.map { .integer($0) } ?? .null),
            ("assessment", .string(evaluation.assessment.rawValue)),
            ("reported_assessment", .optionalString(evaluation.goal.reportedAssessment?.rawValue)),
            ("signal", .string(evaluation.assessment.signal.rawValue)),
            ("n_indicators", .integer(evaluation.evaluations.count)),
            ("n_met", .integer(evaluation.metCount)),
            ("n_improving", .integer(evaluation.count(.improving))),
            ("n_not_met", .integer(evaluation.count(.notMet))),
            ("n_not_evaluated", .integer(evaluation.count(.notEvaluated))),
            ("p_fully_met", .number(evaluation.probabilityFullyMet)),
            ("p_at_least_partly_met", .number(evaluation.probabilityAtLeastPartlyMet)),
            (
                "indicators",
                .array(
                    evaluation.evaluations.map {
                        .object([
                            ("entity_id", .string($0.target.entityID)),
                            ("indicator_id", .string($0.target.indicatorID)),
                            ("status", .string($0.status.rawValue)),
                        ])
                    })
            ),
        ])
    }

    /// The comparison group's series: `{"group_id", "title", "points": [{"year", "mean", "members"}]}`, or null.
    static func comparison(_ comparison: ComparisonGroups.Comparison?) -> JSONValue {
        guard let comparison else { return .null }
        return .object([
            ("group_id", .string(comparison.groupID)),
            ("title", .string(comparison.title)),
            (
                "points",
                .array(
                    comparison.points.map {
                        .object([
                            ("year", .integer($0.year)), ("mean", .number($0.mean)), ("members", .integer($0.members)),
                        ])
                    })
            ),
        ])
    }

    /// One element of `indicators`, as a tree: the definition of what
    /// ``SummaryIndicatorWriter`` writes directly (tests hold the two to the same bytes).
    static func indicator(_ summary: SeriesSummary) -> JSONValue {
        let evaluation = summary.evaluation
        let nullableInt: (Int?) -> JSONValue = { $0.map { .integer($0) } ?? .null }
        return .object([
            ("entity_id", .string(summary.key.entityID)),
            ("indicator_id", .string(summary.key.indicatorID)),
            ("gender", .string(summary.key.gender.rawValue)),
            ("n_obs", .integer(summary.points.count)),
            ("last_year", nullableInt(summary.last?.year)),
            ("last_value", .number(summary.last?.value)),
            ("last_status", .optionalString(summary.last.map { $0.isPreliminary ? "preliminary" : "final" })),
            ("previous_year", nullableInt(summary.previous?.year)),
            ("previous_value", .number(summary.previous?.value)),
            ("change", .number(summary.change)),
            ("method", .optionalString(summary.outlook?.method)),
            ("slope", .number(summary.trend?.slope)),
            ("slope_se", .number(summary.trend?.shownStandardError)),
            ("slope_p", .number(summary.trend?.shownPValue)),
            ("forecast_year", nullableInt(summary.outlook?.year)),
            ("forecast", .number(summary.outlook?.distribution.point)),
            ("lo80", .number(summary.outlook?.interval80.lower)),
            ("hi80", .number(summary.outlook?.interval80.upper)),
            ("lo95", .number(summary.outlook?.interval95.lower)),
            ("hi95", .number(summary.outlook?.interval95.upper)),
            ("forecast_uncertainty", .optionalString(summary.outlook?.source)),
            ("target", .number(evaluation?.target.value)),
            ("target_year", nullableInt(evaluation?.target.year)),
            ("comparator", .optionalString(evaluation?.target.comparator.rawValue)),
            ("goal_id", .optionalString(evaluation?.target.goalID)),
            ("p_target_met", .number(summary.likelihood?.probability)),
            ("uncertainty_source", .optionalString(summary.likelihood?.source)),
            ("uncertainty_basis", .optionalString((summary.likelihood?.basis ?? summary.outlook?.basis)?.english)),
            ("not_evaluated_reason", .optionalString(summary.likelihood?.reason)),
            ("eurostat_ratio", .number(summary.progress?.eurostatRatio)),
            ("eurostat_class", .optionalString(summary.progress?.eurostatClass)),
            ("sdg_ratio", .number(summary.progress?.sdgRatio)),
            ("sdg_class", .optionalString(summary.progress?.sdgClass)),
            ("status", .string((evaluation?.status ?? .notEvaluated).rawValue)),
            ("signal", .string((evaluation?.status ?? .notEvaluated).signal.rawValue)),
            ("status_basis", .string(evaluation?.basis.rawValue ?? "no_target")),
            ("outcome_year", nullableInt(evaluation?.outcomeYear)),
            ("outcome", .number(evaluation?.outcome)),
            ("suggested_target_p50", .number(summary.suggestions[0.5])),
            ("suggested_target_p80", .number(summary.suggestions[0.8])),
            ("suggested_target_p90", .number(summary.suggestions[0.9])),
            ("comparison", comparison(summary.comparison)),
            (
                "points",
                .array(
                    summary.points.map {
                        .object([
                            ("year", .integer($0.year)),
                            ("value", .number($0.value)),
                            ("status", .string($0.isPreliminary ? "preliminary" : "final")),
                        ])
                    })
            ),
        ])
    }
}
