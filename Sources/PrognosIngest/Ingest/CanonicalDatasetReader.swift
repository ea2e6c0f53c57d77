import Foundation
import PrognosModel
import PrognosSupport

/// Reads and validates a canonical dataset from its files' contents.
///
/// Validation reports every problem, not only the first (up to
/// ``InvalidInput/keptLimit``, and a count of the rest), each with its file, line and
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
    ///   - threads: how many threads read the observations and targets when their files
    ///     are larger than `sliceBytes` (``ParallelResourceScan``); the result is the same
    ///     for any number.
    ///   - sliceBytes: the size of the parts those files are cut into, one per thread at a time.
    ///   - lenient: leave out the rows with problems instead of failing (see
    ///     ``DatasetReading``): the rows named by a failed read are blanked and the
    ///     dataset read again, up to ``lenientRounds`` times, so that what is returned has
    ///     passed every check a strict read makes. Problems that are not about a row (a
    ///     missing file or column, a header) still throw.
    public static func read(
        descriptor: DataPackageDescriptor, files: [String: String], location: String,
        threads: Int = ProcessInfo.processInfo.activeProcessorCount, sliceBytes: Int = 4 << 20, lenient: Bool = false
    ) throws(InvalidInput) -> DatasetReading {
        try read(
            descriptor: descriptor, texts: files.mapValues(ResourceText.init), location: location, threads: threads,
            sliceBytes: sliceBytes, lenient: lenient)
    }

    /// ``read(descriptor:files:location:threads:sliceBytes:lenient:)`` of ``ResourceText``s.
    public static func read(
        descriptor: DataPackageDescriptor, texts: [String: ResourceText], location: String,
        threads: Int = ProcessInfo.processInfo.activeProcessorCount, sliceBytes: Int = 4 << 20, lenient: Bool = false
    ) throws(InvalidInput) -> DatasetReading {
        var texts = texts
        var rejected: [Diagnostic] = []
        for round in 0...lenientRounds {
            switch readAll(descriptor, texts, location, threads, sliceBytes, keepsRows: true) {
            case .success(let read):
                return DatasetReading(dataset: read.dataset, rejected: rejected)
            case .failure(let invalid):
                // A round blanks at most ``InvalidInput/keptLimit`` rows (the problems kept);
                // the next finds the rest.
                guard lenient, round < lenientRounds,
                    let blanked = blankingRows(of: invalid.diagnostics, in: texts, descriptor, location)
                else { throw invalid }
                rejected += invalid.diagnostics
                texts = blanked
            }
        }
        throw InvalidInput(rejected)
    }

    /// How many times a lenient read blanks the rows it was told about and reads again:
    /// rows can fail because of others (an observation of an indicator row left out), and a
    /// round names at most ``InvalidInput/keptLimit`` problems.
    public static let lenientRounds = 100

    /// `texts` with the records named by `problems` made empty lines (empty lines are
    /// skipped, and line numbers stay those of the user's file); nil when a problem is not
    /// about a data row of a resource, or when a file ends its lines with a lone CR (its
    /// line numbers are the CSV reader's, which a line-feed split would not match).
    ///
    /// A problem names the line of the field at fault; its whole record is blanked, from
    /// the record's first line to the line before the next record (a quoted field may span
    /// lines), found by parsing the file as the reader does.
    private static func blankingRows(
        of problems: [Diagnostic], in texts: [String: ResourceText], _ descriptor: DataPackageDescriptor,
        _ location: String
    ) -> [String: ResourceText]? {
        var pathOfFile: [String: String] = [:]
        for path in descriptor.resourcePaths.values { pathOfFile[displayPath(location: location, path: path)] = path }
        var lines: [String: Set<Int>] = [:]
        for problem in problems {
            guard problem.line >= 2, let path = pathOfFile[problem.file], texts[path] != nil else { return nil }
            lines[path, default: []].insert(problem.line)
        }
        var result = texts
        for (path, numbers) in lines {
            guard let text = texts[path] else { return nil }
            let bytes = text.withUTF8 { Array($0) }
            // Lines by line feed; a CR before it belongs to the line ending.
            var starts = [0]
            for (index, byte) in bytes.enumerated() where byte == 0x0A { starts.append(index + 1) }
            for (index, byte) in bytes.enumerated() where byte == 0x0D {
                guard index + 1 < bytes.count, bytes[index + 1] == 0x0A else { return nil }
            }
            let lineCount = starts.count
            // The first line of each record, as the reader numbers them.
            let original = String(decoding: bytes, as: UTF8.self)
            let (table, _) = CSVTable.parse(original, file: path)
            let recordStarts = table.records.compactMap { $0.first?.line }.sorted()
            var blank = Set<Int>()
            for number in numbers {
                guard let position = recordStarts.lastIndex(where: { $0 <= number }) else {
                    blank.insert(number)
                    continue
                }
                let first = recordStarts[position]
                let end = position + 1 < recordStarts.count ? recordStarts[position + 1] - 1 : lineCount
                for line in first...max(first, min(end, lineCount)) { blank.insert(line) }
            }
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count)
            for line in 1...lineCount {
                let start = starts[line - 1]
                let stop = line < lineCount ? starts[line] : bytes.count
                if blank.contains(line) {
                    if line < lineCount { output.append(0x0A) }
                } else {
                    output.append(contentsOf: bytes[start..<stop])
                }
            }
            result[path] = ResourceText(String(decoding: output, as: UTF8.self))
        }
        return result
    }

    /// Every resource read on one context: the dataset (without observations and targets
    /// unless `keepsRows`) and the rows of each resource, or the problems found.
    private static func readAll(
        _ descriptor: DataPackageDescriptor, _ texts: [String: ResourceText], _ location: String, _ threads: Int,
        _ sliceBytes: Int, keepsRows: Bool
    ) -> Result<(dataset: Dataset, rowCounts: [String: Int]), InvalidInput> {
        var context = ReadContext(
            descriptor: descriptor, files: texts, location: location, threads: threads, sliceBytes: sliceBytes,
            keepsRows: keepsRows)
        let dataset = context.readAll()
        guard context.diagnostics.isEmpty else {
            InvalidInput.trim(&context.diagnostics, omitted: &context.omitted)
            return .failure(InvalidInput(context.diagnostics, omitted: context.omitted))
        }
        return .success((dataset, context.rowCounts))
    }

    /// How many rows of each kind a valid dataset has (``validate(descriptor:texts:location:threads:sliceBytes:)``).
    public struct Counts: Sendable, Equatable {
        public var entities: Int
        public var indicators: Int
        public var observations: Int
        public var targets: Int
        public var goals: Int
    }

    /// Checks a dataset as ``read(descriptor:files:location:threads:sliceBytes:lenient:)`` does,
    /// with the same problems, without keeping its observations and targets: `validate`
    /// needs the memory of the keys, not of a dataset as well. The texts may be mapped
    /// files (``ResourceText/mapped(atPath:)``).
    public static func validate(
        descriptor: DataPackageDescriptor, texts: [String: ResourceText], location: String,
        threads: Int = ProcessInfo.processInfo.activeProcessorCount, sliceBytes: Int = 4 << 20
    ) throws(InvalidInput) -> Counts {
        let (dataset, rows) = try readAll(descriptor, texts, location, threads, sliceBytes, keepsRows: false).get()
        return Counts(
            entities: dataset.entities.count, indicators: dataset.indicators.count,
            observations: rows[CanonicalSchema.observations.name] ?? 0,
            targets: rows[CanonicalSchema.targets.name] ?? 0, goals: dataset.goals.count)
    }

    /// The path of a file inside a dataset directory, as messages show it.
    public static func displayPath(location: String, path: String) -> String {
        location.isEmpty || location == "." ? path : location + "/" + path
    }
}

