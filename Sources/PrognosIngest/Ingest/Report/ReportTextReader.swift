import Foundation
import PrognosModel

/// Reads the text of a Swedish annual report (årsbokslut) like the seed report: goals,
/// their assessments, indicator tables, and the numbers the comments give for the same
/// series.
///
/// What it recognises, line by line (tables are tab-separated):
/// - a council goal heading `N. <title>` (N = 1…9) directly followed by a committee goal
///   heading → goal `kf-N`;
/// - `Kommunstyrelsens mål N - <title>` → goal `ks-N` under the latest council goal;
///   a title saying `ska vara X procent år YYYY` sets an X target for YYYY on each of the
///   goal's indicators;
/// - `Bedömning: <label>` → the goal's reported assessment (Helt uppfyllt, I hög grad
///   uppfyllt, Delvis uppfyllt, Ej uppfyllt, Ej utvärderad);
/// - `Indikator: <title>` followed by a header row (`Mål 2023`, `Preliminärt utfall
///   2023`, `Utfall 2022`, …) and a value row → indicator `ks-N.K` (K-th of goal N), a
///   target per `Mål` column and an outcome per `Utfall` column (`(73)` or a
///   `Preliminärt` column is preliminary, `-` is missing);
/// - in a goal's comment (one-indicator goals): `(v) YYYY` → an outcome of its indicator
///   in year YYYY; `genomsnittet v` → the same indicator for entity `genomsnitt` in the
///   table's latest year.
///
/// Units and bounds come from the indicator's title and values: `(%)`, `andel` or `%`
/// values → percent 0–100; `index a–b` → index a…b; `skala a–b` → scale a…b; NKI/NUI →
/// index 0–100. Targets are `>=` and polarity higher-is-better (the report's goals all
/// ask for more). Cells, rows and checkpoints it cannot read (a value that is not a
/// number, an unknown assessment) fail a strict read and are left out and listed as
/// rejected by a lenient one; tables of other kinds are skipped with a warning. It reads the numbers from the text; it holds no list of
/// known values.
///
/// Other tab-separated tables, outside goal indicator blocks:
/// - statistics tables (a named header and year columns: staff, work injuries, sick
///   leave) → indicators and outcomes of the staff entity (``ReportStatisticsTable``);
/// - budget tables (`Budget YYYY` and `Bokslut YYYY` columns) → budget lines of the
///   budget entity, named by the heading above the table (``ReportBudgetTable``);
/// - a Prognossäkerhet table (`Prognos` column) → forecast vintages of a line of the
///   budget table above it (``ReportForecastCheckpoints``);
/// - any other table (contents, assignments, internal control) is skipped with one
///   warning at its header.
public enum ReportTextReader {
    /// Whom the report's numbers describe: the goal indicators (usually the
    /// municipality), the budget tables (the committee) and the staff tables (its
    /// administration). The report does not say in a form a reader can take, so the
    /// user names them; each defaults to the goal indicators' entity.
    public struct Entities: Sendable {
        public var goals: String
        public var budget: String
        public var staff: String

        public init(goals: String, budget: String? = nil, staff: String? = nil) {
            self.goals = goals
            self.budget = budget ?? goals
            self.staff = staff ?? goals
        }
    }

    /// Reads the report's text (see ``DatasetReading`` for `lenient`).
    ///
    /// - Throws: ``InvalidInput`` when nothing in the text is a goal, indicator,
    ///   statistics, budget or forecast table, and, unless `lenient`, for each cell, row or
    ///   checkpoint it cannot read.
    public static func read(
        _ text: String, file: String, name: String, entities: Entities, lenient: Bool = false
    ) throws(InvalidInput) -> DatasetReading {
        let (dataset, problems) = readAll(text, file: file, name: name, entities: entities)
        guard
            !(dataset.goals.isEmpty && dataset.indicators.isEmpty && dataset.observations.isEmpty
                && dataset.budgetLines.isEmpty && dataset.forecastVintages.isEmpty)
        else {
            throw InvalidInput([
                Diagnostic(
                    file: file,
                    reason:
                        "no goal, indicator table, statistics table, budget table or forecast checkpoint was found in the text"
                )
            ])
        }
        guard lenient || problems.rejected.isEmpty else { throw InvalidInput(problems.rejected) }
        return DatasetReading(dataset: dataset, rejected: problems.rejected, warnings: problems.warnings)
    }

