/// The language of titles and labels in reports.
public enum Language: String, CaseIterable, Sendable {
    case sv
    case en
}