private struct ReadContext: DiagnosticCollecting, Sendable {
    let descriptor: DataPackageDescriptor
    let files: [String: ResourceText]
    let location: String
    let threads: Int
    let sliceBytes: Int
    var diagnostics: [Diagnostic] = []
    /// Problems past ``InvalidInput/keptLimit``, counted, not kept.
    var omitted = 0
    /// False when only checking: ``values(of:fastPath:_:)`` then counts its rows in
    /// `rowCounts` and returns none.
    let keepsRows: Bool
    var rowCounts: [String: Int] = [:]
    /// The last id found known, per kind of reference (each kind is checked against one set
    /// throughout a read).
    private var recentReferences: [(what: String, id: String)] = []
    /// The last indicator looked up by id (one dictionary of indicators throughout a read).
    private var recentIndicator: (id: String, indicator: Indicator?)? = nil

    init(
        descriptor: DataPackageDescriptor, files: [String: ResourceText], location: String, threads: Int,
        sliceBytes: Int,
        keepsRows: Bool = true
    ) {
        self.keepsRows = keepsRows
        self.descriptor = descriptor
        self.files = files
        self.location = location
        self.threads = threads
        self.sliceBytes = sliceBytes
    }

    mutating func readAll() -> Dataset {
        var dataset = Dataset(name: descriptor.name, title: descriptor.title, description: descriptor.description)
        dataset.goalRule = descriptor.goalRule.flatMap(GoalRule.init(rawValue:)) ?? .report
        dataset.titleEn = descriptor.titleEn
        dataset.sources = descriptor.sources

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
        reportParentCycles(goalRows)
        // Ordinary observation and target rows are read straight from their bytes
        // (``ObservationRowReader``, ``TargetRowReader``).
        let fastObservations: ParallelResourceScan.FastPath<Observation> = { header in
            ObservationRowReader(
                header: header, entityIDs: entityIDs, indicatorIDs: indicatorIDs, indicators: indicators)
        }
        dataset.observations = values(of: CanonicalSchema.observations, fastPath: fastObservations) {
            context, row, file in
            context.observation(row, file, entityIDs: entityIDs, indicatorIDs: indicatorIDs, indicators: indicators)
        }
        let fastTargets: ParallelResourceScan.FastPath<Target> = { header in
            TargetRowReader(
                header: header, entityIDs: entityIDs, indicatorIDs: indicatorIDs, indicators: indicators,
                goalIDs: goalIDs)
        }
        dataset.targets = values(of: CanonicalSchema.targets, fastPath: fastTargets) { context, row, file in
            context.target(
                row, file, entityIDs: entityIDs, indicatorIDs: indicatorIDs, indicators: indicators, goalIDs: goalIDs)
        }
        dataset.budgetLines = rows(of: CanonicalSchema.budgetLines).compactMap { row, file in
            budgetLine(row, file, entityIDs: entityIDs)
        }
        dataset.forecastVintages = rows(of: CanonicalSchema.forecastVintages).compactMap { row, file in
            forecastVintage(row, file, entityIDs: entityIDs)
        }
        dataset.entityGroups = entityGroups(rows(of: CanonicalSchema.entityGroups), entityIDs: entityIDs)
        return dataset
    }

