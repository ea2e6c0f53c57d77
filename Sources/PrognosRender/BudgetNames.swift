import PrognosModel

/// Readable names for the codes of budget sections and forecast checkpoints.
///
/// Datasets name checkpoints and budget sections by codes (`delarsbokslut`,
/// `drift_exploateringsverksamheten`). The report shows the words: the usual Swedish
/// follow-up checkpoints by their names in Swedish and English, any other code with its
/// underscores as spaces and a capital first letter.
package enum BudgetNames {
    static let checkpoints: [String: (sv: String, en: String)] = [
        "manadsuppfoljning": ("Månadsuppföljning", "Monthly follow-up"),
        "fordjupad_manadsuppfoljning": ("Fördjupad månadsuppföljning", "In-depth monthly follow-up"),
        "tertialrapport": ("Tertialrapport", "Four-month report"),
        "tertialuppfoljning": ("Tertialuppföljning", "Four-month follow-up"),
        "delarsbokslut": ("Delårsbokslut", "Interim accounts"),
        "delarsrapport": ("Delårsrapport", "Interim report"),
        "helarsprognos": ("Helårsprognos", "Full-year forecast"),
        "budget": ("Budget", "Budget"),
        "bokslut": ("Bokslut", "Annual accounts"),
        "arsbokslut": ("Årsbokslut", "Annual accounts"),
    ]

    static let sections: [String: (sv: String, en: String)] = [
        "drift": ("Drift", "Operations"),
        "investeringar": ("Investeringar", "Investments"),
        "drift_exploateringsverksamheten": ("Drift, exploateringsverksamheten", "Operations, land development"),
    ]

    static func checkpoint(_ code: String, _ language: Language) -> String {
        checkpoints[code].map { language == .sv ? $0.sv : $0.en } ?? humanized(code)
    }

    static func section(_ code: String, _ language: Language) -> String {
        sections[code].map { language == .sv ? $0.sv : $0.en } ?? humanized(code)
    }

    /// A budget line as "Årets resultat (Drift)": its title (the first of the entity's and
    /// year's rows, else of any row) and its section's name; its id when it has no title.
    package static func line(_ lineID: String, entity: String?, year: Int?, lines: [BudgetLine], _ language: Language)
        -> String
    {
        let title =
            (lines.first {
                $0.lineID == lineID && (entity == nil || $0.entityID == entity) && (year == nil || $0.year == year)
            }
            ?? lines.first { $0.lineID == lineID })?.title(language)
        let parts = lineID.split(separator: ".", maxSplits: 1)
        guard let title, parts.count == 2 else { return title ?? lineID }
        return title + " (" + section(String(parts[0]), language) + ")"
    }

    /// `fordjupad_uppfoljning` → "Fordjupad uppfoljning".
    static func humanized(_ code: String) -> String {
        let words = code.replacingOccurrences(of: "_", with: " ")
        guard let first = words.first else { return words }
        return first.uppercased() + words.dropFirst()
    }
}
