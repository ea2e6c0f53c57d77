import Foundation
import PrognosModel

/// Reads a forecasting competition in tidy form (the M3 files of
/// `../shared/datasets/m3-yearly`) into a canonical dataset.
///
/// - `series.csv`: `series_id, split, t, value`, where `split` is `train` or `test` and
///   `t` restarts at 1 in each split (a test row's `t` is its horizon).
/// - `meta.csv` (optional): `series_id`, and any of `category`, `start_year`,
///   `description`, `m3_st`, `n_train`.
///
/// Each series becomes an entity (kind `series`, named by its description); each
/// category an indicator (unit `number`, lower bound 0 when every value of the category
/// is non-negative, so forecasts stay non-negative), or one indicator `value` without
/// meta. Years run from `start_year` (default 2000: canonical years have four digits) through the training part and on into
/// the test part, whose observations carry `split = test`: the evaluation holdout.
public enum CompetitionReader {
    /// Reads the competition's series (and meta) files. Strict: any problem fails the
    /// read, with every problem listed. Lenient: the rows and series with problems are
    /// left out and listed in ``DatasetReading/rejected``; a series file that cannot be
    /// read at all (no header, no usable row) still throws.
    public static func read(
        series text: String, seriesFile: String, meta metaText: String?, metaFile: String, name: String,
        lenient: Bool = false
    ) throws(InvalidInput) -> DatasetReading {
        let (dataset, problems) = core(
            series: text, seriesFile: seriesFile, meta: metaText, metaFile: metaFile, name: name, lenient: lenient)
        guard let dataset, lenient || problems.isEmpty else { throw InvalidInput(problems) }
        return DatasetReading(dataset: dataset, rejected: lenient ? problems : [])
    }