    // MARK: Files and rows

    /// The number of line feeds in a resource's file (0 when it is missing): at most one
    /// more than its rows, the header being one of the lines.
    func lineCount(of spec: ResourceSpec) -> Int {
        guard let path = descriptor.resourcePaths[spec.name], let text = files[path] else { return 0 }
        return text.withUTF8 { CSVTable.lineFeedCount($0) }
    }

    /// The rows of a resource that have the right number of fields and non-empty
    /// required values; every other problem with the file is recorded.
    mutating func rows(of spec: ResourceSpec) -> [(ResourceRow, String)] {
        var result: [(ResourceRow, String)] = []
        forEachRow(of: spec) { _, row, file in result.append((row, file)) }
        return result
    }

    /// The values `read` makes of the good rows of a resource (see ``forEachRow(of:_:)``),
    /// in file order. A file larger than `sliceBytes` is read on `threads` threads when it
    /// can be cut at line feeds (``ParallelResourceScan``), with the same values and
    /// problems; there, a `fastPath` reads the ordinary rows straight from their bytes.
    /// Room for every row is reserved from the start: growing by doubling would hold the
    /// old and the new buffer at once (gigabytes for a country's worth of rows).
    mutating func values<Value: Sendable>(
        of spec: ResourceSpec, fastPath: ParallelResourceScan.FastPath<Value>? = nil,
        _ read: @escaping @Sendable (inout ReadContext, ResourceRow, String) -> Value?
    ) -> [Value] {
        if let path = descriptor.resourcePaths[spec.name], let text = files[path],
            let outcome = ParallelResourceScan.read(
                text, spec: spec, file: CanonicalDatasetReader.displayPath(location: location, path: path),
                threads: threads, sliceBytes: sliceBytes, context: self, fastPath: fastPath, keep: keepsRows, read)
        {
            diagnostics += outcome.fileProblems + outcome.readProblems
            omitted += outcome.omitted
            InvalidInput.trim(&diagnostics, omitted: &omitted)
            rowCounts[spec.name] = outcome.count
            return outcome.values
        }
        var values: [Value] = []
        if keepsRows { values.reserveCapacity(lineCount(of: spec)) }
        var count = 0
        let keep = keepsRows
        forEachRow(of: spec) { context, row, file in
            if let value = read(&context, row, file) {
                if keep { values.append(value) }
                count += 1
            }
        }
        rowCounts[spec.name] = count
        return values
    }

