/// A group of entities to compare with: Kolada's comparison groups ("Liknande kommuner …,
/// Alingsås, 2025"), a county, a network of municipalities. Rows of `entity_groups.csv`,
/// one per member.
///
/// A comparison group is usually made *for* one entity and does not contain it: the
/// municipalities most like Alingsås, in the title's respect. `forEntityID` names that
/// entity; a group without one (a county, a network) simply holds its members.
public struct EntityGroup: Sendable, Equatable, Hashable {
    public var id: String
    public var title: String
    /// The entity the group was made for, if any.
    public var forEntityID: String?
    /// The members present in the dataset, in the order of the file.
    public var memberIDs: [String]

    public init(id: String, title: String, forEntityID: String? = nil, memberIDs: [String]) {
        self.id = id
        self.title = title
        self.forEntityID = forEntityID
        self.memberIDs = memberIDs
    }
}
