import Foundation
import PrognosModel

/// Reads a report's Prognossäkerhet table: the forecasts of a budget table's result made
/// at checkpoints during the year, against the outcome.
///
/// ```
/// Avstämningstillfälle<TAB>Prognos<TAB>Avvikelse från bokslut
/// Fördjupad månadsuppföljning<TAB>0<TAB>178
/// Delårsbokslut<TAB>0<TAB>178
/// Bokslut 2023<TAB>178
/// ```
///
/// The `Bokslut YYYY` row gives the year and the outcome; the line forecast is the line
/// of the budget table above (the table read last) whose outcome in that year it equals,
/// the bottom-most if several do (the result line). Every other row is a checkpoint: its
/// id is the slugged label (`delarsbokslut`), its forecast the `Prognos` cell. A printed
/// deviation that is not outcome − forecast is a warning. The checkpoint's month comes
/// from the text under the table: `… delårsbokslutet per månad 8` — the nearest word
/// before `per månad N` that begins with the label's last word.
enum ReportForecastCheckpoints {
    static func recognises(_ table: ReportTable) -> Bool {
        table.header.dropFirst().contains { $0.lowercased().hasPrefix("prognos") }
            && !table.header.dropFirst().contains { WideTableReader.year(in: $0) != nil }
    }

    static func read(
        _ table: ReportTable, budget: [BudgetLine], followingText: [String], file: String,
        problems: inout ReportProblems
    ) -> [ForecastVintage] {
        guard let forecastColumn = table.header.firstIndex(where: { $0.lowercased().hasPrefix("prognos") }) else {
            return []
        }
        let deviationColumn = table.header.firstIndex { $0.lowercased().hasPrefix("avvikelse") }
        var outcomeRow: (year: Int, value: Double)? = nil
        var checkpoints: [(label: String, forecast: Double, deviation: Double?, row: Int)] = []
        for (rowIndex, row) in table.rows.enumerated() {
            let label = ReportTable.cell(row, 0)
            let lower = label.lowercased()
            let forecastCell = ReportTable.cell(row, forecastColumn)
            guard case .value(let forecast, _, _) = SpreadsheetNumber.parse(forecastCell) else {
                problems.rejected.append(
                    Diagnostic(
                        file: file, line: table.line(ofRow: rowIndex) + 1, column: forecastColumn + 1,
                        reason: "\"\(forecastCell)\" is not an amount"))
                continue
            }
            if lower.hasPrefix("bokslut") || lower.hasPrefix("utfall"), let year = WideTableReader.year(in: label) {
                outcomeRow = (year, forecast)
                continue
            }
            var deviation: Double? = nil
            if let deviationColumn,
                case .value(let value, _, _) = SpreadsheetNumber.parse(ReportTable.cell(row, deviationColumn))
            {
                deviation = value
            }
            checkpoints.append((label, forecast, deviation, rowIndex))
        }
        guard let outcomeRow else {
            problems.rejected.append(
                Diagnostic(
                    file: file, line: table.headerLine + 1, column: 1,
                    reason: "forecast table without a \"Bokslut YYYY\" row; skipped"))
            return []
        }
        guard
            let line = budget.last(where: {
                $0.year == outcomeRow.year && $0.outcome.map { abs($0 - outcomeRow.value) < 0.5 } == true
            })
        else {
            problems.rejected.append(
                Diagnostic(
                    file: file, line: table.lastLine + 1, column: 1,
                    reason:
                        "no line of the budget table above has the outcome \(outcomeRow.value) in \(outcomeRow.year); forecasts skipped"
                ))
            return []
        }
        let months = checkpointMonths(followingText)
        return checkpoints.map { checkpoint in
            if let deviation = checkpoint.deviation, abs(outcomeRow.value - checkpoint.forecast - deviation) >= 0.5 {
                problems.warnings.append(
                    Diagnostic(
                        file: file, line: table.line(ofRow: checkpoint.row) + 1, column: (deviationColumn ?? 0) + 1,
                        reason:
                            "deviation \(deviation) is not outcome − forecast (\(outcomeRow.value - checkpoint.forecast))"
                    ))
            }
            let stem = checkpoint.label.lowercased().split(separator: " ").last.map(String.init) ?? ""
            return ForecastVintage(
                entityID: line.entityID, lineID: line.lineID, year: outcomeRow.year,
                checkpoint: IdentifierSlug.make(checkpoint.label), checkpointMonth: month(of: stem, in: months),
                forecast: checkpoint.forecast, outcome: outcomeRow.value)
        }
    }

    /// Each `per månad N` in the text with the words before it (back to the previous one).
    static func checkpointMonths(_ lines: [String]) -> [(words: [String], month: Int)] {
        var results: [(words: [String], month: Int)] = []
        for line in lines {
            var words: [String] = []
            let tokens = line.lowercased().split(whereSeparator: { $0.isWhitespace }).map {
                $0.trimmingCharacters(in: .punctuationCharacters)
            }
            var index = 0
            while index < tokens.count {
                if tokens[index] == "per", index + 2 < tokens.count, tokens[index + 1] == "månad",
                    let month = Int(tokens[index + 2]), (1...12).contains(month)
                {
                    results.append((words, month))
                    words = []
                    index += 3
                    continue
                }
                words.append(tokens[index])
                index += 1
            }
        }
        return results
    }

    static func month(of stem: String, in months: [(words: [String], month: Int)]) -> Int? {
        guard !stem.isEmpty else { return nil }
        return months.first { $0.words.contains { $0.hasPrefix(stem) } }?.month
    }
}