    /// Calls `body` with each good row (see ``scan(_:descriptor:files:location:_:)``) and
    /// this context, to read it into a value. The file's own problems are listed before
    /// the problems `body` reports, as when the file was read whole first.
    mutating func forEachRow(of spec: ResourceSpec, _ body: (inout ReadContext, ResourceRow, String) -> Void) {
        let earlier = diagnostics
        diagnostics = []
        var scanOmitted = 0
        let fileProblems = Self.scan(
            spec, descriptor: descriptor, files: files, location: location, omitted: &scanOmitted
        ) {
            row, file in body(&self, row, file)
        }
        diagnostics = earlier + fileProblems + diagnostics
        omitted += scanOmitted
        InvalidInput.trim(&diagnostics, omitted: &omitted)
    }

    /// Calls `body` with each row of a resource that has the right number of fields,
    /// non-empty required values and a primary key not seen before, as the file is
    /// scanned (a file of millions of rows is never held as rows); returns every other
    /// problem with the file.
    ///
    /// At most ``InvalidInput/keptLimit`` of the rows' problems are kept; the rest are
    /// counted in `omitted`.
    static func scan(
        _ spec: ResourceSpec, descriptor: DataPackageDescriptor, files: [String: ResourceText], location: String,
        omitted: inout Int, _ body: (ResourceRow, String) -> Void
    ) -> [Diagnostic] {
        guard let path = descriptor.resourcePaths[spec.name] else {
            guard spec.required else { return [] }
            return [
                Diagnostic(
                    file: CanonicalDatasetReader.displayPath(location: location, path: DataPackageDescriptor.fileName),
                    line: 0, column: 0,
                    reason: "the required resource \"\(spec.name)\" is not listed (expected path \(spec.path))")
            ]
        }
        let file = CanonicalDatasetReader.displayPath(location: location, path: path)
        guard let text = files[path] else {
            return [
                Diagnostic(file: file, line: 0, column: 0, reason: "the file of resource \"\(spec.name)\" is missing")
            ]
        }
        var header: ResourceHeader? = nil
        var keys = PrimaryKeyIndex(columns: spec.primaryKey.count)
        // As many keys as the file has lines, at most: the table is sized once.
        keys.reserve(text.withUTF8 { CSVTable.lineFeedCount($0) })
        var problems: [Diagnostic] = []
        var key: [String] = []
        let csvProblems = text.withUTF8 { bytes in
            CSVTable.forEachRow(utf8: bytes, file: file) { record in
                guard let columns = header else {
                    header = ResourceHeader(record, spec: spec, file: file, problems: &problems)
                    return
                }
                key.removeAll(keepingCapacity: true)
                InvalidInput.trim(&problems, omitted: &omitted)
                guard !columns.missingRequired,
                    let row = columns.examine(record, file: file, problems: &problems, key: &key)
                else { return }
                if let earlier = keys.insert(key, line: row.line) {
                    problems.append(columns.duplicate(key, spec: spec, file: file, line: row.line, earlier: earlier))
                    return
                }
                body(row, file)
            }
        }
        // The scanner's problems first, then the rows', as when the file was parsed whole.
        var all = csvProblems
        if header == nil {
            all.append(Diagnostic(file: file, line: 0, column: 0, reason: "the file is empty: it needs a header row"))
        }
        return all + problems
    }

