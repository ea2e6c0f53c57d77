import Foundation
import PrognosModel

/// The fast path for `targets.csv` (a target per series: a million rows for a country),
/// as ``ObservationRowReader`` is for observations: an ordinary row is read straight from
/// its bytes into its ``Target`` and primary key, by the generic path's rules.
///
/// A row is ordinary when the generic path would read it without a problem: the header's
/// number of fields; a known entity and indicator; a goal empty or known; a four-digit
/// year; a decimal value within the indicator's bounds; a comparator. Any other row
/// gives nil and goes the generic way, which reports what is wrong with it.
/// `TargetRowReaderTests` holds the two paths to the same values and problems.
struct TargetRowReader: FastRowReading {
    private let count: Int
    private let entity: Int
    private let indicator: Int
    private let goal: Int?
    private let year: Int
    private let value: Int
    private let comparator: Int
    private let entityIDs: Set<String>
    private let indicatorIDs: Set<String>
    private let indicators: [String: Indicator]
    private let goalIDs: Set<String>
    private var fields = LineFields()
    private var recentEntity = RecentID<Void>()
    /// The indicator with its bounds (nil when its own row had a problem: no bounds then).
    private var recentIndicator = RecentID<ValueBounds?>()
    private var recentGoal = RecentID<Void>()
    private let comparators = CodeTable<TargetComparator>()

    /// Nil when the header lacks a required column (no row is read then) or when the
    /// format's key is not the one this reader writes.
    init?(
        header: ResourceHeader, entityIDs: Set<String>, indicatorIDs: Set<String>, indicators: [String: Indicator],
        goalIDs: Set<String>
    ) {
        let columns = header.columnIndex
        guard !header.missingRequired,
            CanonicalSchema.targets.primaryKey == ["entity_id", "indicator_id", "goal_id", "year"],
            let entity = columns["entity_id"], let indicator = columns["indicator_id"],
            let year = columns["year"], let value = columns["value"], let comparator = columns["comparator"]
        else { return nil }
        self.count = header.count
        self.entity = entity
        self.indicator = indicator
        self.goal = columns["goal_id"]
        self.year = year
        self.value = value
        self.comparator = comparator
        self.entityIDs = entityIDs
        self.indicatorIDs = indicatorIDs
        self.indicators = indicators
        self.goalIDs = goalIDs
    }

    mutating func read(_ line: UnsafeBufferPointer<UInt8>, key: inout [String]) -> Target? {
        guard fields.split(line, delimiter: UInt8(ascii: ","), count: count) else { return nil }
        guard
            let (entityID, _) = recentEntity.resolve(
                fields.field(entity, of: line), lookUp: { entityIDs.contains($0) ? () : nil }),
            let (indicatorID, bounds) = recentIndicator.resolve(
                fields.field(indicator, of: line),
                lookUp: { indicatorIDs.contains($0) ? .some(indicators[$0]?.bounds) : nil })
        else { return nil }
        // The goal: empty (or no column), or known.
        var goalID = ""
        if let goal, !fields.field(goal, of: line).isEmpty {
            guard
                let (id, _) = recentGoal.resolve(
                    fields.field(goal, of: line), lookUp: { goalIDs.contains($0) ? () : nil })
            else { return nil }
            goalID = id
        }
        let yearBytes = fields.field(year, of: line)
        guard let year = NumberParsing.year(utf8: yearBytes),
            let value = NumberParsing.decimal(utf8: fields.field(value, of: line)),
            bounds?.contains(value) ?? true,
            let comparator = comparators.code(fields.field(comparator, of: line))
        else { return nil }
        // The key as the generic path writes it: the texts of entity, indicator, goal, year.
        key.append(entityID)
        key.append(indicatorID)
        key.append(goalID)
        key.append(String(decoding: yearBytes, as: UTF8.self))
        return Target(
            entityID: entityID, indicatorID: indicatorID, goalID: goalID, year: year, value: value,
            comparator: comparator)
    }
}
