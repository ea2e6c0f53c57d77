import PrognosModel

/// The status of one indicator against its target, as the seed report reasons.
public enum IndicatorStatus: String, CaseIterable, Sendable, Codable {
    /// The outcome meets the target.
    case met
    /// The outcome misses the target but is better than the outcome before it.
    case improving
    /// The outcome misses the target and is no better than the one before (or there is none before).
    case notMet = "not_met"
    /// No outcome to judge.
    case notEvaluated = "not_evaluated"

    public var signal: Signal {
        switch self {
        case .met: return .green
        case .improving: return .yellow
        case .notMet: return .red
        case .notEvaluated: return .grey
        }
    }

    public func label(_ language: Language) -> String {
        switch (self, language) {
        case (.met, .sv): return "Uppfyllt"
        case (.improving, .sv): return "Förbättring"
        case (.notMet, .sv): return "Ej uppfyllt"
        case (.notEvaluated, .sv): return "Ej utvärderad"
        case (.met, .en): return "Met"
        case (.improving, .en): return "Improving"
        case (.notMet, .en): return "Not met"
        case (.notEvaluated, .en): return "Not evaluated"
        }
    }
}

/// Which outcome a status was judged on.
public enum EvidenceBasis: String, Sendable, Codable {
    /// The outcome of the target year itself (final or preliminary).
    case targetYearOutcome = "target_year_outcome"
    /// The target year has no outcome yet; the latest earlier outcome stands in for it.
    case latestBeforeTargetYear = "latest_before_target_year"
    /// The target year has no outcome yet; its forecast decides (met when P(met) ≥ ½).
    case forecast
    /// No outcome in or before the target year.
    case none
}