    mutating func report(_ file: String, _ line: Int, _ column: Int, _ reason: String) {
        guard diagnostics.count < InvalidInput.keptLimit else {
            omitted += 1
            return
        }
        diagnostics.append(Diagnostic(file: file, line: line, column: column, reason: reason))
    }

    mutating func report(_ file: String, _ row: ResourceRow, _ column: String, _ reason: String) {
        let position = row.position(column)
        report(file, position.line, position.column, reason)
    }

    // MARK: Field conversions

    mutating func code<T: RawRepresentable & CaseIterable>(
        _ type: T.Type, _ row: ResourceRow, _ file: String, _ column: String, what: String,
        default defaultValue: T? = nil
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
        if text.contains(",") {
            reason += " (use a dot as decimal separator, e.g. \(text.replacingOccurrences(of: ",", with: ".")))"
        }
        report(file, row, column, reason)
        return nil
    }

    mutating func year(_ row: ResourceRow, _ file: String, _ column: String) -> Int? {
        let text = row.text(column)
        if let year = NumberParsing.year(text) { return year }
        report(file, row, column, "\"\(text)\" in \"\(column)\" is not a four-digit year")
        return nil
    }

    /// The indicator with this id, remembering the last one asked for (rows come grouped
    /// by indicator).
    mutating func indicator(_ id: String, in indicators: [String: Indicator]) -> Indicator? {
        if let recentIndicator, recentIndicator.id == id { return recentIndicator.indicator }
        let found = indicators[id]
        recentIndicator = (id, found)
        return found
    }