    static func core(
        series text: String, seriesFile: String, meta metaText: String?, metaFile: String, name: String, lenient: Bool
    ) -> (Dataset?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let (table, seriesProblems) = CSVTable.parse(text, file: seriesFile)
        diagnostics += seriesProblems
        let columns = index(table.header)
        for required in ["series_id", "split", "t", "value"] where columns[required] == nil {
            diagnostics.append(
                Diagnostic(file: seriesFile, line: 1, column: 1, reason: "the header has no column \"\(required)\""))
        }
        guard diagnostics.isEmpty else { return (nil, diagnostics) }

        struct Point {
            var t: Int
            var value: Double
            var line: Int
        }
        var order: [String] = []
        var train: [String: [Point]] = [:]
        var test: [String: [Point]] = [:]
        for record in table.records {
            let line = record.first?.line ?? 0
            guard record.count == table.header.count else {
                diagnostics.append(
                    Diagnostic(
                        file: seriesFile, line: line, column: 1,
                        reason: "the row has \(record.count) fields, the header has \(table.header.count)"))
                continue
            }
            func field(_ name: String) -> CSVField { record[columns[name] ?? 0] }
            let id = field("series_id").text
            let splitField = field("split")
            let tField = field("t")
            let valueField = field("value")
            var valid = true
            if id.isEmpty {
                diagnostics.append(
                    Diagnostic(
                        file: seriesFile, line: line, column: field("series_id").column,
                        reason: "\"series_id\" is empty"))
                valid = false
            }
            let split = DataSplit(rawValue: splitField.text)
            if split == nil {
                diagnostics.append(
                    Diagnostic(
                        file: seriesFile, line: splitField.line, column: splitField.column,
                        reason: "unknown split \"\(splitField.text)\" (expected train or test)"))
                valid = false
            }
            let t = NumberParsing.integer(tField.text)
            if t == nil || t == 0 {
                diagnostics.append(
                    Diagnostic(
                        file: seriesFile, line: tField.line, column: tField.column,
                        reason: "\"\(tField.text)\" in \"t\" is not a positive integer"))
                valid = false
            }
            let value = NumberParsing.decimal(valueField.text)
            if value == nil {
                diagnostics.append(
                    Diagnostic(
                        file: seriesFile, line: valueField.line, column: valueField.column,
                        reason: "\"\(valueField.text)\" in \"value\" is not a number"))
                valid = false
            }
            guard valid, let split, let t, let value else { continue }
            if train[id] == nil && test[id] == nil { order.append(id) }
            let point = Point(t: t, value: value, line: line)
            if split == .train { train[id, default: []].append(point) } else { test[id, default: []].append(point) }
        }
        // Each split of each series must be t = 1, 2, … without gaps or repeats.
        var broken = Set<String>()
        for id in order {
            for (label, points) in [("train", train[id] ?? []), ("test", test[id] ?? [])] {
                for (offset, point) in points.sorted(by: { $0.t < $1.t }).enumerated() where point.t != offset + 1 {
                    diagnostics.append(
                        Diagnostic(
                            file: seriesFile, line: point.line, column: 1,
                            reason:
                                "series \(id), \(label): t = \(point.t) where \(offset + 1) was expected (repeated or missing period)"
                        ))
                    broken.insert(id)
                    break
                }
            }
            if (train[id] ?? []).isEmpty {
                diagnostics.append(Diagnostic(file: seriesFile, reason: "series \(id) has no training data"))
                broken.insert(id)
            }
        }

        var meta: [String: [String: String]] = [:]
        if let metaText {
            let (metaTable, metaProblems) = CSVTable.parse(metaText, file: metaFile)
            diagnostics += metaProblems
            let metaColumns = index(metaTable.header)
            if metaColumns["series_id"] == nil {
                diagnostics.append(
                    Diagnostic(file: metaFile, line: 1, column: 1, reason: "the header has no column \"series_id\""))
            } else {
                for record in metaTable.records where record.count == metaTable.header.count {
                    var row: [String: String] = [:]
                    for (name, position) in metaColumns { row[name] = record[position].text }
                    if let startField = metaColumns["start_year"].map({ record[$0] }),
                        NumberParsing.year(startField.text) == nil
                    {
                        diagnostics.append(
                            Diagnostic(
                                file: metaFile, line: startField.line, column: startField.column,
                                reason: "\"\(startField.text)\" in \"start_year\" is not a four-digit year"))
                    }
                    meta[row["series_id"] ?? ""] = row
                }
            }
        }
        if lenient {
            order.removeAll { broken.contains($0) }
        } else if !diagnostics.isEmpty {
            return (nil, diagnostics)
        }

        var dataset = Dataset(
            name: name, title: name,
            description:
                "Forecasting competition series read by `prognos ingest competition`: one entity per series; observations with split = test are the evaluation holdout."
        )
        var categories: [String] = []
        var minimum: [String: Double] = [:]
        for id in order {
            let info = meta[id] ?? [:]
            let category = info["category"].map { $0.isEmpty ? "value" : $0.lowercased() } ?? "value"
            if !categories.contains(category) { categories.append(category) }
            let description = info["description"]?.trimmingCharacters(in: .whitespaces) ?? ""
            let label = info["m3_st"].map { "\($0): " } ?? ""
            dataset.entities.append(Entity(id: id, name: description.isEmpty ? id : label + description, kind: .series))
            let start = info["start_year"].flatMap(NumberParsing.year) ?? 2000
            let trainPoints = (train[id] ?? []).sorted { $0.t < $1.t }
            let testPoints = (test[id] ?? []).sorted { $0.t < $1.t }
            for point in trainPoints {
                dataset.observations.append(
                    Observation(entityID: id, indicatorID: category, year: start + point.t - 1, value: point.value))
                minimum[category] = min(minimum[category] ?? .infinity, point.value)
            }
            for point in testPoints {
                dataset.observations.append(
                    Observation(
                        entityID: id, indicatorID: category, year: start + trainPoints.count + point.t - 1,
                        value: point.value, split: .test))
                minimum[category] = min(minimum[category] ?? .infinity, point.value)
            }
        }
        dataset.indicators = categories.map { category in
            Indicator(
                id: category, titleSv: category.uppercased(), titleEn: category.uppercased(), unit: .number,
                lowerBound: (minimum[category] ?? 0) >= 0 ? 0 : nil, polarity: .neutral, source: name)
        }
        return (dataset, diagnostics)
    }

    private static func index(_ header: [CSVField]) -> [String: Int] {
        var columns: [String: Int] = [:]
        for (position, field) in header.enumerated() where columns[field.text] == nil { columns[field.text] = position }
        return columns
    }
}
