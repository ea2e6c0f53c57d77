import Foundation
import Prognos

/// A method's scores on every evaluation of the selection sets, and the rule of docs/forecasting.md,
/// "Four selection sets" that compares two settings: per evaluation the ratio of a score
/// to the base setting's, averaged within each set and then over the four sets, and the
/// worst of those averages with one set left out.
struct RuleScores {
    static let measures = ["sMAPE", "MASE", "Brier", "log loss", "MSIS"]

    /// scores[set][evaluation][measure]
    var scores: [[[Double]]]

    init(_ method: any Forecaster, on selection: SelectionSets) {
        scores = selection.sets.map { evaluations in
            evaluations.map { evaluation in
                let results = Backtest.run(
                    method: method, series: evaluation.series, holdout: evaluation.holdout, origins: evaluation.origins,
                    threads: 2, keepTraining: true)
                let row = AccuracyTable.rows(method: method.name, series: results).first { $0.horizon == "all" }
                let calibration = CalibrationReport(method: method.name, results: results)
                return [
                    row?.smape ?? .nan, row?.mase ?? .nan, calibration.brier, calibration.logLoss, row?.msis ?? .nan,
                ]
            }
        }
    }

    /// Per set, the mean over its evaluations of this setting's score over the base's.
    func setRatios(to base: RuleScores, measure: Int) -> [Double] {
        zip(scores, base.scores).map { evaluations, baseEvaluations in
            let ratios = zip(evaluations, baseEvaluations).map { $0[measure] / $1[measure] }
            return ratios.reduce(0, +) / Double(ratios.count)
        }
    }

    /// One line: per measure the average over the sets, the sets' own ratios, and the
    /// worst average with one set left out.
    func line(_ label: String, against base: RuleScores) -> String {
        var text = label.padding(toLength: 36, withPad: " ", startingAt: 0)
        for (m, name) in Self.measures.enumerated() {
            let perSet = setRatios(to: base, measure: m)
            let total = perSet.reduce(0, +)
            let average = total / Double(perSet.count)
            let worstLeftOut = perSet.map { (total - $0) / Double(perSet.count - 1) }.max() ?? .nan
            let sets = perSet.map { String(format: "%.3f", $0) }.joined(separator: " ")
            text += String(format: " | %@ %.4f (%@; one left out ≤ %.4f)", name, average, sets, worstLeftOut)
        }
        return text
    }

    /// The raw scores, evaluation by evaluation (sMAPE / MASE / Brier).
    func raw(_ label: String) -> String {
        var text = label.padding(toLength: 36, withPad: " ", startingAt: 0)
        for (s, evaluations) in scores.enumerated() {
            for (k, e) in evaluations.enumerated() {
                text += String(
                    format: " | %@%@ %.3f / %.3f / %.4f", SelectionSets.names[s], k == 0 ? "" : "·\(k + 1)", e[0], e[1],
                    e[2])
            }
        }
        return text
    }
}
