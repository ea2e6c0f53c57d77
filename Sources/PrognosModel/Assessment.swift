/// The assessment of a goal, with the codes of the output files and the labels of
/// Swedish annual reports (the seed report's legend).
public enum Assessment: String, CaseIterable, Sendable, Codable {
    /// Helt uppfyllt.
    case fullyMet = "fully_met"
    /// I hög grad uppfyllt.
    case largelyMet = "largely_met"
    /// Delvis uppfyllt.
    case partlyMet = "partly_met"
    /// Ej uppfyllt.
    case notMet = "not_met"
    /// Ej utvärderad.
    case notEvaluated = "not_evaluated"

    public func label(_ language: Language) -> String {
        switch (self, language) {
        case (.fullyMet, .sv): return "Helt uppfyllt"
        case (.largelyMet, .sv): return "I hög grad uppfyllt"
        case (.partlyMet, .sv): return "Delvis uppfyllt"
        case (.notMet, .sv): return "Ej uppfyllt"
        case (.notEvaluated, .sv): return "Ej utvärderad"
        case (.fullyMet, .en): return "Fully met"
        case (.largelyMet, .en): return "Largely met"
        case (.partlyMet, .en): return "Partly met"
        case (.notMet, .en): return "Not met"
        case (.notEvaluated, .en): return "Not evaluated"
        }
    }

    /// The signal colour of the report's legend.
    public var signal: Signal {
        switch self {
        case .fullyMet: return .green
        case .largelyMet: return .lightGreen
        case .partlyMet: return .yellow
        case .notMet: return .red
        case .notEvaluated: return .grey
        }
    }
}

/// A signal colour (signalfärg) of a goal or an indicator.
public enum Signal: String, CaseIterable, Sendable, Codable {
    case green
    case lightGreen = "light_green"
    case yellow
    case red
    case grey

    /// An emoji that renders the colour in Markdown.
    public var emoji: String {
        switch self {
        case .green: return "🟢"
        case .lightGreen: return "🟩"
        case .yellow: return "🟡"
        case .red: return "🔴"
        case .grey: return "⚪"
        }
    }
}
