import Foundation

/// Reads and validates a canonical dataset from its files' contents.
///
/// Validation reports every problem, not only the first, each with its file, line and
/// column: missing resources or columns, wrong field counts, values that are not
/// numbers (`sju`, or `2,5` where the format wants `2.5`), malformed years, unknown
/// codes (unit, polarity, status, gender, kind, comparator, assessment), references to
/// unknown entities, indicators or goals, duplicate keys, and values outside their
/// indicator's bounds.
public enum CanonicalDatasetReader {
    /// - Parameters:
    ///   - descriptor: the parsed `datapackage.json`.
    ///   - files: the text of each resource, keyed by its path in the descriptor.
    ///   - location: how the dataset directory is named in messages (e.g. `Datasets/x`).
    public static func read(
        descriptor: DataPackageDescriptor, files: [String: String], location: String
    ) -> Result<Dataset, InvalidInput> {
        var context = ReadContext(descriptor: descriptor, files: files, location: location)
        let dataset = context.readAll()
        if context.diagnostics.isEmpty {
            return .success(dataset)
        }
        return .failure(InvalidInput(context.diagnostics))
    }

    /// The path of a file inside a dataset directory, as messages show it.
    public static func displayPath(location: String, path: String) -> String {
        location.isEmpty || location == "." ? path : location + "/" + path
    }
}

/// One row of a resource with its fields looked up by column name.
struct ResourceRow {
    let fields: [CSVField]
    let columnIndex: [String: Int]
    let line: Int

    /// The field's text, or "" when the column is absent.
    func text(_ name: String) -> String {
        guard let index = columnIndex[name], index < fields.count else { return "" }
        return fields[index].text
    }

    /// The field's location, or the row's start when the column is absent.
    func position(_ name: String) -> (line: Int, column: Int) {
        guard let index = columnIndex[name], index < fields.count else { return (line, 1) }
        return (fields[index].line, fields[index].column)
    }
}

private struct ReadContext {
    let descriptor: DataPackageDescriptor
    let files: [String: String]
    let location: String
    var diagnostics: [Diagnostic] = []

    init(descriptor: DataPackageDescriptor, files: [String: String], location: String) {
        self.descriptor = descriptor
        self.files = files
        self.location = location
    }

    mutating func readAll() -> Dataset {
        var dataset = Dataset(name: descriptor.name, title: descriptor.title, description: descriptor.description)
        dataset.goalRule = descriptor.goalRule.flatMap(GoalRule.init(rawValue:)) ?? .report

        // Ids of rows that have other problems still count as known, so that one bad
        // cell is reported once, not again at every row that refers to it.
        let entityRows = rows(of: CanonicalSchema.entities)
        let entityIDs = Set(entityRows.map { row, _ in row.text("entity_id") })
        dataset.entities = entityRows.compactMap { row, file in entity(row, file) }
        let indicatorRows = rows(of: CanonicalSchema.indicators)
        let indicatorIDs = Set(indicatorRows.map { row, _ in row.text("indicator_id") })
        dataset.indicators = indicatorRows.compactMap { row, file in indicator(row, file) }
        let indicators = dataset.indicatorsByID
        let goalRows = rows(of: CanonicalSchema.goals)
        let goalIDs = Set(goalRows.map { row, _ in row.text("goal_id") })
        dataset.goals = goalRows.compactMap { row, file in goal(row, file, goalIDs: goalIDs) }
        dataset.observations = rows(of: CanonicalSchema.observations).compactMap { row, file in
            observation(row, file, entityIDs: entityIDs, indicatorIDs: indicatorIDs, indicators: indicators)
        }
        dataset.targets = rows(of: CanonicalSchema.targets).compactMap { row, file in
            target(row, file, entityIDs: entityIDs, indicatorIDs: indicatorIDs, indicators: indicators, goalIDs: goalIDs)
        }
        dataset.budgetLines = rows(of: CanonicalSchema.budgetLines).compactMap { row, file in
            budgetLine(row, file, entityIDs: entityIDs)
        }
        dataset.forecastVintages = rows(of: CanonicalSchema.forecastVintages).compactMap { row, file in
            forecastVintage(row, file, entityIDs: entityIDs)
        }
        return dataset
    }

