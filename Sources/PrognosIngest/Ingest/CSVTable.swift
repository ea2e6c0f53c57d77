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
/// The dialect is RFC 4180 with a comma delimiter (or another ASCII one, ``CSVDelimiter``): fields may be quoted with `"`,
/// a quote inside a quoted field is doubled, quoted fields may span lines, and lines
/// end in LF or CRLF. A UTF-8 byte-order mark at the start is skipped. Empty lines
/// are skipped.
public struct CSVTable: Sendable {
    public var header: [CSVField]
    public var records: [[CSVField]]

    /// Parses `text`; problems (an unterminated quote, text after a closing quote)
    /// are returned as diagnostics naming `file`, and parsing goes on where it can.
    public static func parse(_ text: String, file: String, delimiter: CSVDelimiter = .comma) -> (
        table: CSVTable, diagnostics: [Diagnostic]
    ) {
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
        _ text: String, file: String, delimiter: CSVDelimiter = .comma, _ body: ([CSVField]) -> Void
    ) -> [Diagnostic] {
        var text = text
        return text.withUTF8 { forEachRow(utf8: $0, file: file, delimiter: delimiter, body) }
    }

    /// ``forEachRow(_:file:delimiter:_:)`` over UTF-8 bytes.
    static func forEachRow(
        utf8 bytes: UnsafeBufferPointer<UInt8>, file: String, delimiter: CSVDelimiter = .comma,
        _ body: ([CSVField]) -> Void
    ) -> [Diagnostic] {
        var parser = CSVParser(file: file, delimiter: delimiter)
        parser.parseUTF8(bytes, body)
        return parser.diagnostics
    }
}

extension CSVTable {
    /// The number of line feeds in `text`: at most one more than its rows, for sizing
    /// what holds them before reading.
    ///
    /// Sixteen bytes are compared at a time; each lane counts its line feeds in a byte,
    /// added to the total before it could pass 255.
    public static func lineFeedCount(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { lineFeedCount($0) }
    }

    /// ``lineFeedCount(_:)-(String)`` of UTF-8 bytes.
    static func lineFeedCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        let lineFeed = SIMD16<UInt8>(repeating: 0x0A)
        let one = SIMD16<UInt8>(repeating: 1)
        var count = 0
        var index = 0
        while index + 16 <= bytes.count {
            var lanes = SIMD16<UInt8>()
            var blocks = 0
            while blocks < 255, index + 16 <= bytes.count {
                let chunk = raw.loadUnaligned(fromByteOffset: index, as: SIMD16<UInt8>.self)
                lanes &+= one.replacing(with: 0, where: chunk .!= lineFeed)
                index += 16
                blocks += 1
            }
            count += lanes.indices.reduce(0) { $0 + Int(lanes[$1]) }
        }
        for byte in bytes[index...] where byte == 0x0A { count += 1 }
        return count
    }
}

/// The field delimiter of a CSV file: one ASCII character other than a quote, CR or LF.
public struct CSVDelimiter: Sendable, Equatable {
    public let byte: UInt8

    /// The delimiter `character`, or nil when it is not ASCII or is `"`, CR or LF.
    public init?(_ character: Unicode.Scalar) {
        guard character.isASCII, !["\"", "\r", "\n"].contains(character) else { return nil }
        byte = UInt8(character.value)
    }

    private init(byte: UInt8) { self.byte = byte }

    public static let comma = CSVDelimiter(byte: UInt8(ascii: ","))
    public static let semicolon = CSVDelimiter(byte: UInt8(ascii: ";"))
    public static let tab = CSVDelimiter(byte: UInt8(ascii: "\t"))
}

/// A one-pass RFC 4180 scanner over UTF-8 bytes that records where each field starts.
struct CSVParser {
    let file: String
    let delimiter: UInt8
    var diagnostics: [Diagnostic] = []

    init(file: String, delimiter: CSVDelimiter) {
        self.file = file
        self.delimiter = delimiter.byte
    }
}

extension CSVParser {
    /// Scans UTF-8 bytes: each byte that starts a scalar counts one column, continuation
    /// bytes none, so columns count characters (Unicode scalars) as a reader of the file
    /// would. Rows go to `body` as they end.
    ///
    /// `bytes` may be a part of a file that starts at the beginning of line `firstLine`
    /// (then `atFileStart` is false: a byte-order mark there is text, not a mark).
    mutating func parseUTF8(
        _ bytes: UnsafeBufferPointer<UInt8>, firstLine: Int = 1, atFileStart: Bool = true,
        _ body: ([CSVField]) -> Void
    ) {
        let quote = UInt8(ascii: "\"")
        let newline = UInt8(ascii: "\n")
        let carriageReturn = UInt8(ascii: "\r")
        var row: [CSVField] = []
        var field: [UInt8] = []
        field.reserveCapacity(64)
        var line = firstLine
        var column = 1
        var fieldLine = firstLine
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
        if atFileStart, count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
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
                rowIsBlank = false
                column += 1
                // The rest of an unquoted field up to its delimiter or line end is taken as
                // one run: a quote there is text, as the field is no longer empty.
                var end = index
                while end < count {
                    let next = bytes[end]
                    if next == delimiter || next == newline || next == carriageReturn { break }
                    if next & 0xC0 != 0x80 { column += 1 }
                    end += 1
                }
                field.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[(index - 1)..<end]))
                index = end
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
