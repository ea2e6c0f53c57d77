@testable import PrognosIngest

/// The scanner `CSVTable` used before it walked UTF-8 bytes: the same RFC 4180 dialect
/// over Unicode scalars, kept here only as the reference the byte scanner is checked
/// against (`CSVByteScannerTests`): same fields, lines, columns and diagnostics.
struct ScalarCSVReference {
    let file: String
    let delimiter: Unicode.Scalar
    var diagnostics: [Diagnostic] = []

    init(file: String, delimiter: Unicode.Scalar = ",") {
        self.file = file
        self.delimiter = delimiter
    }

    mutating func parse(_ text: String) -> [[CSVField]] {
        var rows: [[CSVField]] = []
        var row: [CSVField] = []
        var field = ""
        var line = 1
        var column = 1
        var fieldLine = 1
        var fieldColumn = 1
        var inQuotes = false
        var quotedField = false
        var afterClosingQuote = false
        var rowIsBlank = true

        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }

        func endField() {
            row.append(CSVField(text: field, line: fieldLine, column: fieldColumn))
            field = ""
            quotedField = false
            afterClosingQuote = false
        }

        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            if inQuotes {
                if scalar == "\"" {
                    if index < scalars.count && scalars[index] == "\"" {
                        field.unicodeScalars.append("\"")
                        index += 1
                        column += 2
                        continue
                    }
                    inQuotes = false
                    afterClosingQuote = true
                    column += 1
                    continue
                }
                field.unicodeScalars.append(scalar)
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                continue
            }
            switch scalar {
            case delimiter:
                endField()
                column += 1
                fieldLine = line
                fieldColumn = column
                rowIsBlank = false
            case "\r" where index < scalars.count && scalars[index] == "\n":
                continue
            case "\n", "\r":
                if !(rowIsBlank && field.isEmpty && row.isEmpty && !quotedField) {
                    endField()
                    rows.append(row)
                }
                row = []
                line += 1
                column = 1
                fieldLine = line
                fieldColumn = 1
                rowIsBlank = true
            case "\"" where field.isEmpty && !quotedField:
                inQuotes = true
                quotedField = true
                rowIsBlank = false
                column += 1
            default:
                if afterClosingQuote {
                    diagnostics.append(
                        Diagnostic(
                            file: file, line: line, column: column,
                            reason: "text after the closing quote of a field"))
                    afterClosingQuote = false
                }
                field.unicodeScalars.append(scalar)
                rowIsBlank = false
                column += 1
            }
        }
        if inQuotes {
            diagnostics.append(
                Diagnostic(
                    file: file, line: fieldLine, column: fieldColumn,
                    reason: "quoted field is not closed before the end of the file"))
        }
        if !(rowIsBlank && field.isEmpty && row.isEmpty && !quotedField) {
            endField()
            rows.append(row)
        }
        return rows
    }
}