    /// ``read(_:file:name:entities:lenient:)`` with every entity `entity`.
    public static func read(_ text: String, file: String, name: String, entity: String, lenient: Bool = false)
        throws(InvalidInput) -> DatasetReading
    {
        try read(text, file: file, name: name, entities: Entities(goals: entity), lenient: lenient)
    }

    private static func readAll(_ text: String, file: String, name: String, entities: Entities) -> (
        Dataset, ReportProblems
    ) {
        let entity = entities.goals
        let lines = text.components(separatedBy: "\n").map { $0.replacingOccurrences(of: "\r", with: "") }
        var dataset = Dataset(
            name: name, title: name,
            description: "Read by `prognos ingest report` from \(URL(fileURLWithPath: file).lastPathComponent).")
        var problems = ReportProblems()
        dataset.entities.append(Entity(id: entity, name: entity, kind: .municipality))
        var heading: String? = nil
        var lastBudgetTable: [BudgetLine] = []
        var budgetSections: Set<String> = []
        func addEntity(_ id: String, _ kind: EntityKind) {
            if !dataset.entities.contains(where: { $0.id == id }) {
                dataset.entities.append(Entity(id: id, name: id, kind: kind))
            }
        }
        var council: String? = nil
        var councilGoals: [Goal] = []
        var goalNumber: Int? = nil
        var indicatorCount = 0
        var goalTitleTarget: (value: Double, year: Int)? = nil
        var lastTableYear: Int? = nil
        var index = 0
        func nonEmpty(after i: Int) -> Int? {
            var j = i + 1
            while j < lines.count {
                if !lines[j].trimmingCharacters(in: .whitespaces).isEmpty { return j }
                j += 1
            }
            return nil
        }
        while index < lines.count {
            let line = lines[index].trimmingCharacters(in: .whitespaces)
            defer { index += 1 }
            if let (number, title) = councilHeading(line), let next = nonEmpty(after: index),
                lines[next].trimmingCharacters(in: .whitespaces).hasPrefix("Kommunstyrelsens mål ")
            {
                let id = "kf-\(number)"
                if !councilGoals.contains(where: { $0.id == id }) {
                    councilGoals.append(Goal(id: id, titleSv: title, titleEn: ""))
                }
                council = id
                continue
            }
            if line.hasPrefix("Kommunstyrelsens mål "), let dash = line.range(of: " - ") {
                let numberText = line[
                    line.index(line.startIndex, offsetBy: "Kommunstyrelsens mål ".count)..<dash.lowerBound]
                guard let number = Int(numberText.trimmingCharacters(in: .whitespaces)) else { continue }
                let title = String(line[dash.upperBound...]).trimmingCharacters(in: .whitespaces)
                goalNumber = number
                indicatorCount = 0
                lastTableYear = nil
                goalTitleTarget = titleTarget(title)
                dataset.goals.append(Goal(id: "ks-\(number)", parentGoal: council, titleSv: title, titleEn: ""))
                continue
            }
            if line.hasPrefix("Bedömning:"), let number = goalNumber,
                let goalIndex = dataset.goals.firstIndex(where: { $0.id == "ks-\(number)" })
            {
                let label = line.dropFirst("Bedömning:".count).trimmingCharacters(in: CharacterSet.letters.inverted)
                dataset.goals[goalIndex].reportedAssessment = Assessment.allCases.first {
                    $0.label(.sv).lowercased() == label.lowercased()
                }
                if dataset.goals[goalIndex].reportedAssessment == nil {
                    problems.rejected.append(
                        Diagnostic(file: file, line: index + 1, column: 1, reason: "unknown assessment \"\(label)\""))
                }
                continue
            }
            if line.hasPrefix("Indikator: "), let number = goalNumber,
                let headerIndex = nonEmpty(after: index), let valueIndex = nonEmpty(after: headerIndex)
            {
                indicatorCount += 1
                let indicatorID = "ks-\(number).\(indicatorCount)"
                let title = String(line.dropFirst("Indikator: ".count)).trimmingCharacters(in: .whitespaces)
                let headers = lines[headerIndex].components(separatedBy: "\t").map {
                    $0.trimmingCharacters(in: .whitespaces)
                }
                let values = lines[valueIndex].components(separatedBy: "\t").map {
                    $0.trimmingCharacters(in: .whitespaces)
                }
                var sawPercent = title.contains("(%)") || title.lowercased().contains("andel")
                var observations: [Observation] = []
                for (column, header) in headers.enumerated() where column < values.count {
                    guard let year = WideTableReader.year(in: header) else {
                        problems.rejected.append(
                            Diagnostic(
                                file: file, line: headerIndex + 1, column: column + 1,
                                reason: "column \"\(header)\" has no year"))
                        continue
                    }
                    let cell = values[column]
                    switch SpreadsheetNumber.parse(cell) {
                    case .missing:
                        continue
                    case .invalid:
                        problems.rejected.append(
                            Diagnostic(
                                file: file, line: valueIndex + 1, column: column + 1,
                                reason: "\"\(cell)\" is not a number"))
                    case .value(let value, let preliminary, let percent):
                        sawPercent = sawPercent || percent
                        if header.lowercased().hasPrefix("mål") {
                            dataset.targets.append(
                                Target(
                                    entityID: entity, indicatorID: indicatorID, goalID: "ks-\(number)", year: year,
                                    value: value, comparator: .atLeast))
                        } else {
                            let isPreliminary = preliminary || header.lowercased().hasPrefix("preliminärt")
                            observations.append(
                                Observation(
                                    entityID: entity, indicatorID: indicatorID, year: year, value: value,
                                    status: isPreliminary ? .preliminary : .final))
                            lastTableYear = max(lastTableYear ?? year, year)
                        }
                    }
                }
                dataset.observations += observations.sorted { $0.year < $1.year }
                if let goalTitleTarget {
                    dataset.targets.append(
                        Target(
                            entityID: entity, indicatorID: indicatorID, goalID: "ks-\(number)",
                            year: goalTitleTarget.year, value: goalTitleTarget.value, comparator: .atLeast))
                }
                let (unit, lower, upper) = unitAndBounds(title: title, percent: sawPercent)
                dataset.indicators.append(
                    Indicator(
                        id: indicatorID, titleSv: title, titleEn: "", unit: unit, lowerBound: lower, upperBound: upper,
                        polarity: .higherIsBetter, source: "report"))
                index = valueIndex
                continue
            }
            if lines[index].contains("\t"), let table = ReportTable.read(lines, at: index) {
                // A table outside an indicator block ends the goal section.
                goalNumber = nil
                if ReportStatisticsTable.recognises(table) {
                    let read = ReportStatisticsTable.read(
                        table, entity: entities.staff, file: file, takenIDs: Set(dataset.indicators.map(\.id)),
                        problems: &problems)
                    if !read.indicators.isEmpty { addEntity(entities.staff, .administration) }
                    dataset.indicators += read.indicators
                    dataset.observations += read.observations
                } else if ReportBudgetTable.columns(table.header) != nil {
                    var section = heading ?? "budget"
                    var number = 2
                    while budgetSections.contains(IdentifierSlug.make(section)) {
                        section = (heading ?? "budget") + " \(number)"
                        number += 1
                    }
                    budgetSections.insert(IdentifierSlug.make(section))
                    if heading == nil {
                        problems.warnings.append(
                            Diagnostic(
                                file: file, line: index + 1, column: 1,
                                reason: "budget table without a heading above it; its lines are named budget.*"))
                    }
                    lastBudgetTable = ReportBudgetTable.read(
                        table, entity: entities.budget, section: section, file: file, problems: &problems)
                    if !lastBudgetTable.isEmpty { addEntity(entities.budget, .committee) }
                    dataset.budgetLines += lastBudgetTable
                } else if ReportForecastCheckpoints.recognises(table) {
                    var following: [String] = []
                    var next = table.lastLine + 1
                    while next < lines.count, following.count < 10, !lines[next].contains("\t") {
                        let text = lines[next].trimmingCharacters(in: .whitespaces)
                        if !text.isEmpty {
                            if isHeading(text) { break }
                            following.append(text)
                        }
                        next += 1
                    }
                    dataset.forecastVintages += ReportForecastCheckpoints.read(
                        table, budget: lastBudgetTable, followingText: following, file: file, problems: &problems)
                } else {
                    problems.warnings.append(
                        Diagnostic(
                            file: file, line: index + 1, column: 1,
                            reason:
                                "table \"\(String((table.header.first ?? "").prefix(40)))\" is not an indicator, statistics, budget or forecast table; skipped"
                        ))
                }
                index = table.lastLine
                continue
            }
            if isHeading(line) { heading = line }
            // Comments of a one-indicator goal.
            if let number = goalNumber, indicatorCount == 1, !line.isEmpty, !line.contains("\t") {
                let indicatorID = "ks-\(number).1"
                for (value, year) in parenthesisedValues(line)
                where !dataset.observations.contains(where: {
                    $0.entityID == entity && $0.indicatorID == indicatorID && $0.year == year
                }) {
                    dataset.observations.append(
                        Observation(entityID: entity, indicatorID: indicatorID, year: year, value: value))
                }
                if let average = averageValue(line), let year = lastTableYear {
                    if !dataset.entities.contains(where: { $0.id == "genomsnitt" }) {
                        dataset.entities.append(
                            Entity(
                                id: "genomsnitt", name: "Genomsnittet som årsbokslutet jämför med", kind: .comparison))
                    }
                    dataset.observations.append(
                        Observation(entityID: "genomsnitt", indicatorID: indicatorID, year: year, value: average))
                }
            }
        }
        // Council goals first, as the canonical goals.csv lists parents before children.
        dataset.goals = councilGoals + dataset.goals
        return (dataset, problems)
    }

