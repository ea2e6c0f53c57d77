import Foundation
import PrognosLinear
import PrognosSupport

/// The output of `prognos regress`: the JSON of DESIGN.md (every number with 17
/// significant digits) or a readable table.
public enum RegressionReport {
    public static func json(_ fit: RegressionFit) -> String {
        let numbers: ([Double]) -> JSONValue = { .array($0.map { JSONValue.number($0) }) }
        let document: JSONValue = .object([
            ("terms", .array(fit.terms.map(JSONValue.string))),
            ("coefficients", numbers(fit.coefficients)),
            ("standard_errors", numbers(fit.standardErrors)),
            ("residual_sd", .number(fit.residualStandardDeviation)),
            ("r_squared", .number(fit.rSquared)),
            ("adj_r_squared", .number(fit.adjustedRSquared)),
            ("f_statistic", .number(fit.fStatistic)),
            ("df_model", .integer(fit.modelDegreesOfFreedom)),
            ("df_resid", .integer(fit.residualDegreesOfFreedom)),
            ("rank", .integer(fit.solution.qr.rank)),
            ("n_obs", .integer(fit.observationCount)),
            ("t_values", numbers(fit.tValues)),
            ("p_values", numbers(fit.pValues)),
            ("f_p_value", .number(fit.fPValue)),
            ("residual_sum_of_squares", .number(fit.residualSumOfSquares)),
            ("centered_r_squared", .bool(fit.hasIntercept)),
        ])
        return document.serialized(numbers: .significant17)
    }

    public static func text(_ fit: RegressionFit) -> String {
        let width = max(12, (fit.terms.map(\.count).max() ?? 0) + 2)
        func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
        func lpad(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }
        func g(_ x: Double) -> String { x.isFinite ? String(format: "%.10g", x) : (x.isNaN ? "nan" : "inf") }
        var out =
            pad("term", width) + lpad("coefficient", 20) + lpad("std. error", 20) + lpad("t", 14) + lpad("P>|t|", 14)
            + "\n"
        let t = fit.tValues
        let p = fit.pValues
        for j in 0..<fit.parameterCount {
            out +=
                pad(fit.terms[j], width) + lpad(g(fit.coefficients[j]), 20) + lpad(g(fit.standardErrors[j]), 20)
                + lpad(g(t[j]), 14) + lpad(g(p[j]), 14) + "\n"
        }
        out +=
            "\nn = \(fit.observationCount), df model = \(fit.modelDegreesOfFreedom), df residual = \(fit.residualDegreesOfFreedom)\n"
        out += "residual SD = \(g(fit.residualStandardDeviation)), R² = \(g(fit.rSquared))"
        out += fit.hasIntercept ? "" : " (uncentred)"
        out += ", adjusted R² = \(g(fit.adjustedRSquared))\n"
        out += "F = \(g(fit.fStatistic)), P(>F) = \(g(fit.fPValue))\n"
        return out
    }
}
