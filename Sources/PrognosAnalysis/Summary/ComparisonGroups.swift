import PrognosModel

/// The comparison group of each series, and the group's mean beside the series'
/// outcomes: an indicator shown beside "liknande kommuner".
///
/// For a series (entity e, indicator i) the chosen group is, among the groups made for e
/// (``EntityGroup/forEntityID``: its "liknande kommuner"), the one in which the most
/// *other* members have an outcome of i (gender T), ties to the earlier in the file;
/// when none of them has such a member, the smallest group e is a member of that has one
/// (the most specific: a network of four before a county before "Alla kommuner"), ties
/// to the earlier in the file. A group where no other member has an outcome of i is
/// never chosen. The group's value in a year is the
/// unweighted mean of the other members' outcomes that year — as Kolada computes its
/// group averages — with the number of members it averages; e's own outcome is never in
/// it, so the comparison is with the others.
///
/// A dataset may also state its comparisons: an entity of kind `comparison` (an average
/// the organisation compares with, "genomsnittet 3,0") is the comparison of every other
/// entity's series of the indicators it has, before any group; its points are its own
/// outcomes, with `members` 0 (not averaged here).
///
/// Edge cases: a dataset without groups or comparison entities has no comparisons (and costs nothing); gender
/// breakdowns are compared only through their total series; a member's preliminary
/// outcomes count like final ones.
public struct ComparisonGroups: Sendable {
    /// One year of a group's comparison series.
    public struct Point: Sendable, Equatable {
        public var year: Int
        /// The mean of the other members' outcomes in the year.
        public var mean: Double
        /// How many members the mean averages.
        public var members: Int
    }

    /// A group's series beside one series.
    public struct Comparison: Sendable, Equatable {
        public var groupID: String
        public var title: String
        public var points: [Point]
    }

    private let groups: [EntityGroup]
    /// The groups made for each entity, in file order.
    private var madeFor: [String: [Int]] = [:]
    /// The groups each entity is a member of, smallest first, then in file order.
    private var memberOf: [String: [Int]] = [:]
    /// The panel's row of each total (gender T) series of a group member that has an
    /// outcome: the outcomes are read from the panel, not copied (a country's members
    /// have millions).
    private var rows: [SeriesKey: Int] = [:]
    private let panel: Panel?
    /// The comparison entities' total series with an outcome, by indicator (file order of
    /// the entities): the panel's rows and the entity's name.
    private var stated: [String: [(row: Int, entity: Entity)]] = [:]

    /// The groups of `dataset`, with the members' outcomes from `panel`, the dataset's
    /// panel (built here when not given).
    public init(dataset: Dataset, panel: Panel? = nil) {
        groups = dataset.entityGroups
        let comparisonEntities = dataset.entities.filter { $0.kind == .comparison }
        guard !groups.isEmpty || !comparisonEntities.isEmpty else {
            self.panel = nil
            return
        }
        let panel = panel ?? Panel(dataset: dataset)
        self.panel = panel
        if !comparisonEntities.isEmpty {
            let width = panel.years.count
            for entity in comparisonEntities {
                for (row, key) in panel.keys.enumerated() where key.entityID == entity.id && key.gender == .total {
                    if (0..<width).contains(where: { !panel.values[row * width + $0].isNaN }) {
                        stated[key.indicatorID, default: []].append((row, entity))
                    }
                }
            }
        }
        var members = Set<String>()
        for (index, group) in groups.enumerated() {
            if let focus = group.forEntityID { madeFor[focus, default: []].append(index) }
            members.formUnion(group.memberIDs)
        }
        let bySize = groups.indices.sorted { (groups[$0].memberIDs.count, $0) < (groups[$1].memberIDs.count, $1) }
        for index in bySize {
            for member in groups[index].memberIDs where groups[index].forEntityID != member {
                memberOf[member, default: []].append(index)
            }
        }
        let width = panel.years.count
        for (row, key) in panel.keys.enumerated() where key.gender == .total && members.contains(key.entityID) {
            // A series the panel has for its targets alone has no outcome.
            let hasOutcome = (0..<width).contains { !panel.values[row * width + $0].isNaN }
            if hasOutcome { rows[key] = row }
        }
    }

    public var isEmpty: Bool { groups.isEmpty && stated.isEmpty }

    /// Whether an entity is one the dataset states as a comparison (kind `comparison`).
    func isComparison(_ entityID: String) -> Bool {
        stated.values.contains { $0.contains { $0.entity.id == entityID } }
    }

    /// The group a series is compared with, and the members other than its entity.
    public func group(for key: SeriesKey) -> (group: EntityGroup, others: [String])? {
        func others(_ index: Int) -> [String] {
            groups[index].memberIDs.filter {
                $0 != key.entityID && rows[SeriesKey(entityID: $0, indicatorID: key.indicatorID)] != nil
            }
        }
        var best: (group: EntityGroup, others: [String])? = nil
        for index in madeFor[key.entityID] ?? [] {
            let covered = others(index)
            if !covered.isEmpty, covered.count > (best?.others.count ?? 0) { best = (groups[index], covered) }
        }
        if let best { return best }
        for index in memberOf[key.entityID] ?? [] {
            let covered = others(index)
            if !covered.isEmpty { return (groups[index], covered) }
        }
        return nil
    }

    /// The chosen group's mean per year, for the years where any other member has an outcome.
    public func comparison(for key: SeriesKey) -> Comparison? {
        guard key.gender == .total else { return nil }
        if let panel, let first = stated[key.indicatorID]?.first(where: { $0.entity.id != key.entityID }) {
            let points = panel.years.enumerated().compactMap { offset, year -> Point? in
                let value = panel.values[first.row * panel.years.count + offset]
                return value.isNaN ? nil : Point(year: year, mean: value, members: 0)
            }
            return Comparison(groupID: first.entity.id, title: first.entity.name, points: points)
        }
        guard let (group, others) = group(for: key) else { return nil }
        var sums: [Int: (total: Double, count: Int)] = [:]
        for member in others {
            guard let panel, let row = rows[SeriesKey(entityID: member, indicatorID: key.indicatorID)] else { continue }
            // Members in file order, years in order: the sums run in a fixed order.
            for (offset, year) in panel.years.enumerated() {
                let value = panel.values[row * panel.years.count + offset]
                guard !value.isNaN else { continue }
                let sum = sums[year] ?? (0, 0)
                sums[year] = (sum.total + value, sum.count + 1)
            }
        }
        let points = sums.keys.sorted().compactMap { year -> Point? in
            guard let sum = sums[year] else { return nil }
            return Point(year: year, mean: sum.total / Double(sum.count), members: sum.count)
        }
        return Comparison(groupID: group.id, title: group.title, points: points)
    }
}
