import Foundation
import PrognosModel

/// Reads a wide table as planners export it from spreadsheets: one row per indicator
/// (optionally per entity), one column per year.
///
/// - Encoding: UTF-8 with or without a byte-order mark; input that is not valid UTF-8 is
///   read as Windows-1252 (what Excel writes on Swedish Windows).
/// - Delimiter: `;`, tab or `,`, whichever occurs most in the header line outside quotes
///   (`;` wins ties with `,`, since Swedish exports use decimal commas).
/// - Columns: a header holding a four-digit year (1900–2100) is a year column — an
///   outcome column, or a target column when it also says `mål`/`target` (`Mål 2023`);
///   before the first year column, a column headed entity/kommun/organisation/nämnd/
///   förvaltning names the entity, one headed unit/enhet/måttenhet the unit, and the
///   first other column the indicator.
/// - Cells: see ``SpreadsheetNumber`` (decimal comma, `%`, `-` or empty for missing,
///   `(73)` for preliminary, spaces and non-breaking spaces, U+2212).
///
/// Indicator ids are the titles made lower-case with runs of other characters turned
/// into `-`; units are taken from the unit column (`%` → percent, `index`, `skala` →
/// scale, `antal` → count, `tkr` → sek_thousands), else percent when a cell of the row
/// had `%`, else number; percentages are bounded 0–100. Strict: every unreadable cell is
/// an error with its location; lenient: such cells are left out and listed as rejected.
public enum WideTableReader {
    /// The text of a table's bytes: UTF-16 by its byte-order mark (Excel's "Unicode
    /// text"), UTF-8 with or without one, else Windows-1252 (Excel's "CSV" on Windows).
    public static func decode(_ data: Data) -> String {
        var bytes = data
        // UTF-16 (Excel's "Unicode text" export) by its byte-order mark.
        if bytes.starts(with: [0xFF, 0xFE]), let text = String(data: bytes.dropFirst(2), encoding: .utf16LittleEndian) {
            return text
        }
        if bytes.starts(with: [0xFE, 0xFF]), let text = String(data: bytes.dropFirst(2), encoding: .utf16BigEndian) {
            return text
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let text = String(data: bytes, encoding: .utf8) { return text }
        return String(data: bytes, encoding: .windowsCP1252) ?? String(decoding: bytes, as: UTF8.self)
    }

    static func delimiter(of text: String) -> CSVDelimiter {
        var counts: [Unicode.Scalar: Int] = [";": 0, "\t": 0, ",": 0]
        var quoted = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\r" { break }
            if scalar == "\"" { quoted.toggle() }
            if !quoted, counts[scalar] != nil { counts[scalar, default: 0] += 1 }
        }
        let semicolons = counts[";"] ?? 0
        let tabs = counts["\t"] ?? 0
        let commas = counts[","] ?? 0
        if tabs > semicolons && tabs > commas { return .tab }
        if semicolons > 0 && semicolons >= commas { return .semicolon }
        return commas > 0 ? .comma : .semicolon
    }

    static func year(in header: String) -> Int? {
        let characters = Array(header)
        var index = 0
        while index + 4 <= characters.count {
            let slice = String(characters[index..<(index + 4)])
            let before = index == 0 || !characters[index - 1].isNumber
            let after = index + 4 == characters.count || !characters[index + 4].isNumber
            if before, after, let value = Int(slice), (1900...2100).contains(value) { return value }
            index += 1
        }
        return nil
    }