    // MARK: Files and rows

    /// The rows of a resource that have the right number of fields and non-empty
    /// required values; every other problem with the file is recorded.
    mutating func rows(of spec: ResourceSpec) -> [(ResourceRow, String)] {
        guard let path = descriptor.resourcePaths[spec.name] else {
            if spec.required {
                report(
                    CanonicalDatasetReader.displayPath(location: location, path: DataPackageDescriptor.fileName), 0, 0,
                    "the required resource \"\(spec.name)\" is not listed (expected path \(spec.path))")
            }
            return []
        }
        let file = CanonicalDatasetReader.displayPath(location: location, path: path)
        guard let text = files[path] else {
            report(file, 0, 0, "the file of resource \"\(spec.name)\" is missing")
            return []
        }
        let (table, csvProblems) = CSVTable.parse(text, file: file)
        diagnostics.append(contentsOf: csvProblems)
        if table.header.isEmpty {
            report(file, 0, 0, "the file is empty: it needs a header row")
            return []
        }
        var columnIndex: [String: Int] = [:]
        for (index, field) in table.header.enumerated() {
            if columnIndex[field.text] != nil {
                report(file, field.line, field.column, "column \"\(field.text)\" appears twice in the header")
            } else {
                columnIndex[field.text] = index
            }
        }
        let headerLine = table.header.first?.line ?? 1
        var missingRequired = false
        for field in spec.fields where field.required && columnIndex[field.name] == nil {
            report(file, headerLine, 1, "the header has no column \"\(field.name)\"")
            missingRequired = true
        }
        if missingRequired { return [] }

        var result: [(ResourceRow, String)] = []
        var firstLineOfKey: [[String]: Int] = [:]
        for record in table.records {
            let line = record.first?.line ?? 0
            if record.count != table.header.count {
                report(
                    file, line, 1,
                    "the row has \(record.count) fields, the header has \(table.header.count)")
                continue
            }
            let row = ResourceRow(fields: record, columnIndex: columnIndex, line: line)
            var complete = true
            for field in spec.fields where field.required && row.text(field.name).isEmpty {
                let position = row.position(field.name)
                report(file, position.line, position.column, "\"\(field.name)\" is empty")
                complete = false
            }
            guard complete else { continue }
            let key = spec.primaryKey.map { column -> String in
                let text = row.text(column)
                return column == "gender" && text.isEmpty ? Gender.total.rawValue : text
            }
            if let earlier = firstLineOfKey[key] {
                let described = zip(spec.primaryKey, key).map { "\($0)=\($1)" }.joined(separator: ", ")
                report(file, line, 1, "duplicate \(spec.name) key (\(described)): first on line \(earlier)")
                continue
            }
            firstLineOfKey[key] = line
            result.append((row, file))
        }
        return result
    }

    mutating func report(_ file: String, _ line: Int, _ column: Int, _ reason: String) {
        diagnostics.append(Diagnostic(file: file, line: line, column: column, reason: reason))
    }

    mutating func report(_ file: String, _ row: ResourceRow, _ column: String, _ reason: String) {
        let position = row.position(column)
        report(file, position.line, position.column, reason)
    }

    // MARK: Field conversions

    mutating func code<T: RawRepresentable & CaseIterable>(
        _ type: T.Type, _ row: ResourceRow, _ file: String, _ column: String, what: String, default defaultValue: T? = nil
    ) -> T? where T.RawValue == String {
        let text = row.text(column)
        if text.isEmpty, let defaultValue { return defaultValue }
        if let value = T(rawValue: text) { return value }
        let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
        report(file, row, column, "unknown \(what) \"\(text)\" (expected one of: \(allowed))")
        return nil
    }

