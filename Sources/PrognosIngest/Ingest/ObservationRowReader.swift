import Foundation
import PrognosModel

/// The fast path for `observations.csv`, where a country's millions of rows are: an
/// ordinary row is read straight from its bytes into its ``Observation`` and primary key,
/// without making a `String` of every field or looking each one up by name.
///
/// A row is ordinary when the generic path (``ResourceHeader/examine(_:file:problems:key:)``
/// and the reader's `observation`) would read it without a problem: the header's number
/// of fields; a known entity; a known indicator; a four-digit year; a decimal value
/// (``NumberParsing/decimal(utf8:)``) within the indicator's bounds; status, gender and
/// split empty or one of their codes. Such a row gives the value and key the generic path
/// gives, by the same rules; any other row gives nil and goes the generic way, which
/// reports what is wrong with it. Duplicate keys are found afterwards, in file order, for
/// rows of either path alike. `ObservationRowReaderTests` holds the two paths to the same
/// values and problems.
struct ObservationRowReader: FastRowReading {
    private let count: Int
    private let entity: Int
    private let indicator: Int
    private let year: Int
    private let value: Int
    private let status: Int?
    private let gender: Int?
    private let note: Int?
    private let split: Int?
    private let entityIDs: Set<String>
    private let indicatorIDs: Set<String>
    private let indicators: [String: Indicator]
    private var fields = LineFields()
    /// The previous rows' entity, and their indicator with its bounds (nil when its row in
    /// indicators.csv had a problem: then no bounds are checked, as on the generic path).
    private var recentEntity = RecentID<Void>()
    private var recentIndicator = RecentID<ValueBounds?>()
    private let statusCodes = CodeTable<ObservationStatus>()
    private let genderCodes = CodeTable<Gender>()
    private let splitCodes = CodeTable<DataSplit>()

    /// Nil when the header lacks a required column (no row is read then) or when the
    /// format's key is not the one this reader writes.
    init?(header: ResourceHeader, entityIDs: Set<String>, indicatorIDs: Set<String>, indicators: [String: Indicator]) {
        let columns = header.columnIndex
        guard !header.missingRequired,
            CanonicalSchema.observations.primaryKey == ["entity_id", "indicator_id", "year", "gender"],
            let entity = columns["entity_id"], let indicator = columns["indicator_id"],
            let year = columns["year"], let value = columns["value"]
        else { return nil }
        self.count = header.count
        self.entity = entity
        self.indicator = indicator
        self.year = year
        self.value = value
        self.status = columns["status"]
        self.gender = columns["gender"]
        self.note = columns["note"]
        self.split = columns["split"]
        self.entityIDs = entityIDs
        self.indicatorIDs = indicatorIDs
        self.indicators = indicators
    }

    mutating func read(_ line: UnsafeBufferPointer<UInt8>, key: inout [String]) -> Observation? {
        guard fields.split(line, delimiter: UInt8(ascii: ","), count: count) else { return nil }
        // Entity and indicator: required, known.
        guard
            let (entityID, _) = recentEntity.resolve(
                fields.field(entity, of: line), lookUp: { entityIDs.contains($0) ? () : nil }),
            let (indicatorID, bounds) = recentIndicator.resolve(
                fields.field(indicator, of: line),
                lookUp: { indicatorIDs.contains($0) ? .some(indicators[$0]?.bounds) : nil })
        else { return nil }
        // Year and value: required, well-formed, the value within the indicator's bounds.
        let yearBytes = fields.field(year, of: line)
        guard let year = NumberParsing.year(utf8: yearBytes),
            let value = NumberParsing.decimal(utf8: fields.field(value, of: line)),
            bounds?.contains(value) ?? true
        else { return nil }
        // Codes: empty is the default.
        guard let status = statusCodes.code(status.map { fields.field($0, of: line) }, default: .final),
            let gender = genderCodes.code(gender.map { fields.field($0, of: line) }, default: .total),
            let split = splitCodes.code(split.map { fields.field($0, of: line) }, default: .train)
        else { return nil }
        let note = note.map { String(decoding: fields.field($0, of: line), as: UTF8.self) } ?? ""
        // The key as the generic path writes it: the texts of entity, indicator and year,
        // and the gender's code (an empty gender is the total's).
        key.append(entityID)
        key.append(indicatorID)
        key.append(String(decoding: yearBytes, as: UTF8.self))
        key.append(gender.rawValue)
        return Observation(
            entityID: entityID, indicatorID: indicatorID, year: year, value: value,
            status: status, gender: gender, note: note, split: split)
    }
}