    mutating func reference(
        _ row: ResourceRow, _ file: String, _ column: String, in known: Set<String>, what: String
    ) -> Bool {
        let id = row.text(column)
        // Rows come grouped by entity and indicator: most ids are the previous row's.
        if let recent = recentReferences.firstIndex(where: { $0.what == what }), recentReferences[recent].id == id {
            return true
        }
        if known.contains(id) {
            if let recent = recentReferences.firstIndex(where: { $0.what == what }) {
                recentReferences[recent].id = id
            } else {
                recentReferences.append((what, id))
            }
            return true
        }
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
            koladaID: kolada.isEmpty ? nil : kolada, nameEn: row.text("name_en"))
    }

    mutating func indicator(_ row: ResourceRow, _ file: String) -> Indicator? {
        let unit = code(IndicatorUnit.self, row, file, "unit", what: "unit")
        let polarity = code(Polarity.self, row, file, "polarity", what: "polarity")
        let lower = number(row, file, "lower_bound")
        let upper = number(row, file, "upper_bound")
        guard let unit, let polarity, let lower, let upper else { return nil }
        if let lower, let upper, lower >= upper {
            report(
                file, row, "upper_bound",
                "upper bound \(NumberFormatting.plain(upper)) is not above lower bound \(NumberFormatting.plain(lower))"
            )
            return nil
        }
        let kolada = row.text("kolada_kpi")
        let pool = row.text("pool")
        return Indicator(
            id: row.text("indicator_id"), titleSv: row.text("title_sv"), titleEn: row.text("title_en"),
            unit: unit, lowerBound: lower, upperBound: upper, polarity: polarity,
            source: row.text("source"), koladaKPI: kolada.isEmpty ? nil : kolada, pool: pool.isEmpty ? nil : pool)
    }

    /// Goals whose parents lead back to themselves (a → b → a): each goal on a cycle is
    /// reported at its `parent_goal`, with the cycle spelled out. (A goal naming itself is
    /// reported by ``goal(_:_:goalIDs:)``.)
    mutating func reportParentCycles(_ rows: [(ResourceRow, String)]) {
        var parentOf: [String: String] = [:]
        for (row, _) in rows where !row.text("parent_goal").isEmpty {
            parentOf[row.text("goal_id")] = row.text("parent_goal")
        }
        for (row, file) in rows {
            let id = row.text("goal_id")
            guard let first = parentOf[id], first != id else { continue }
            var path = [id]
            var current = first
            // At most as many steps as there are goals with parents.
            while current != id, path.count <= parentOf.count, let next = parentOf[current] {
                path.append(current)
                current = next
            }
            if current == id {
                report(
                    file, row, "parent_goal",
                    "goal \"\(id)\" is its own ancestor: " + (path + [id]).joined(separator: " → "))
            }
        }
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
        guard checkBounds(value, indicator(row.text("indicator_id"), in: indicators), row, file, "value") else {
            return nil
        }
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
        guard checkBounds(value, indicator(row.text("indicator_id"), in: indicators), row, file, "value") else {
            return nil
        }
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
        guard let amounts = code(BudgetLine.Amounts.self, row, file, "amounts", what: "amounts", default: .signed)
        else {
            return nil
        }
        return BudgetLine(
            entityID: row.text("entity_id"), lineID: row.text("line_id"), titleSv: row.text("title_sv"),
            year: year, budget: budget, outcome: outcome, parentLineID: parent.isEmpty ? nil : parent,
            titleEn: row.text("title_en"), amounts: amounts)
    }

    /// The groups of `entity_groups.csv`, in order of first appearance, each with its
    /// members in file order. Every row of a group must repeat its title and
    /// `for_entity_id`; a row that does not is reported.
    mutating func entityGroups(_ rows: [(ResourceRow, String)], entityIDs: Set<String>) -> [EntityGroup] {
        var groups: [EntityGroup] = []
        var position: [String: Int] = [:]
        for (row, file) in rows {
            let knownMember = reference(row, file, "entity_id", in: entityIDs, what: "entity")
            let forEntity = row.text("for_entity_id")
            let knownFocus = forEntity.isEmpty || reference(row, file, "for_entity_id", in: entityIDs, what: "entity")
            guard knownMember, knownFocus else { continue }
            let id = row.text("group_id")
            let title = row.text("title")
            if let index = position[id] {
                guard groups[index].title == title, (groups[index].forEntityID ?? "") == forEntity else {
                    report(file, row, "title", "group \"\(id)\" has another title or for_entity_id on an earlier row")
                    continue
                }
                groups[index].memberIDs.append(row.text("entity_id"))
            } else {
                position[id] = groups.count
                groups.append(
                    EntityGroup(
                        id: id, title: title, forEntityID: forEntity.isEmpty ? nil : forEntity,
                        memberIDs: [row.text("entity_id")]))
            }
        }
        return groups
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
