/// Whether an outcome is final or still preliminary (reported in parentheses, "(73)").
public enum ObservationStatus: String, CaseIterable, Sendable, Codable {
    case final
    case preliminary
}

/// The gender breakdown of a value, as Kolada codes it: total, women (kvinnor), men (män).
public enum Gender: String, CaseIterable, Sendable, Codable, Comparable {
    case total = "T"
    case women = "K"
    case men = "M"

    private var order: Int {
        switch self {
        case .total: return 0
        case .women: return 1
        case .men: return 2
        }
    }

    public static func < (lhs: Gender, rhs: Gender) -> Bool { lhs.order < rhs.order }
}

/// Which part of a benchmark an observation belongs to: the part methods may see, or
/// the holdout they are judged on.
public enum DataSplit: String, CaseIterable, Sendable, Codable {
    case train
    case test
}

/// One outcome of one indicator for one entity in one year. One row of `observations.csv`.
///
/// A missing outcome is an absent row, never a row with an empty value.
///
/// The strings are stored first and the one-byte codes last, so that an observation
/// takes 72 bytes instead of 80 (a country's 18 million rows: 150 MB less).
public struct Observation: Sendable, Equatable, Hashable {
    public var entityID: String
    public var indicatorID: String
    public var note: String
    public var year: Int
    public var value: Double
    public var status: ObservationStatus
    public var gender: Gender
    public var split: DataSplit

    public init(
        entityID: String, indicatorID: String, year: Int, value: Double,
        status: ObservationStatus = .final, gender: Gender = .total, note: String = "", split: DataSplit = .train
    ) {
        self.entityID = entityID
        self.indicatorID = indicatorID
        self.year = year
        self.value = value
        self.status = status
        self.gender = gender
        self.note = note
        self.split = split
    }
}
