import PrognosAnalysis
import PrognosModel
import PrognosSupport

/// One element of summary.json's `indicators` array written straight as UTF-8: the bytes
/// of ``SummaryDocument/indicator(_:)`` serialised at two levels of indentation with
/// ``SummaryDocument/layout``, without building that tree first.
///
/// The tree costs an allocation per point and per object and a walk that asks of each
/// array element whether it fits on one line; for a million series that had been a
/// tenth of a run's processor time. The members, their order and their spelling are
/// ``SummaryDocument/indicator(_:)``'s, which stays the definition: `RunJobTests` and
/// `SummaryIndicatorWriterTests` hold the two to the same bytes. Numbers are
/// ``NumberFormatting/appendPlain(_:to:)``, absent or non-finite ones `null`; strings are
/// escaped as ``JSONValue`` escapes them; the comparison group, when there is one, is
/// written by ``JSONValue`` itself.
struct SummaryIndicatorWriter {
    private(set) var bytes: [UInt8]

    /// Appends `prefix`, the indicator object, then `suffix` (the element's indentation
    /// and its separator).
    mutating func append(_ summary: SeriesSummary, after prefix: StaticString, before suffix: StaticString) {
        literal(prefix)
        append(summary)
        literal(suffix)
    }

    /// Appends the indicator object (no leading indentation, no trailing comma).
    mutating func append(_ summary: SeriesSummary) {
        let evaluation = summary.evaluation
        let outlook = summary.outlook
        let likelihood = summary.likelihood
        let progress = summary.progress
        literal("{\n")
        string("entity_id", summary.key.entityID)
        string("indicator_id", summary.key.indicatorID)
        string("gender", summary.key.gender.rawValue)
        integer("n_obs", summary.points.count)
        integer("last_year", summary.last?.year)
        number("last_value", summary.last?.value)
        optionalString("last_status", summary.last.map { $0.isPreliminary ? "preliminary" : "final" })
        integer("previous_year", summary.previous?.year)
        number("previous_value", summary.previous?.value)
        number("change", summary.change)
        optionalString("method", outlook?.method)
        number("slope", summary.trend?.slope)
        number("slope_se", summary.trend?.shownStandardError)
        number("slope_p", summary.trend?.shownPValue)
        integer("forecast_year", outlook?.year)
        number("forecast", outlook?.distribution.point)
        number("lo80", outlook?.interval80.lower)
        number("hi80", outlook?.interval80.upper)
        number("lo95", outlook?.interval95.lower)
        number("hi95", outlook?.interval95.upper)
        optionalString("forecast_uncertainty", outlook?.source)
        number("target", evaluation?.target.value)
        integer("target_year", evaluation?.target.year)
        optionalString("comparator", evaluation?.target.comparator.rawValue)
        optionalString("goal_id", evaluation?.target.goalID)
        number("p_target_met", likelihood?.probability)
        optionalString("uncertainty_source", likelihood?.source)
        optionalString("uncertainty_basis", (likelihood?.basis ?? outlook?.basis)?.english)
        optionalString("not_evaluated_reason", likelihood?.reason)
        number("eurostat_ratio", progress?.eurostatRatio)
        optionalString("eurostat_class", progress?.eurostatClass)
        number("sdg_ratio", progress?.sdgRatio)
        optionalString("sdg_class", progress?.sdgClass)
        let status = evaluation?.status ?? .notEvaluated
        string("status", status.rawValue)
        string("signal", status.signal.rawValue)
        string("status_basis", evaluation?.basis.rawValue ?? "no_target")
        integer("outcome_year", evaluation?.outcomeYear)
        number("outcome", evaluation?.outcome)
        number("suggested_target_p50", summary.suggestions[0.5])
        number("suggested_target_p80", summary.suggestions[0.8])
        number("suggested_target_p90", summary.suggestions[0.9])
        key("comparison")
        SummaryDocument.comparison(summary.comparison).appendFragment(
            to: &bytes, indent: Self.memberIndent, layout: SummaryDocument.layout)
        literal(",\n")
        key("points")
        points(summary.points)
        literal("\n")
        indent(Self.memberIndent - 1)
        literal("}")
    }

    /// The indentation level of the object's members: the object is an element of the
    /// `indicators` array, itself a member of the document.
    private static let memberIndent = 3

    /// `[` one point a line `]`, each `{"year": …, "value": …, "status": …}`.
    private mutating func points(_ points: [SeriesPoint]) {
        guard !points.isEmpty else {
            literal("[]")
            return
        }
        literal("[\n")
        for (index, point) in points.enumerated() {
            indent(Self.memberIndent + 1)
            literal("{\"year\": ")
            NumberFormatting.appendInteger(point.year, to: &bytes)
            literal(", \"value\": ")
            numberValue(point.value)
            literal(point.isPreliminary ? ", \"status\": \"preliminary\"}" : ", \"status\": \"final\"}")
            literal(index == points.count - 1 ? "\n" : ",\n")
        }
        indent(Self.memberIndent)
        literal("]")
    }

    // MARK: Members

    private mutating func key(_ name: StaticString) {
        indent(Self.memberIndent)
        bytes.append(UInt8(ascii: "\""))
        literal(name)
        literal("\": ")
    }

    private mutating func string(_ name: StaticString, _ value: String) {
        key(name)
        JSONValue.string(value).appendFragment(to: &bytes, indent: 0)
        literal(",\n")
    }

    /// A string, or `null` when absent or empty (``JSONValue/optionalString(_:)``).
    private mutating func optionalString(_ name: StaticString, _ value: String?) {
        guard let value, !value.isEmpty else { return null(name) }
        string(name, value)
    }

    private mutating func integer(_ name: StaticString, _ value: Int?) {
        guard let value else { return null(name) }
        key(name)
        NumberFormatting.appendInteger(value, to: &bytes)
        literal(",\n")
    }

    private mutating func number(_ name: StaticString, _ value: Double?) {
        key(name)
        numberValue(value)
        literal(",\n")
    }

    private mutating func null(_ name: StaticString) {
        key(name)
        literal("null,\n")
    }

    /// ``NumberFormatting/appendPlain(_:to:)``, or `null` when absent or not finite.
    private mutating func numberValue(_ value: Double?) {
        guard let value, value.isFinite else {
            literal("null")
            return
        }
        NumberFormatting.appendPlain(value, to: &bytes)
    }

    // MARK: Bytes

    private mutating func literal(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private mutating func indent(_ level: Int) {
        for _ in 0..<level { literal("  ") }
    }
}
