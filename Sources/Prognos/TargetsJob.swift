import Foundation
import PrognosAnalysis
import PrognosModel
import PrognosSupport

/// The job behind `prognos targets`, as ``RunJob`` is behind `prognos run`: for every
/// series with a direction, the target value met with each asked probability in a year
/// (``TargetSuggestion/all(in:year:probabilities:)``), as two CSV files and a table for
/// the terminal.
///
/// - `suggested_targets.csv`: `entity_id, indicator_id, gender, year, direction,
///   probability, target, forecast, uncertainty_source, uncertainty_basis` (the source as a
///   code and in plain English words), one row per series and probability;
/// - `target_curves.csv`: `entity_id, indicator_id, gender, year, target, probability`, the
///   probability of meeting each possible target at the 1st, 3rd, …, 99th percentiles of
///   the forecast.
///
/// Edge cases: a series without a direction (a neutral indicator without a target) or
/// without a forecast gets no rows; an empty dataset gives the two headers.
public struct TargetsJob: Sendable {
    /// The year to set targets for; nil for the year after the latest outcome.
    public var year: Int?
    /// The probabilities of meeting the target, each strictly between 0 and 1.
    public var probabilities: [Double]

    public init(year: Int? = nil, probabilities: [Double] = [0.5, 0.8, 0.9]) {
        self.year = year
        self.probabilities = probabilities
    }

    /// The suggestions for every series of `dataset` with a direction.
    public func suggestions(for dataset: Dataset) -> [TargetSuggestion] {
        TargetSuggestion.all(in: dataset, year: year, probabilities: probabilities).suggestions
    }

    /// The two CSV files, by name.
    public func outputs(of suggestions: [TargetSuggestion]) -> [String: String] {
        var table = CSVWriter(header: [
            "entity_id", "indicator_id", "gender", "year", "direction", "probability", "target", "forecast",
            "uncertainty_source", "uncertainty_basis",
        ])
        var curves = CSVWriter(header: ["entity_id", "indicator_id", "gender", "year", "target", "probability"])
        for s in suggestions {
            for t in s.targets {
                table.appendRow([
                    s.key.entityID, s.key.indicatorID, s.key.gender.rawValue, String(s.year), s.atLeast ? ">=" : "<=",
                    NumberFormatting.plain(t.probability), NumberFormatting.plain(t.value),
                    NumberFormatting.plain(s.outlook.distribution.point), s.outlook.source, s.outlook.basis.english,
                ])
            }
            for point in s.curve {
                curves.appendRow([
                    s.key.entityID, s.key.indicatorID, s.key.gender.rawValue, String(s.year),
                    NumberFormatting.plain(point.value), NumberFormatting.plain(point.probability),
                ])
            }
        }
        return ["suggested_targets.csv": table.text, "target_curves.csv": curves.text]
    }

    /// A table for the terminal: one line per series, the target at each probability.
    public func table(of suggestions: [TargetSuggestion]) -> String {
        var lines = [
            "entity / indicator".padding(toLength: 44, withPad: " ", startingAt: 0)
                + probabilities.map { String(format: "   p=%.2f", $0) }.joined()
        ]
        for s in suggestions {
            let gender = s.key.gender == .total ? "" : " (\(s.key.gender.rawValue))"
            let label = "\(s.key.entityID) / \(s.key.indicatorID)\(gender) \(s.atLeast ? ">=" : "<=")"
            lines.append(
                label.padding(toLength: 44, withPad: " ", startingAt: 0)
                    + s.targets.map { String(format: " %8.4g", $0.value) }.joined())
        }
        return lines.joined(separator: "\n")
    }
}