    mutating func number(_ row: ResourceRow, _ file: String, _ column: String) -> Double?? {
        let text = row.text(column)
        if text.isEmpty { return .some(nil) }
        if let value = NumberParsing.decimal(text) { return .some(value) }
        var reason = "\"\(text)\" in \"\(column)\" is not a number"
        if text.contains(",") { reason += " (use a dot as decimal separator, e.g. \(text.replacingOccurrences(of: ",", with: ".")))" }
        report(file, row, column, reason)
        return nil
    }

    mutating func year(_ row: ResourceRow, _ file: String, _ column: String) -> Int? {
        let text = row.text(column)
        if let year = NumberParsing.year(text) { return year }
        report(file, row, column, "\"\(text)\" in \"\(column)\" is not a four-digit year")
        return nil
    }

    mutating func reference(
        _ row: ResourceRow, _ file: String, _ column: String, in known: Set<String>, what: String
    ) -> Bool {
        let id = row.text(column)
        if known.contains(id) { return true }
        report(file, row, column, "unknown \(what) \"\(id)\"")
        return false
    }

    mutating func checkBounds(
        _ value: Double, _ indicator: Indicator?, _ row: ResourceRow, _ file: String, _ column: String
    ) -> Bool {
        guard let indicator, !indicator.contains(value) else { return true }
        let lower = indicator.lowerBound.map { NumberFormatting.plain($0) } ?? "−∞"
        let upper = indicator.upperBound.map { NumberFormatting.plain($0) } ?? "∞"
        report(
            file, row, column,
            "value \(NumberFormatting.plain(value)) is outside the bounds [\(lower), \(upper)] of indicator \"\(indicator.id)\""
        )
        return false
    }

    // MARK: Records

    mutating func entity(_ row: ResourceRow, _ file: String) -> Entity? {
        guard let kind = code(EntityKind.self, row, file, "kind", what: "entity kind") else { return nil }
        let kolada = row.text("kolada_id")
        return Entity(
            id: row.text("entity_id"), name: row.text("name"), kind: kind,
            koladaID: kolada.isEmpty ? nil : kolada)
    }

    mutating func indicator(_ row: ResourceRow, _ file: String) -> Indicator? {
        let unit = code(Unit.self, row, file, "unit", what: "unit")
        let polarity = code(Polarity.self, row, file, "polarity", what: "polarity")
        let lower = number(row, file, "lower_bound")
        let upper = number(row, file, "upper_bound")
        guard let unit, let polarity, let lower, let upper else { return nil }
        if let lower, let upper, lower >= upper {
            report(file, row, "upper_bound", "upper bound \(NumberFormatting.plain(upper)) is not above lower bound \(NumberFormatting.plain(lower))")
            return nil
        }
        let kolada = row.text("kolada_kpi")
        return Indicator(
            id: row.text("indicator_id"), titleSv: row.text("title_sv"), titleEn: row.text("title_en"),
            unit: unit, lowerBound: lower, upperBound: upper, polarity: polarity,
            source: row.text("source"), koladaKPI: kolada.isEmpty ? nil : kolada)
    }

    mutating func goal(_ row: ResourceRow, _ file: String, goalIDs: Set<String>) -> Goal? {
        let parent = row.text("parent_goal")
        var valid = true
        if !parent.isEmpty {
            valid = reference(row, file, "parent_goal", in: goalIDs, what: "parent goal") && valid
            if parent == row.text("goal_id") {
                report(file, row, "parent_goal", "goal \"\(parent)\" names itself as its parent")
                valid = false
            }
        }
        let reportedText = row.text("reported_assessment")
        var reported: Assessment? = nil
        if !reportedText.isEmpty {
            reported = code(Assessment.self, row, file, "reported_assessment", what: "assessment")
            if reported == nil { valid = false }
        }
        guard valid else { return nil }
        return Goal(
            id: row.text("goal_id"), parentGoal: parent.isEmpty ? nil : parent,
            titleSv: row.text("title_sv"), titleEn: row.text("title_en"), reportedAssessment: reported)
    }

