import Foundation
import PrognosModel

/// Reads Kolada (the Swedish municipal KPI database) into a canonical dataset.
///
/// Inputs, any mix (`../shared/reference/kolada/FORMAT.md` documents the formats):
/// - API v2 and v3 **data responses**: `{"values": [{"kpi", "municipality" | "ou",
///   "period", "values": [{"gender", "count", "status", "value", "isdeleted" |
///   "is_deleted"}]}], "count", "next_page" | "next_url"}`. `period` may be a number or a
///   string; a `null` value, a deleted value and status `Missing` are left out; genders
///   T, K and M are kept. Paged responses are read as the separate files they were saved
///   to; a page that names a next page not among the inputs is reported as a warning.
/// - **Metadata responses**: KPIs (`{"values": [{"id", "title", …}]}`) for titles;
///   municipalities (`{"id", "title", "type": "K" | "L"}`) for entity names; municipality
///   groups (`{"id", "title", "members": [{"id", "title"}]}`) as comparison groups, by the
///   same rule as `municipality_group_members.csv` (``KoladaGroups``). These are what
///   `prognos fetch kolada` saves, so `ingest kolada` on its cache gives the same dataset.
/// - the tidy CSV of reference values (`kpi, municipality, year, gender, value, …`).
///
/// With a KPI catalogue (`kpi_catalogue.csv`: `id, title, …`) KPI ids get their titles;
/// with `municipalities.csv` (`id, title, type`) entities get their names; with
/// `municipality_group_members.csv` the comparison groups become entity groups
/// (``KoladaGroups``). Entities are
/// the municipalities (ids with their leading zeros, kind `municipality`, `kolada_id`
/// set); indicators the KPIs, with units from their titles ("andel (%)" → percent 0–100,
/// "index" → index, "antal" → count, else number) and neutral polarity (Kolada does not
/// say which direction is better). Strict by default: any malformed entry fails the read
/// with every problem listed; with `lenient` the malformed entries are skipped and listed
/// as rejected.
public enum KoladaReader {
    public struct Input: Sendable {
        public var file: String
        public var data: Data

        public init(file: String, data: Data) {
            self.file = file
            self.data = data
        }
    }

    struct Value {
        var kpi: String
        var municipality: String
        var year: Int
        var gender: Gender
        var value: Double
    }

