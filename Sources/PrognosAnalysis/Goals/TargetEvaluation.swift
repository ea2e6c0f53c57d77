import PrognosModel

/// How one target fares against a series' outcomes.
///
/// The rule is the seed report's (DESIGN.md, "Goal logic"):
/// - the judged outcome is the target year's outcome (a preliminary one counts); when
///   the target year has none, the latest earlier outcome stands in (the report reasons
///   so for broadband, goal 3), and ``basis`` says so;
/// - **met** when the judged outcome meets the target (``TargetComparator/isMet(outcome:target:)``);
/// - **improving** when it does not, but is better than the outcome before it, "better"
///   meaning in the target's direction (higher for `>=`, lower for `<=`);
/// - **not met** otherwise, including when there is no earlier outcome to compare with;
/// - **not evaluated** without any outcome in or before the target year.
///
/// Given a ``TargetLikelihood`` for a target year without an outcome, the forecast
/// decides instead (basis `forecast`): met when P(met) ≥ ½, improving when the forecast
/// median is better than the latest outcome, not met otherwise.
public struct TargetEvaluation: Sendable {
    public let target: Target
    public let status: IndicatorStatus
    public let basis: EvidenceBasis
    /// The year and value of the judged outcome, if any.
    public let outcomeYear: Int?
    public let outcome: Double?
    public let outcomeIsPreliminary: Bool
    /// The outcome compared with for "improving", if any.
    public let previousYear: Int?
    public let previousOutcome: Double?

    /// The probability of meeting the target and its source, when computed.
    public let likelihood: TargetLikelihood?

    public init(target: Target, points: [SeriesPoint], likelihood: TargetLikelihood? = nil) {
        self.target = target
        self.likelihood = likelihood
        let judged =
            points.first(where: { $0.year == target.year })
            ?? points.last(where: { $0.year < target.year })
        guard let judged else {
            status = .notEvaluated
            basis = .none
            outcomeYear = nil
            outcome = nil
            outcomeIsPreliminary = false
            previousYear = nil
            previousOutcome = nil
            return
        }
        if judged.year != target.year, let forecast = likelihood?.distribution, let p = likelihood?.probability {
            basis = .forecast
            outcomeYear = target.year
            outcome = forecast.point
            outcomeIsPreliminary = false
            previousYear = judged.year
            previousOutcome = judged.value
            if p >= 0.5 {
                status = .met
            } else if Self.isBetter(forecast.point, than: judged.value, toward: target.comparator) {
                status = .improving
            } else {
                status = .notMet
            }
            return
        }
        basis = judged.year == target.year ? .targetYearOutcome : .latestBeforeTargetYear
        outcomeYear = judged.year
        outcome = judged.value
        outcomeIsPreliminary = judged.isPreliminary
        let previous = points.last(where: { $0.year < judged.year })
        previousYear = previous?.year
        previousOutcome = previous?.value
        if target.comparator.isMet(outcome: judged.value, target: target.value) {
            status = .met
        } else if let previous, Self.isBetter(judged.value, than: previous.value, toward: target.comparator) {
            status = .improving
        } else {
            status = .notMet
        }
    }

    static func isBetter(_ value: Double, than reference: Double, toward comparator: TargetComparator) -> Bool {
        switch comparator {
        case .atLeast: return value > reference
        case .atMost: return value < reference
        }
    }
}