    /// A short line that starts with a capital letter and does not end a sentence:
    /// `Drift`, `Investeringar`, `Drift Exploateringsverksamheten`.
    static func isHeading(_ line: String) -> Bool {
        guard let first = line.first, first.isUppercase, line.count <= 80, !line.contains("\t") else { return false }
        return !(line.hasSuffix(".") || line.hasSuffix(":") || line.hasSuffix(";") || line.hasSuffix(","))
    }

    /// `N. <title>` with N a single digit and a capitalised title.
    static func councilHeading(_ line: String) -> (Int, String)? {
        guard line.count > 4, let first = line.first, first.isNumber, line.dropFirst().hasPrefix(". "),
            let number = Int(String(first))
        else { return nil }
        let title = String(line.dropFirst(3))
        guard let initial = title.first, initial.isUppercase, !title.contains("\t") else { return nil }
        return (number, title)
    }

    /// `ska vara X procent år YYYY` in a goal title.
    static func titleTarget(_ title: String) -> (value: Double, year: Int)? {
        guard let range = title.range(of: "ska vara ") else { return nil }
        let words = title[range.upperBound...].split(separator: " ")
        guard words.count >= 4, words[1] == "procent", words[2] == "år",
            case .value(let value, _, _) = SpreadsheetNumber.parse(String(words[0])), let year = Int(words[3])
        else { return nil }
        return (value, year)
    }

