import Foundation
import PrognosModel

/// Reads a report's budget table into budget lines.
///
/// The header holds the amounts' unit and the columns: `Belopp i tkr<TAB>Budget 2023<TAB>
/// Bokslut 2023<TAB>Avv. Bokslut 2023/ Budget 2023<TAB>Bokslut 2022<TAB>Diff. …`.
/// `Budget YYYY` is the budget of year YYYY; `Bokslut YYYY` or `Utfall YYYY` its outcome;
/// the deviation columns (`Avv.`, `Diff.`, `Avvikelse`, `Differens`, `Förändring`) are
/// derived and skipped. Each row is a line `<section>.<title>` (``IdentifierSlug``), where
/// the section is the heading printed above the table (`Drift`, `Investeringar`, `Drift
/// Exploateringsverksamheten`), with one ``BudgetLine`` per year, budget and outcome as
/// printed (signs kept). Which line is a subtotal of which is found from the numbers
/// (``BudgetHierarchy``). Amounts in `mnkr` are converted to tkr (× 1000).
///
/// The printed deviation (`Avv.`) says how the table signs its amounts: where it is
/// budget − outcome on most rows (an investment table, expenditure as positive amounts),
/// the lines are ``BudgetLine/Amounts/spending``; otherwise ``BudgetLine/Amounts/signed``.
enum ReportBudgetTable {
    enum Column: Equatable {
        case budget(Int)
        case outcome(Int)
    }

    /// The budget and outcome columns of a header, or nil when it has no budget column.
    static func columns(_ header: [String]) -> [Int: Column]? {
        var columns: [Int: Column] = [:]
        for (index, cell) in header.enumerated().dropFirst() {
            let lower = cell.lowercased()
            guard let year = WideTableReader.year(in: cell) else { continue }
            if lower.hasPrefix("budget") {
                columns[index] = .budget(year)
            } else if lower.hasPrefix("bokslut") || lower.hasPrefix("utfall") {
                columns[index] = .outcome(year)
            }
        }
        return columns.values.contains { if case .budget = $0 { return true } else { return false } } ? columns : nil
    }

    static let derivedPrefixes = ["avv", "diff", "förändr"]

    static func read(
        _ table: ReportTable, entity: String, section: String, file: String, problems: inout ReportProblems
    ) -> [BudgetLine] {
        guard let columns = columns(table.header) else { return [] }
        for (index, cell) in table.header.enumerated().dropFirst() where columns[index] == nil {
            let lower = cell.lowercased()
            if !derivedPrefixes.contains(where: { lower.hasPrefix($0) }) {
                problems.warnings.append(
                    Diagnostic(
                        file: file, line: table.headerLine + 1, column: index + 1,
                        reason: "column \"\(cell)\" is neither a budget nor an outcome; skipped"))
            }
        }
        let scale = table.header[0].lowercased().contains("mnkr") ? 1000.0 : 1
        let orderedColumns = columns.keys.sorted()
        let years = Set(
            columns.values.map { column -> Int in
                switch column {
                case .budget(let year), .outcome(let year): return year
                }
            }
        ).sorted()

        var titles: [String] = []
        var amounts: [[Double?]] = []
        var rowLines: [Int] = []
        // Votes of the printed deviation: (outcome − budget, budget − outcome).
        let deviationColumn = table.header.indices.dropFirst().first { index in
            columns[index] == nil && table.header[index].lowercased().hasPrefix("avv")
        }
        let deviationYear = deviationColumn.flatMap { WideTableReader.year(in: table.header[$0]) }
        var votes = (signed: 0, spending: 0)
        var decimals = 0
        for (rowIndex, row) in table.rows.enumerated() {
            let title = ReportTable.cell(row, 0)
            guard !title.isEmpty else {
                problems.rejected.append(
                    Diagnostic(
                        file: file, line: table.line(ofRow: rowIndex) + 1, column: 1,
                        reason: "budget row without a title; skipped"))
                continue
            }
            var rowAmounts: [Double?] = []
            for column in orderedColumns {
                let cell = ReportTable.cell(row, column)
                switch SpreadsheetNumber.parse(cell) {
                case .value(let value, _, _):
                    rowAmounts.append(value * scale)
                    if let comma = cell.lastIndex(where: { $0 == "," || $0 == "." }) {
                        decimals = max(decimals, cell.distance(from: comma, to: cell.endIndex) - 1)
                    }
                case .missing:
                    rowAmounts.append(nil)
                case .invalid:
                    rowAmounts.append(nil)
                    problems.rejected.append(
                        Diagnostic(
                            file: file, line: table.line(ofRow: rowIndex) + 1, column: column + 1,
                            reason: "\"\(cell)\" is not an amount"))
                }
            }
            if let deviationColumn, let deviationYear,
                case .value(let printed, _, _) = SpreadsheetNumber.parse(ReportTable.cell(row, deviationColumn)),
                let budgetAt = orderedColumns.firstIndex(where: { columns[$0] == .budget(deviationYear) }),
                let outcomeAt = orderedColumns.firstIndex(where: { columns[$0] == .outcome(deviationYear) }),
                let budget = rowAmounts[budgetAt], let outcome = rowAmounts[outcomeAt], budget != outcome
            {
                let difference = printed * scale
                let tolerance = 1.0 * scale
                if abs(difference - (outcome - budget)) <= tolerance { votes.signed += 1 }
                if abs(difference - (budget - outcome)) <= tolerance { votes.spending += 1 }
            }
            titles.append(title)
            amounts.append(rowAmounts)
            rowLines.append(rowIndex)
        }
        let resolution = pow(10, -Double(decimals)) * scale
        let parents = BudgetHierarchy.parents(amounts, resolution: resolution)
        let prefix = IdentifierSlug.make(section) + "."
        var ids: [String] = []
        var taken: Set<String> = []
        for title in titles {
            let id = IdentifierSlug.unique(prefix + IdentifierSlug.make(title), in: taken)
            taken.insert(id)
            ids.append(id)
        }
        var lines: [BudgetLine] = []
        for (index, title) in titles.enumerated() {
            for year in years {
                var budget: Double? = nil
                var outcome: Double? = nil
                for (position, column) in orderedColumns.enumerated() {
                    switch columns[column] {
                    case .budget(year): budget = amounts[index][position]
                    case .outcome(year): outcome = amounts[index][position]
                    default: break
                    }
                }
                guard budget != nil || outcome != nil else { continue }
                lines.append(
                    BudgetLine(
                        entityID: entity, lineID: ids[index], titleSv: title, year: year,
                        budget: budget, outcome: outcome, parentLineID: parents[index].map { ids[$0] },
                        amounts: votes.spending > votes.signed ? .spending : .signed))
            }
        }
        return lines
    }
}
