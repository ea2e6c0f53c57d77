import PrognosForecast
import PrognosModel

/// Targets a planner could commit to: for a series and a future year, the value met with
/// each asked probability, and the whole probability-versus-target curve.
///
/// "Met" follows the series' target comparator, else the indicator's polarity
/// (higher is better: Y ≥ τ; lower is better: Y ≤ τ); a neutral indicator without a
/// target has no direction and gets no suggestion. With the outlook's distribution F
/// (``Outlook``), the target met with probability p is F⁻¹(1 − p) for "≥" and F⁻¹(p) for
/// "≤"; the curve lists P(met) at the 1st, 3rd, …, 99th percentiles of F.
public struct TargetSuggestion: Sendable {
    public var key: SeriesKey
    public var year: Int
    public var atLeast: Bool
    public var outlook: Outlook
    /// (probability, target) for each probability asked.
    public var targets: [(probability: Double, value: Double)]
    /// (target, probability of meeting it), targets increasing.
    public var curve: [(value: Double, probability: Double)]

    public static func make(
        key: SeriesKey, points: [SeriesPoint], year: Int, probabilities: [Double], indicator: Indicator?,
        comparator: TargetComparator?, row: Int?, panel: PanelOutlooks?, method: any Forecaster
    ) -> TargetSuggestion? {
        let atLeast: Bool
        if let comparator {
            atLeast = comparator == .atLeast
        } else if let polarity = indicator?.polarity, polarity != .neutral {
            atLeast = polarity == .higherIsBetter
        } else {
            return nil
        }
        guard
            let outlook = Outlook.make(
                points: points, year: year, indicator: indicator, row: row, panel: panel, method: method)
        else { return nil }
        let d = outlook.distribution
        let targets = probabilities.map { p in (p, d.quantile(atLeast ? 1 - p : p)) }
        var curve: [(Double, Double)] = []
        for percentile in stride(from: 1, through: 99, by: 2) {
            let value = d.quantile(Double(percentile) / 100)
            if let last = curve.last, last.0 == value { continue }
            curve.append((value, atLeast ? d.survival(value) : d.cdf(value)))
        }
        return TargetSuggestion(
            key: key, year: year, atLeast: atLeast, outlook: outlook, targets: targets, curve: curve)
    }
}