    public static func read(
        _ inputs: [Input], catalogue: Data? = nil, municipalities: Data? = nil, groups: Input? = nil, name: String,
        lenient: Bool = false
    ) throws(InvalidInput) -> DatasetReading {
        var diagnostics: [Diagnostic] = []
        var warnings: [Diagnostic] = []
        var values: [Value] = []
        var titles: [String: String] = [:]
        var fetchedNames: [String: String] = [:]
        var listedGroups: [KoladaGroups.Listed] = []
        var nextPages: [(String, String)] = []
        for input in inputs {
            if input.file.lowercased().hasSuffix(".csv") {
                values += readTidy(input, &diagnostics)
                continue
            }
            let json: Any
            do {
                json = try JSONSerialization.jsonObject(with: input.data)
            } catch {
                diagnostics.append(Diagnostic(file: input.file, reason: "not valid JSON"))
                continue
            }
            guard let object = json as? [String: Any], let entries = object["values"] as? [Any] else {
                diagnostics.append(Diagnostic(file: input.file, reason: "not a Kolada response: no \"values\" array"))
                continue
            }
            for key in ["next_url", "next_page"] {
                if let next = object[key] as? String, !next.isEmpty { nextPages.append((input.file, next)) }
            }
            for (index, entry) in entries.enumerated() {
                guard let item = entry as? [String: Any] else {
                    diagnostics.append(Diagnostic(file: input.file, reason: "values[\(index)] is not an object"))
                    continue
                }
                if let id = item["id"] as? String, let title = item["title"] as? String, item["kpi"] == nil {
                    if let members = item["members"] as? [Any] {
                        let ids = members.compactMap { ($0 as? [String: Any])?["id"] as? String }
                        listedGroups.append(KoladaGroups.Listed(id: id, title: title, members: ids, line: 0))
                    } else if let type = item["type"] as? String, ["K", "L"].contains(type) {
                        fetchedNames[id] = title
                    } else {
                        titles[id] = title
                    }
                    continue
                }
                guard let kpi = item["kpi"] as? String else {
                    diagnostics.append(Diagnostic(file: input.file, reason: "values[\(index)] has no \"kpi\""))
                    continue
                }
                guard let municipality = (item["municipality"] ?? item["ou"]) as? String else {
                    diagnostics.append(
                        Diagnostic(file: input.file, reason: "values[\(index)] has no \"municipality\" or \"ou\""))
                    continue
                }
                let period: Int?
                if let number = item["period"] as? NSNumber {
                    // A whole number only: 2019.5 is no year (intValue would make it 2019).
                    let value = number.doubleValue
                    period = value == value.rounded() && abs(value) < 1e6 ? Int(value) : nil
                } else if let text = item["period"] as? String {
                    period = NumberParsing.year(text)
                } else {
                    period = nil
                }
                guard let year = period, (1000...9999).contains(year) else {
                    diagnostics.append(Diagnostic(file: input.file, reason: "values[\(index)] has no valid \"period\""))
                    continue
                }
                for (position, raw) in ((item["values"] as? [Any]) ?? []).enumerated() {
                    guard let cell = raw as? [String: Any] else { continue }
                    let deleted = ["isdeleted", "is_deleted"].contains { key in
                        (cell[key] as? Bool) == true || (cell[key] as? NSNumber)?.intValue == 1
                    }
                    if deleted || (cell["status"] as? String) == "Missing" { continue }
                    guard let number = cell["value"] as? NSNumber else { continue }
                    let genderCode = cell["gender"] as? String ?? "T"
                    guard let gender = Gender(rawValue: genderCode) else {
                        diagnostics.append(
                            Diagnostic(
                                file: input.file,
                                reason: "values[\(index)].values[\(position)]: unknown gender \"\(genderCode)\""))
                        continue
                    }
                    values.append(
                        Value(
                            kpi: kpi, municipality: municipality, year: year, gender: gender, value: number.doubleValue)
                    )
                }
            }
        }
        let inputNames = Set(inputs.flatMap { [$0.file, URL(fileURLWithPath: $0.file).lastPathComponent] })
        for (file, next) in nextPages
        where !inputNames.contains(next) && !inputNames.contains(URL(string: next)?.lastPathComponent ?? next) {
            warnings.append(Diagnostic(file: file, reason: "names a next page that is not among the inputs: \(next)"))
        }
        // A side file that is not what it says is an error, not a silent no-op.
        var names = fetchedNames
        for (index, (data, label)) in [(catalogue, "the KPI catalogue"), (municipalities, "the municipalities file")]
            .enumerated()
        {
            guard let data else { continue }
            guard let columns = readColumns(data, key: "id", value: "title") else {
                diagnostics.append(
                    Diagnostic(file: label, reason: "has no \"id\" and \"title\" columns in its header row"))
                continue
            }
            if index == 0 { titles.merge(columns) { own, _ in own } } else { names.merge(columns) { _, file in file } }
        }
        guard diagnostics.isEmpty || lenient else { throw InvalidInput(diagnostics) }

        // One value per key; a later input overrides an earlier one (a newer fetch revises).
        var latest: [String: Value] = [:]
        var order: [String] = []
        for value in values {
            let key = "\(value.kpi)|\(value.municipality)|\(value.year)|\(value.gender.rawValue)"
            if latest[key] == nil { order.append(key) }
            latest[key] = value
        }
        var dataset = Dataset(
            name: name, title: name,
            description: "Kolada values read by `prognos ingest kolada`. Källa: Kolada (CC BY 4.0).")
        var seenEntities = Set<String>()
        var seenKPIs = Set<String>()
        for key in order {
            guard let value = latest[key] else { continue }
            if seenEntities.insert(value.municipality).inserted {
                dataset.entities.append(
                    Entity(
                        id: value.municipality, name: names[value.municipality] ?? value.municipality,
                        kind: .municipality, koladaID: value.municipality))
            }
            if seenKPIs.insert(value.kpi).inserted {
                let title = titles[value.kpi] ?? value.kpi
                let unit = unit(of: title)
                dataset.indicators.append(
                    Indicator(
                        id: value.kpi, titleSv: title, titleEn: "", unit: unit, lowerBound: unit == .percent ? 0 : nil,
                        upperBound: unit == .percent ? 100 : nil, polarity: .neutral, source: "Kolada",
                        koladaKPI: value.kpi))
            }
            dataset.observations.append(
                Observation(
                    entityID: value.municipality, indicatorID: value.kpi, year: value.year, value: value.value,
                    gender: value.gender))
        }
        if let groups {
            listedGroups = KoladaGroups.parse(groups.data, file: groups.file, diagnostics: &diagnostics) + listedGroups
            guard diagnostics.isEmpty || lenient else { throw InvalidInput(diagnostics) }
        }
        if !listedGroups.isEmpty {
            dataset.entityGroups = KoladaGroups.select(listedGroups, entities: dataset.entities)
        }
        return DatasetReading(dataset: dataset, rejected: lenient ? diagnostics : [], warnings: warnings)
    }