    static func slug(_ title: String) -> String {
        var out = ""
        var dash = false
        for character in title.lowercased() {
            if character.isLetter || character.isNumber {
                out.append(character)
                dash = false
            } else if !dash && !out.isEmpty {
                out.append("-")
                dash = true
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return String(out.prefix(60))
    }

    static func unit(_ text: String) -> IndicatorUnit? {
        let t = text.lowercased().trimmingCharacters(in: .whitespaces)
        if t.isEmpty { return nil }
        if t.contains("%") || t.contains("procent") || t == "percent" || t.contains("andel") { return .percent }
        if t.contains("index") { return .index }
        if t.contains("skala") || t.contains("scale") { return .scale }
        if t.contains("tkr") { return .sekThousands }
        if t.contains("antal") || t.contains("count") { return .count }
        return IndicatorUnit(rawValue: t) ?? .number
    }

    /// Reads a wide table: a CSV export, or an .xlsx workbook (by its extension or its
    /// ZIP signature) through ``XLSXWorkbook``, with the same rules and the same strict and
    /// lenient modes; a workbook's problems name their cell (`budget.xlsx:Drift!C7`).
    ///
    /// A workbook: `sheet` names the one sheet to read; without it every sheet is read
    /// whose header holds a year (the others are skipped with a warning), and when more
    /// than one is read each indicator id starts with its sheet's (`drift.nki`), so that
    /// the same row title on two sheets stays two indicators.
    public static func read(
        _ data: Data, file: String, name: String, defaultEntity: String = "organisation", sheet: String? = nil,
        lenient: Bool = false
    ) throws(InvalidInput) -> DatasetReading {
        if file.lowercased().hasSuffix(".xlsx") || data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            return try readWorkbook(
                data, file: file, name: name, defaultEntity: defaultEntity, sheet: sheet, lenient: lenient)
        }
        if let sheet {
            throw InvalidInput([Diagnostic(file: file, reason: "--sheet \(sheet) applies to .xlsx workbooks only")])
        }
        let text = decode(data)
        let (table, csvProblems) = CSVTable.parse(text, file: file, delimiter: delimiter(of: text))
        return try read(
            table: table, problems: csvProblems, file: file, sheet: nil, idPrefix: "", name: name,
            defaultEntity: defaultEntity, lenient: lenient)
    }

    /// The sheets of a workbook, each read as a table.
    private static func readWorkbook(
        _ data: Data, file: String, name: String, defaultEntity: String, sheet wanted: String?, lenient: Bool
    ) throws(InvalidInput) -> DatasetReading {
        let workbook = try XLSXWorkbook.read(data, file: file)
        var chosen = workbook.sheets
        if let wanted {
            chosen = workbook.sheets.filter { $0.name == wanted }
            guard !chosen.isEmpty else {
                let names = workbook.sheets.map { "\"\($0.name)\"" }.joined(separator: ", ")
                throw InvalidInput([
                    Diagnostic(file: file, reason: "no sheet \"\(wanted)\" (the workbook has \(names))")
                ])
            }
        }
        // Several sheets: each indicator id starts with its sheet's; two sheets whose names
        // make the same prefix would make the same ids.
        if chosen.count > 1 {
            var owner: [String: String] = [:]
            for sheet in chosen {
                let prefix = slug(sheet.name)
                if let other = owner[prefix] ?? (prefix.isEmpty ? "" : nil) {
                    throw InvalidInput([
                        Diagnostic(
                            file: file,
                            reason: other.isEmpty
                                ? "the sheet's name makes no id prefix; read it alone with --sheet"
                                : "the sheet's name makes the same id prefix as sheet \"\(other)\"; read each with --sheet",
                            sheet: sheet.name)
                    ])
                }
                owner[prefix] = sheet.name
            }
        }
        var readings: [DatasetReading] = []
        var skipped: [InvalidInput] = []
        for sheet in chosen {
            let table = try grid(sheet, file: file)
            guard
                table.header.contains(where: { year(in: $0.text.trimmingCharacters(in: .whitespaces)) != nil })
                    || wanted != nil
            else {
                skipped.append(
                    InvalidInput([
                        Diagnostic(
                            file: file, reason: "no column header holds a year (e.g. 2022 or Utfall 2022); skipped",
                            sheet: sheet.name)
                    ]))
                continue
            }
            readings.append(
                try read(
                    table: table, problems: [], file: file, sheet: sheet.name,
                    idPrefix: chosen.count > 1 ? slug(sheet.name) + "." : "", name: name,
                    defaultEntity: defaultEntity, lenient: lenient))
        }
        guard !readings.isEmpty else {
            throw InvalidInput(skipped.flatMap(\.diagnostics))
        }
        // The first sheet's dataset, with the others' entities, indicators and values added.
        var result = readings[0]
        result.warnings = skipped.flatMap(\.diagnostics)
        for reading in readings.dropFirst() {
            for entity in reading.dataset.entities
            where !result.dataset.entities.contains(where: { $0.id == entity.id }) {
                result.dataset.entities.append(entity)
            }
            result.dataset.indicators += reading.dataset.indicators
            result.dataset.observations += reading.dataset.observations
            result.dataset.targets += reading.dataset.targets
            result.rejected += reading.rejected
        }
        return result
    }

    /// The most columns a sheet may use; a wide table has a column a year.
    public static let columnLimit = 2_000

    /// A sheet's non-empty rows as a table: the first is the header, every row as wide as
    /// the widest, each field at its row and column.
    private static func grid(_ sheet: XLSXWorkbook.Sheet, file: String) throws(InvalidInput) -> CSVTable {
        let rows = sheet.cells.keys.sorted().filter { row in sheet.cells[row]?.values.contains { !$0.isEmpty } == true }
        let width = sheet.cells.values.compactMap { $0.keys.max() }.max() ?? 0
        guard width <= columnLimit else {
            throw InvalidInput([
                Diagnostic(
                    file: file, reason: "uses \(width) columns; a wide table may use at most \(columnLimit)",
                    sheet: sheet.name)
            ])
        }
        let records = rows.map { row in
            (1...max(1, width)).map { column in
                CSVField(text: sheet.cells[row]?[column] ?? "", line: row, column: column)
            }
        }
        return CSVTable(header: records.first ?? [], records: Array(records.dropFirst()))
    }

    /// The dataset of one table (a CSV file, or a workbook's sheet).
    private static func read(
        table: CSVTable, problems csvProblems: [Diagnostic], file: String, sheet: String?, idPrefix: String,
        name: String, defaultEntity: String, lenient: Bool
    ) throws(InvalidInput) -> DatasetReading {
        func problem(_ line: Int, _ column: Int, _ reason: String, text: String? = nil) -> Diagnostic {
            Diagnostic(file: file, line: line, column: column, reason: reason, text: text, sheet: sheet)
        }
        var diagnostics = csvProblems
        let headers = table.header.map { $0.text.trimmingCharacters(in: .whitespaces) }
        guard let firstYear = headers.firstIndex(where: { year(in: $0) != nil }) else {
            throw InvalidInput([problem(1, 1, "no column header holds a year (e.g. 2022 or Utfall 2022)")])
        }
        var entityColumn: Int? = nil
        var unitColumn: Int? = nil
        var indicatorColumn: Int? = nil
        for index in 0..<firstYear {
            let h = headers[index].lowercased()
            if ["entity", "kommun", "municipality", "organisation", "nämnd", "förvaltning"].contains(where: {
                h.contains($0)
            }) {
                entityColumn = entityColumn ?? index
            } else if ["unit", "enhet", "måttenhet"].contains(where: { h == $0 || h.hasPrefix($0) }) {
                unitColumn = unitColumn ?? index
            } else if indicatorColumn == nil {
                indicatorColumn = index
            }
        }
        guard let indicatorColumn else {
            throw InvalidInput([problem(1, 1, "no indicator column before the first year column")])
        }
        let yearColumns: [(index: Int, year: Int, target: Bool)] = headers.enumerated().compactMap { index, header in
            guard index >= firstYear, let year = year(in: header) else { return nil }
            let h = header.lowercased()
            return (index, year, h.contains("mål") || h.contains("target"))
        }

        var dataset = Dataset(
            name: name, title: name,
            description: "Read by `prognos ingest wide` from \(URL(fileURLWithPath: file).lastPathComponent).")
        var rejected: [Diagnostic] = []
        var entityIDs: [String] = []
        var indicatorIndex: [String: Int] = [:]
        for record in table.records {
            let line = record.first?.line ?? 0
            guard record.count == table.header.count else {
                diagnostics.append(
                    problem(line, 1, "the row has \(record.count) fields, the header has \(table.header.count)"))
                continue
            }
            let title = record[indicatorColumn].text.trimmingCharacters(in: .whitespaces)
            guard !title.isEmpty else { continue }
            let entityName = entityColumn.map { record[$0].text.trimmingCharacters(in: .whitespaces) } ?? ""
            let entityID = entityName.isEmpty ? slug(defaultEntity) : slug(entityName)
            if !entityIDs.contains(entityID) {
                entityIDs.append(entityID)
                dataset.entities.append(
                    Entity(id: entityID, name: entityName.isEmpty ? defaultEntity : entityName, kind: .municipality))
            }
            let indicatorID = idPrefix + (slug(title).isEmpty ? "indicator-\(line)" : slug(title))
            var sawPercent = false
            var rowObservations: [Observation] = []
            var rowTargets: [Target] = []
            for column in yearColumns {
                let field = record[column.index]
                switch SpreadsheetNumber.parse(field.text) {
                case .missing:
                    continue
                case .invalid:
                    let reason = "\"\(field.text)\" in column \"\(headers[column.index])\" is not a number"
                    if lenient {
                        rejected.append(problem(field.line, field.column, reason, text: field.text))
                    } else {
                        diagnostics.append(problem(field.line, field.column, reason))
                    }
                case .value(let value, let preliminary, let percent):
                    sawPercent = sawPercent || percent
                    if column.target {
                        rowTargets.append(
                            Target(
                                entityID: entityID, indicatorID: indicatorID, goalID: "", year: column.year,
                                value: value, comparator: .atLeast))
                    } else {
                        rowObservations.append(
                            Observation(
                                entityID: entityID, indicatorID: indicatorID, year: column.year, value: value,
                                status: preliminary ? .preliminary : .final))
                    }
                }
            }
            if indicatorIndex[indicatorID] == nil {
                let unit: IndicatorUnit =
                    unitColumn.flatMap { Self.unit(record[$0].text) } ?? (sawPercent ? .percent : .number)
                indicatorIndex[indicatorID] = dataset.indicators.count
                dataset.indicators.append(
                    Indicator(
                        id: indicatorID, titleSv: title, titleEn: "", unit: unit,
                        lowerBound: unit == .percent ? 0 : nil,
                        upperBound: unit == .percent ? 100 : nil, polarity: .neutral,
                        source: URL(fileURLWithPath: file).lastPathComponent))
            }
            dataset.observations += rowObservations
            dataset.targets += rowTargets
        }
        guard diagnostics.isEmpty else { throw InvalidInput(diagnostics) }
        return DatasetReading(dataset: dataset, rejected: rejected)
    }
}
