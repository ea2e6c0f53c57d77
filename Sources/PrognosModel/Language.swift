/// The language of titles and labels in reports.
public enum Language: String, CaseIterable, Sendable {
    case sv
    case en
}

/// A record with a Swedish and an English title.
public protocol BilingualTitled {
    var titleSv: String { get }
    var titleEn: String { get }
}

extension BilingualTitled {
    /// The title in `language`, falling back to Swedish when the English one is empty.
    public func title(_ language: Language) -> String {
        switch language {
        case .sv: return titleSv
        case .en: return titleEn.isEmpty ? titleSv : titleEn
        }
    }
}
