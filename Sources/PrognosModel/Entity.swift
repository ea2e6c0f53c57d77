/// What an entity is: the body whose indicators are followed.
public enum EntityKind: String, CaseIterable, Sendable, Codable {
    case municipality
    case committee
    case administration
    /// A stand-alone series, e.g. one series of a forecasting competition.
    case series
    /// A series the report compares with, e.g. "the average the annual report compares
    /// with": drawn on the charts of its indicators for the other entities and listed
    /// beside them (``ComparisonGroups``), and not forecast or judged as an entity of its
    /// own unless the run is asked to (`prognos run --forecast-comparisons`).
    case comparison
}

/// A municipality, committee, administration or stand-alone series. One row of `entities.csv`.
public struct Entity: Sendable, Equatable, Hashable {
    public var id: String
    public var name: String
    public var kind: EntityKind
    /// The Kolada municipality id (four characters with a leading zero, e.g. `1489`), if any.
    public var koladaID: String?
    /// The name in English (`name_en`), empty when the dataset gives none.
    public var nameEn: String

    public init(id: String, name: String, kind: EntityKind, koladaID: String? = nil, nameEn: String = "") {
        self.id = id
        self.name = name
        self.kind = kind
        self.koladaID = koladaID
        self.nameEn = nameEn
    }

    /// The name in `language`, falling back to `name` when the English one is empty.
    public func name(_ language: Language) -> String {
        language == .en && !nameEn.isEmpty ? nameEn : name
    }
}