    /// `(v) YYYY` pairs in a comment line.
    static func parenthesisedValues(_ line: String) -> [(Double, Int)] {
        var results: [(Double, Int)] = []
        var rest = Substring(line)
        while let open = rest.firstIndex(of: "("), let close = rest[open...].firstIndex(of: ")") {
            let inside = String(rest[rest.index(after: open)..<close])
            let after = rest[rest.index(after: close)...].trimmingCharacters(in: .whitespaces)
            if case .value(let value, _, _) = SpreadsheetNumber.parse(inside), after.count >= 4,
                let year = Int(after.prefix(4)), (1900...2100).contains(year)
            {
                results.append((value, year))
            }
            rest = rest[rest.index(after: close)...]
        }
        return results
    }

    /// `genomsnittet v` in a comment line.
    static func averageValue(_ line: String) -> Double? {
        guard let range = line.range(of: "genomsnittet ") else { return nil }
        let word = line[range.upperBound...].prefix { !$0.isWhitespace }
        var token = String(word)
        while let last = token.last, !last.isNumber { token.removeLast() }
        if case .value(let value, _, _) = SpreadsheetNumber.parse(token) { return value }
        return nil
    }

    static func unitAndBounds(title: String, percent: Bool) -> (IndicatorUnit, Double?, Double?) {
        let lower = title.lowercased()
        if let range = rangeIn(lower, after: "skala") { return (.scale, range.0, range.1) }
        if let range = rangeIn(lower, after: "index") { return (.index, range.0, range.1) }
        if percent { return (.percent, 0, 100) }
        if lower.contains("nki") || lower.contains("nui") || lower.contains("index") { return (.index, 0, 100) }
        return (.number, nil, nil)
    }

    /// `a–b` right after a word (`skala 1–6`, `index 1–100`).
    static func rangeIn(_ text: String, after word: String) -> (Double, Double)? {
        guard let range = text.range(of: word + " ") else { return nil }
        let token = text[range.upperBound...].prefix { !$0.isWhitespace && $0 != ")" }
        let parts = token.split(whereSeparator: { $0 == "–" || $0 == "-" })
        guard parts.count == 2, let a = Double(parts[0]), let b = Double(parts[1]), a < b else { return nil }
        return (a, b)
    }
}
