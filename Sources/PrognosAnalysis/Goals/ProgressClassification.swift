import Foundation
import PrognosModel

/// Deterministic progress classifications beside the probability, as official bodies
/// compute them (`../shared/reference/goal-methods.md`).
///
/// With the first outcome (b, y_b) as base, the latest outcome up to the target year
/// (t, y_t) and the target (T, y_T):
///
/// - Eurostat (EU SDG monitoring; thresholds as open-sdg's `ProgressMeasure`):
///   R = CAGR_actual / CAGR_required, CAGR_actual = (y_t/y_b)^(1/(t − b)) − 1,
///   CAGR_required = (y_T/y_b)^(1/(T − b)) − 1. R ≥ 0.95 significant progress,
///   0.60 ≤ R < 0.95 moderate, 0 ≤ R < 0.60 insufficient, R < 0 movement away.
/// - UN SDG progress chart (Technical Note 2023): anticipated value
///   v = y_t (1 + CAGR_actual)^(T − t), clamped to the indicator's bounds; ratio
///   P = (v − y_b)/(y_T − y_b). P ≥ 0.95 on track, 0.10 ≤ P < 0.95 fair progress,
///   P < 0.10 stagnation or regression.
///
/// Both say `target_achieved` / `on_track_or_met` when y_t already meets the target, and
/// `not_assessable` with fewer than two outcomes, a non-positive value (growth rates need
/// positive values), a base that already equals the target, or a target year not after
/// the base year.
public struct ProgressClassification: Sendable, Equatable {
    public var eurostatRatio: Double?
    public var eurostatClass: String
    public var sdgRatio: Double?
    public var sdgClass: String

    public static let notAssessable = ProgressClassification(
        eurostatRatio: nil, eurostatClass: "not_assessable", sdgRatio: nil, sdgClass: "not_assessable")

    public static func make(target: Target, points: [SeriesPoint], indicator: Indicator?) -> ProgressClassification {
        let usable = points.filter { $0.year <= target.year }
        guard let base = usable.first, let latest = usable.last else { return .notAssessable }
        if target.comparator.isMet(outcome: latest.value, target: target.value) {
            let eurostat = growthRatio(base: base, latest: latest, target: target)
            return ProgressClassification(
                eurostatRatio: eurostat, eurostatClass: "target_achieved", sdgRatio: nil, sdgClass: "on_track_or_met")
        }
        guard usable.count >= 2, latest.year > base.year, target.year > base.year, base.value > 0, latest.value > 0,
            target.value > 0, target.value != base.value
        else { return .notAssessable }
        guard let ratio = growthRatio(base: base, latest: latest, target: target) else { return .notAssessable }
        let eurostatClass: String
        switch ratio {
        case 0.95...: eurostatClass = "significant_progress"
        case 0.60..<0.95: eurostatClass = "moderate_progress"
        case 0..<0.60: eurostatClass = "insufficient_progress"
        default: eurostatClass = "movement_away"
        }
        let actual = Foundation.pow(latest.value / base.value, 1 / Double(latest.year - base.year)) - 1
        var anticipated = latest.value * Foundation.pow(1 + actual, Double(target.year - latest.year))
        if let lower = indicator?.lowerBound { anticipated = max(anticipated, lower) }
        if let upper = indicator?.upperBound { anticipated = min(anticipated, upper) }
        let progress = (anticipated - base.value) / (target.value - base.value)
        let sdgClass: String
        switch progress {
        case 0.95...: sdgClass = "on_track_or_met"
        case 0.10..<0.95: sdgClass = "fair_progress"
        default: sdgClass = "stagnation_or_regression"
        }
        return ProgressClassification(
            eurostatRatio: ratio, eurostatClass: eurostatClass, sdgRatio: progress, sdgClass: sdgClass)
    }

    static func growthRatio(base: SeriesPoint, latest: SeriesPoint, target: Target) -> Double? {
        guard latest.year > base.year, target.year > base.year, base.value > 0, latest.value > 0, target.value > 0
        else {
            return nil
        }
        let actual = Foundation.pow(latest.value / base.value, 1 / Double(latest.year - base.year)) - 1
        let required = Foundation.pow(target.value / base.value, 1 / Double(target.year - base.year)) - 1
        guard required != 0 else { return nil }
        return actual / required
    }
}