    mutating func observation(
        _ row: ResourceRow, _ file: String, entityIDs: Set<String>, indicatorIDs: Set<String>,
        indicators: [String: Indicator]
    ) -> Observation? {
        let knownEntity = reference(row, file, "entity_id", in: entityIDs, what: "entity")
        let knownIndicator = reference(row, file, "indicator_id", in: indicatorIDs, what: "indicator")
        let year = year(row, file, "year")
        let value = number(row, file, "value")
        let status = code(ObservationStatus.self, row, file, "status", what: "status", default: .final)
        let gender = code(Gender.self, row, file, "gender", what: "gender", default: .total)
        let split = code(DataSplit.self, row, file, "split", what: "split", default: .train)
        guard knownEntity, knownIndicator, let year, let value = value ?? nil, let status, let gender, let split else {
            return nil
        }
        guard checkBounds(value, indicators[row.text("indicator_id")], row, file, "value") else { return nil }
        return Observation(
            entityID: row.text("entity_id"), indicatorID: row.text("indicator_id"), year: year, value: value,
            status: status, gender: gender, note: row.text("note"), split: split)
    }

    mutating func target(
        _ row: ResourceRow, _ file: String, entityIDs: Set<String>, indicatorIDs: Set<String>,
        indicators: [String: Indicator], goalIDs: Set<String>
    ) -> Target? {
        let knownEntity = reference(row, file, "entity_id", in: entityIDs, what: "entity")
        let knownIndicator = reference(row, file, "indicator_id", in: indicatorIDs, what: "indicator")
        let goalID = row.text("goal_id")
        let knownGoal = goalID.isEmpty || reference(row, file, "goal_id", in: goalIDs, what: "goal")
        let year = year(row, file, "year")
        let value = number(row, file, "value")
        let comparator = code(TargetComparator.self, row, file, "comparator", what: "comparator")
        guard knownEntity, knownIndicator, knownGoal, let year, let value = value ?? nil, let comparator else {
            return nil
        }
        guard checkBounds(value, indicators[row.text("indicator_id")], row, file, "value") else { return nil }
        return Target(
            entityID: row.text("entity_id"), indicatorID: row.text("indicator_id"), goalID: goalID, year: year,
            value: value, comparator: comparator)
    }

    mutating func budgetLine(_ row: ResourceRow, _ file: String, entityIDs: Set<String>) -> BudgetLine? {
        let knownEntity = reference(row, file, "entity_id", in: entityIDs, what: "entity")
        let year = year(row, file, "year")
        let budget = number(row, file, "budget")
        let outcome = number(row, file, "outcome")
        guard knownEntity, let year, let budget, let outcome else { return nil }
        let parent = row.text("parent_line_id")
        return BudgetLine(
            entityID: row.text("entity_id"), lineID: row.text("line_id"), titleSv: row.text("title_sv"),
            year: year, budget: budget, outcome: outcome, parentLineID: parent.isEmpty ? nil : parent)
    }

    mutating func forecastVintage(_ row: ResourceRow, _ file: String, entityIDs: Set<String>) -> ForecastVintage? {
        let knownEntity = reference(row, file, "entity_id", in: entityIDs, what: "entity")
        let year = year(row, file, "year")
        let forecast = number(row, file, "forecast")
        let outcome = number(row, file, "outcome")
        var month: Int?? = .some(nil)
        let monthText = row.text("checkpoint_month")
        if !monthText.isEmpty {
            if let parsed = NumberParsing.integer(monthText), (1...12).contains(parsed) {
                month = .some(parsed)
            } else {
                report(file, row, "checkpoint_month", "\"\(monthText)\" in \"checkpoint_month\" is not a month 1–12")
                month = nil
            }
        }
        guard knownEntity, let year, let forecast = forecast ?? nil, let outcome, let month else { return nil }
        return ForecastVintage(
            entityID: row.text("entity_id"), lineID: row.text("line_id"), year: year,
            checkpoint: row.text("checkpoint"), checkpointMonth: month, forecast: forecast, outcome: outcome)
    }
}