    static func unit(of title: String) -> IndicatorUnit {
        let t = title.lowercased()
        if t.contains("(%)") || t.contains("andel") || t.contains("procent") { return .percent }
        if t.contains("index") { return .index }
        if t.contains("antal") { return .count }
        if t.contains("tkr") && !t.contains("/") { return .sekThousands }
        return .number
    }

    /// The tidy reference-value CSV: `kpi, municipality, year, gender, value, …`.
    static func readTidy(_ input: Input, _ diagnostics: inout [Diagnostic]) -> [Value] {
        let (table, problems) = CSVTable.parse(String(decoding: input.data, as: UTF8.self), file: input.file)
        diagnostics += problems
        var index: [String: Int] = [:]
        for (position, field) in table.header.enumerated() { index[field.text] = position }
        for column in ["kpi", "municipality", "year", "value"] where index[column] == nil {
            diagnostics.append(
                Diagnostic(file: input.file, line: 1, column: 1, reason: "the header has no column \"\(column)\""))
        }
        guard diagnostics.isEmpty else { return [] }
        var values: [Value] = []
        for record in table.records where record.count == table.header.count {
            func field(_ name: String) -> CSVField? { index[name].map { record[$0] } }
            guard let kpi = field("kpi")?.text, let municipality = field("municipality")?.text,
                let yearField = field("year"), let valueField = field("value")
            else { continue }
            if valueField.text.isEmpty || field("status")?.text == "Missing" { continue }
            guard let year = NumberParsing.year(yearField.text) else {
                diagnostics.append(
                    Diagnostic(
                        file: input.file, line: yearField.line, column: yearField.column,
                        reason: "\"\(yearField.text)\" in \"year\" is not a four-digit year"))
                continue
            }
            guard let value = NumberParsing.decimal(valueField.text) else {
                diagnostics.append(
                    Diagnostic(
                        file: input.file, line: valueField.line, column: valueField.column,
                        reason: "\"\(valueField.text)\" in \"value\" is not a number"))
                continue
            }
            let genderText = field("gender")?.text ?? ""
            guard let gender = genderText.isEmpty ? .total : Gender(rawValue: genderText) else {
                diagnostics.append(
                    Diagnostic(
                        file: input.file, line: record[0].line, column: 1, reason: "unknown gender \"\(genderText)\""))
                continue
            }
            values.append(Value(kpi: kpi, municipality: municipality, year: year, gender: gender, value: value))
        }
        return values
    }

    /// `key` → `value` from a CSV file's two columns; nil when the header has not both.
    static func readColumns(_ data: Data, key: String, value: String) -> [String: String]? {
        let (table, _) = CSVTable.parse(String(decoding: data, as: UTF8.self), file: "")
        guard let k = table.header.firstIndex(where: { $0.text == key }),
            let v = table.header.firstIndex(where: { $0.text == value })
        else { return nil }
        var result: [String: String] = [:]
        for record in table.records where record.count > max(k, v) { result[record[k].text] = record[v].text }
        return result
    }
}
