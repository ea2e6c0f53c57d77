import PrognosForecast
import PrognosModel

/// The probability that a target is met, and where its uncertainty comes from.
///
/// - The target year has a final outcome: the probability is 1 or 0 (`outcome`).
/// - It has a preliminary outcome: the final value is taken as normal around it with a
///   standard deviation of a quarter of the series' typical one-year move, on the scale
///   the series is forecast on (``PanelOutlooks``; for a long series, √(mean Δ²) of its
///   own changes) — the assumption that revisions are small next to a year's change
///   (`outcome_preliminary`).
/// - It has none yet: the ``Outlook`` for the target year (its ``UncertaintyBasis``).
/// - No outcome in or before the target year: no probability, with the reason.
///
/// P(met) is P(Y ≥ target) for `>=` and P(Y ≤ target) for `<=`, on the distribution
/// censored at the indicator's bounds; always within [0, 1], never NaN.
public struct TargetLikelihood: Sendable {
    public var probability: Double?
    public var basis: UncertaintyBasis
    /// The basis's code (`outcome`, `outcome_preliminary`, `own`, `indicator`, …, `none`).
    public var source: String { basis.code }
    /// The distribution of the target year's outcome (nil when it is known and final).
    public var distribution: PredictiveDistribution?
    public var reason: String?

    /// - Parameter outlook: the series' outlook for the year after its last point, when
    ///   already computed: used instead of forecasting again when the target is for that
    ///   year (the inputs, and so the result, are the same).
    public static func make(
        target: Target, points: [SeriesPoint], indicator: Indicator?, row: Int?, panel: PanelOutlooks?,
        method: any Forecaster, outlook precomputed: Outlook? = nil
    ) -> TargetLikelihood {
        if let outcome = points.first(where: { $0.year == target.year }) {
            if !outcome.isPreliminary {
                let met = target.comparator.isMet(outcome: outcome.value, target: target.value)
                return TargetLikelihood(probability: met ? 1 : 0, basis: .outcome, distribution: nil, reason: nil)
            }
            let move = panel?.typicalMove(row: row) ?? ownStep(points).map { ($0, Transform.identity) }
            guard let move, move.move > 0 else {
                let met = target.comparator.isMet(outcome: outcome.value, target: target.value)
                return TargetLikelihood(probability: met ? 1 : 0, basis: .preliminary, distribution: nil, reason: nil)
            }
            let distribution = PredictiveDistribution(
                location: move.transform.apply(outcome.value), scale: move.move / 4, lowerBound: indicator?.lowerBound,
                upperBound: indicator?.upperBound, transform: move.transform)
            return TargetLikelihood(
                probability: probability(distribution, target), basis: .preliminary, distribution: distribution,
                reason: nil)
        }
        guard points.contains(where: { $0.year < target.year }) else {
            return TargetLikelihood(
                probability: nil, basis: .none, distribution: nil, reason: "no outcome in or before \(target.year)")
        }
        let before = points.filter { $0.year < target.year }
        let reusable = precomputed.flatMap { outlook in
            outlook.year == target.year && before.count == points.count ? outlook : nil
        }
        guard
            let outlook = reusable
                ?? Outlook.make(
                    points: before, year: target.year, indicator: indicator, row: row, panel: panel, method: method)
        else {
            let ahead = target.year - (before.last?.year ?? target.year)
            let reason =
                ahead > Outlook.maximumHorizon
                ? "no forecast: \(ahead) years after the last outcome (at most \(Outlook.maximumHorizon))"
                : "no forecast: too few values"
            return TargetLikelihood(probability: nil, basis: .none, distribution: nil, reason: reason)
        }
        return TargetLikelihood(
            probability: probability(outlook.distribution, target), basis: outlook.basis,
            distribution: outlook.distribution, reason: nil)
    }

    static func probability(_ distribution: PredictiveDistribution, _ target: Target) -> Double {
        let p: Double
        switch target.comparator {
        case .atLeast: p = distribution.survival(target.value)
        case .atMost: p = distribution.cdf(target.value)
        }
        return p.isNaN ? 0 : min(1, max(0, p))
    }

    /// √(mean Δ²) of the series' own consecutive-year changes, if any.
    static func ownStep(_ points: [SeriesPoint]) -> Double? {
        var squares: [Double] = []
        for (a, b) in zip(points, points.dropFirst()) where b.year == a.year + 1 {
            squares.append((b.value - a.value) * (b.value - a.value))
        }
        return squares.isEmpty ? nil : (squares.reduce(0, +) / Double(squares.count)).squareRoot()
    }
}
