/// Identifies one series of a panel: an indicator measured for an entity, in one gender breakdown.
public struct SeriesKey: Sendable, Hashable {
    public var entityID: String
    public var indicatorID: String
    public var gender: Gender

    public init(entityID: String, indicatorID: String, gender: Gender = .total) {
        self.entityID = entityID
        self.indicatorID = indicatorID
        self.gender = gender
    }
}
