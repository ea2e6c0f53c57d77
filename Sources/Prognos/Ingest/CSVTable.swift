/// A field of a CSV record with the position where it starts in the file.
public struct CSVField: Sendable, Equatable {
    public var text: String
    /// 1-based line of the field's first character.
    public var line: Int
    /// 1-based column (in characters) of the field's first character.
    public var column: Int
}

/// A parsed CSV file: a header and records, every field with its location.
///
/// The dialect is RFC 4180 with a comma delimiter (or another given one): fields may be quoted with `"`,
/// a quote inside a quoted field is doubled, quoted fields may span lines, and lines
/// end in LF or CRLF. A UTF-8 byte-order mark at the start is skipped. Empty lines
/// are skipped.
public struct CSVTable: Sendable {
    public var header: [CSVField]
    public var records: [[CSVField]]

    /// Parses `text`; problems (an unterminated quote, text after a closing quote)
    /// are returned as diagnostics naming `file`, and parsing goes on where it can.
    public static func parse(_ text: String, file: String, delimiter: Unicode.Scalar = ",") -> (table: CSVTable, diagnostics: [Diagnostic]) {
        var header: [CSVField] = []
        var records: [[CSVField]] = []
        var first = true
        let diagnostics = forEachRow(text, file: file, delimiter: delimiter) { row in
            if first {
                header = row
                first = false
            } else {
                records.append(row)
            }
        }
        return (CSVTable(header: header, records: records), diagnostics)
    }

    /// Calls `body` with each row of `text` (the header first), as ``parse(_:file:delimiter:)``
    /// would list them, without keeping them: a file of millions of rows is read in the
    /// memory of one row. Returns the problems found.
    public static func forEachRow(
        _ text: String, file: String, delimiter: Unicode.Scalar = ",", _ body: ([CSVField]) -> Void
    ) -> [Diagnostic] {
        var parser = CSVParser(file: file, delimiter: delimiter)
        if delimiter.isASCII {
            var text = text
            text.withUTF8 { bytes in parser.parseUTF8(bytes, body) }
        } else {
            for row in parser.parse(text) { body(row) }
        }
        return parser.diagnostics
    }
}

/// A one-pass RFC 4180 scanner that records where each field starts.
private struct CSVParser {
    let file: String
    let delimiter: Unicode.Scalar
    var diagnostics: [Diagnostic] = []

    init(file: String, delimiter: Unicode.Scalar) {
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

extension CSVParser {
    /// The same scanner as ``parse(_:)`` over UTF-8 bytes, for an ASCII delimiter: each
    /// byte that starts a scalar counts one column, continuation bytes none, so lines,
    /// columns and diagnostics are those of the scalar scanner. Rows go to `body` as they
    /// end.
    mutating func parseUTF8(_ bytes: UnsafeBufferPointer<UInt8>, _ body: ([CSVField]) -> Void) {
        let delimiter = UInt8(self.delimiter.value)
        let quote = UInt8(ascii: "\"")
        let newline = UInt8(ascii: "\n")
        let carriageReturn = UInt8(ascii: "\r")
        var row: [CSVField] = []
        var field: [UInt8] = []
        field.reserveCapacity(64)
        var line = 1
        var column = 1
        var fieldLine = 1
        var fieldColumn = 1
        var inQuotes = false
        var quotedField = false
        var afterClosingQuote = false
        var rowIsBlank = true

        func endField() {
            row.append(CSVField(text: String(decoding: field, as: UTF8.self), line: fieldLine, column: fieldColumn))
            field.removeAll(keepingCapacity: true)
            quotedField = false
            afterClosingQuote = false
        }

        var index = 0
        let count = bytes.count
        if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        while index < count {
            let byte = bytes[index]
            index += 1
            // A continuation byte belongs to the scalar its lead byte started.
            if byte & 0xC0 == 0x80 {
                field.append(byte)
                continue
            }
            if inQuotes {
                if byte == quote {
                    if index < count && bytes[index] == quote {
                        field.append(quote)
                        index += 1
                        column += 2
                        continue
                    }
                    inQuotes = false
                    afterClosingQuote = true
                    column += 1
                    continue
                }
                field.append(byte)
                if byte == newline {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                continue
            }
            switch byte {
            case delimiter:
                endField()
                column += 1
                fieldLine = line
                fieldColumn = column
                rowIsBlank = false
            case carriageReturn where index < count && bytes[index] == newline:
                continue
            case newline, carriageReturn:
                if !(rowIsBlank && field.isEmpty && row.isEmpty && !quotedField) {
                    endField()
                    body(row)
                }
                row.removeAll(keepingCapacity: true)
                line += 1
                column = 1
                fieldLine = line
                fieldColumn = 1
                rowIsBlank = true
            case quote where field.isEmpty && !quotedField:
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
                field.append(byte)
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
            body(row)
        }
    }
}
