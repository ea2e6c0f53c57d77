/// Named numeric columns read from a CSV file, for `prognos regress`.
///
/// Every cell of a requested column must be a dot-decimal number (see
/// ``NumberParsing/decimal(_:)``); each one that is not, and each requested column the
/// header lacks, is reported with its location.
public struct NumericTable: Sendable {
    public var columns: [String: [Double]]
    public var rowCount: Int

    public static func read(csv text: String, file: String, columns wanted: [String]) throws(InvalidInput)
        -> NumericTable
    {
        let (table, csvProblems) = CSVTable.parse(text, file: file)
        var diagnostics = csvProblems
        var index: [String: Int] = [:]
        for (position, field) in table.header.enumerated() where index[field.text] == nil {
            index[field.text] = position
        }
        for name in wanted where index[name] == nil {
            let known = table.header.map(\.text).joined(separator: ", ")
            diagnostics.append(
                Diagnostic(file: file, line: 1, column: 1, reason: "no column \"\(name)\" (the header has: \(known))"))
        }
        var columns: [String: [Double]] = [:]
        for name in wanted { columns[name] = [] }
        for record in table.records {
            let line = record.first?.line ?? 0
            guard record.count == table.header.count else {
                diagnostics.append(
                    Diagnostic(
                        file: file, line: line, column: 1,
                        reason: "the row has \(record.count) fields, the header has \(table.header.count)"))
                continue
            }
            for name in wanted {
                guard let position = index[name] else { continue }
                let field = record[position]
                if let value = NumberParsing.decimal(field.text) {
                    columns[name, default: []].append(value)
                } else {
                    let shown = field.text.isEmpty ? "an empty cell" : "\"\(field.text)\""
                    diagnostics.append(
                        Diagnostic(
                            file: file, line: field.line, column: field.column,
                            reason: "\(shown) in column \"\(name)\" is not a number"))
                }
            }
        }
        if diagnostics.isEmpty && table.records.isEmpty {
            diagnostics.append(Diagnostic(file: file, reason: "the file has no data rows"))
        }
        guard diagnostics.isEmpty else { throw InvalidInput(diagnostics) }
        return NumericTable(columns: columns, rowCount: table.records.count)
    }
}
