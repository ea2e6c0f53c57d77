import Testing

@testable import PrognosIngest
@testable import PrognosSupport

@Suite struct CSVTableTests {
    @Test func parsesQuotedFieldsWithPositions() {
        let text = "a,b,c\n1,\"x, \"\"y\"\"\",3\n"
        let (table, problems) = CSVTable.parse(text, file: "t.csv")
        #expect(problems.isEmpty)
        #expect(table.header.map(\.text) == ["a", "b", "c"])
        #expect(table.records.count == 1)
        #expect(table.records[0].map(\.text) == ["1", "x, \"y\"", "3"])
        #expect(table.records[0][1].line == 2)
        #expect(table.records[0][1].column == 3)
        #expect(table.records[0][2].column == 14)
    }

    @Test func handlesCRLFByteOrderMarkBlankLinesAndMultilineFields() {
        let text = "\u{FEFF}a,b\r\n\r\n1,\"two\nlines\"\r\n3,4"
        let (table, problems) = CSVTable.parse(text, file: "t.csv")
        #expect(problems.isEmpty)
        #expect(table.header.map(\.text) == ["a", "b"])
        #expect(table.records.map { $0.map(\.text) } == [["1", "two\nlines"], ["3", "4"]])
        #expect(table.records[1][0].line == 5)
    }

    @Test func keepsEmptyTrailingFields() {
        let (table, _) = CSVTable.parse("a,b,c\n1,,\n", file: "t.csv")
        #expect(table.records[0].map(\.text) == ["1", "", ""])
    }

    @Test func reportsUnterminatedQuoteAndTextAfterQuote() {
        let (_, unterminated) = CSVTable.parse("a\n\"open\n", file: "t.csv")
        #expect(unterminated.map(\.description) == ["t.csv:2:1: quoted field is not closed before the end of the file"])
        let (_, trailing) = CSVTable.parse("a,b\n\"x\"y,2\n", file: "t.csv")
        #expect(trailing.map(\.description) == ["t.csv:2:4: text after the closing quote of a field"])
    }

    @Test func writerRoundTripsThroughParser() {
        var writer = CSVWriter(header: ["id", "text"])
        writer.appendRow(["1", "comma, \"quote\"\nnew line"])
        writer.appendRow(["2", " padded "])
        writer.appendRow(["3", "windows\r\nline"])
        let (table, problems) = CSVTable.parse(writer.text, file: "t.csv")
        #expect(problems.isEmpty)
        #expect(
            table.records.map { $0.map(\.text) } == [
                ["1", "comma, \"quote\"\nnew line"], ["2", " padded "], ["3", "windows\r\nline"],
            ])
    }

    @Test(arguments: [
        "", "plain", "72.5", "comma, here", "\"quoted\"", "new\nline", "cr\ronly", "crlf\r\n", " lead", "trail ", " ",
        "Ålänning",
        "a\"b", "ends,", ",", "\"",
    ])
    func appendedFieldEqualsTheEscapedString(_ field: String) {
        var bytes: [UInt8] = Array("x".utf8)
        CSVWriter.appendEscaped(field, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "x" + CSVWriter.escape(field))
    }
}

@Suite struct NumberParsingTests {
    @Test func acceptsDotDecimals() {
        #expect(NumberParsing.decimal("72") == 72)
        #expect(NumberParsing.decimal("-2.5") == -2.5)
        #expect(NumberParsing.decimal(".5") == 0.5)
        #expect(NumberParsing.decimal("1e-3") == 0.001)
        #expect(NumberParsing.decimal("+4.") == 4)
    }

    @Test(arguments: ["", "sju", "2,5", "1 000", "72%", "nan", "inf", "1e", "--1", "1.2.3", " 1", "e5", "1e5.0"])
    func rejectsEverythingElse(_ text: String) {
        #expect(NumberParsing.decimal(text) == nil)
    }

    @Test func years() {
        #expect(NumberParsing.year("2023") == 2023)
        #expect(NumberParsing.year("20x3") == nil)
        #expect(NumberParsing.year("23") == nil)
        #expect(NumberParsing.year("0999") == nil)
        #expect(NumberParsing.year("2023.0") == nil)
        #expect(NumberParsing.year("２０２３") == nil)
        #expect(NumberParsing.integer("12") == 12)
        #expect(NumberParsing.integer("1 2") == nil)
        #expect(NumberParsing.integer("") == nil)
    }

    /// The sixteen-bytes-at-a-time count against a byte-by-byte one, on texts whose
    /// lengths straddle the blocks and the 255-block flush of the lane counters.
    @Test func lineFeedCountEqualsByteCount() {
        var random = SplitMix64(seed: 7)
        for length in [0, 1, 15, 16, 17, 31, 4079, 4080, 4081, 4096, 8161, 100_003] {
            let bytes = (0..<length).map { _ -> UInt8 in random.nextUnit() < 0.3 ? 0x0A : UInt8(ascii: "a") }
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(CSVTable.lineFeedCount(text) == bytes.filter { $0 == 0x0A }.count, "length \(length)")
        }
        #expect(CSVTable.lineFeedCount(String(repeating: "\n", count: 16 * 300)) == 16 * 300)
    }
}

@Suite struct NumberFormattingTests {
    @Test func plainPrintsFifteenSignificantDigits() {
        #expect(NumberFormatting.plain(72.0) == "72")
        #expect(NumberFormatting.plain(2.9) == "2.9")
        #expect(NumberFormatting.plain(0.1 + 0.2) == "0.3")
        #expect(NumberFormatting.plain(-0.0) == "0")
        #expect(NumberFormatting.plain(Double.nan) == "")
        #expect(NumberFormatting.plain(1.0 / 3.0) == "0.333333333333333")
    }

    @Test func exactIsLossless() {
        for value in [0.1 + 0.2, 1.0 / 3.0, 124.1, -1e-300, 12345678.9] {
            #expect(Double(NumberFormatting.exact(value)) == value)
        }
    }

    @Test func roundedForPeople() {
        #expect(NumberFormatting.rounded(2.95, digits: 1, decimalSeparator: ",") == "3,0")
        #expect(NumberFormatting.rounded(-0.04, digits: 1) == "0.0")
        #expect(NumberFormatting.rounded(-12.346, digits: 2) == "−12.35")
    }
}

/// The UTF-8 byte scanner against the scalar scanner it replaced (`ScalarCSVReference`):
/// the same text gives the same fields, lines, columns and diagnostics, with a comma, a
/// semicolon and a tab as the delimiter.
@Suite struct CSVByteScannerTests {
    static func check(_ text: String, _ delimiter: Unicode.Scalar) {
        guard let csvDelimiter = CSVDelimiter(delimiter) else {
            Issue.record("not a delimiter")
            return
        }
        var rows: [[CSVField]] = []
        let problems = CSVTable.forEachRow(text, file: "f.csv", delimiter: csvDelimiter) { rows.append($0) }
        var reference = ScalarCSVReference(file: "f.csv", delimiter: delimiter)
        let expected = reference.parse(text)
        #expect(rows == expected, "\(text.debugDescription)")
        #expect(problems == reference.diagnostics, "\(text.debugDescription)")
    }

    static let samples = [
        "a,b,c\n1,2,3\n",
        "\u{FEFF}år,värde\r\nÅmål,\"7,5\"\r\n\r\n  ,x\n",
        "h1,h2\n\"multi\nline åäö\",\"he said \"\"hej\"\"\"\n\"unterminated,å\n",
        "x,y\n\"q\"after,z\nab\"c,−1\n\u{00A0}12\u{00A0}345,%\r",
        "only header",
        "",
        "\n\n,\n,,\n",
        "é,\"\",\"\r\n\"\n😀,💶\n",
        "a;b\tc\n1;2\t3\n",
    ]

    @Test(arguments: samples)
    func byteScannerEqualsScalarScanner(_ text: String) {
        for delimiter: Unicode.Scalar in [",", ";", "\t"] { Self.check(text, delimiter) }
    }

    @Test func randomTextsScanAlike() {
        var random = SplitMix64(seed: 42)
        let alphabet: [String] = ["a", "å", "😀", ",", ";", "\t", "\"", "\n", "\r", "\r\n", " ", "1", "−", "\u{FEFF}"]
        for _ in 0..<2000 {
            let length = Int(random.nextUnit() * 30)
            let text = (0..<length).map { _ in alphabet[Int(random.nextUnit() * Double(alphabet.count))] }.joined()
            let delimiter: Unicode.Scalar = [",", ";", "\t"][Int(random.nextUnit() * 3)]
            Self.check(text, delimiter)
        }
    }

    @Test func delimitersAreASCII() {
        #expect(CSVDelimiter("§") == nil)
        #expect(CSVDelimiter("\"") == nil)
        #expect(CSVDelimiter("\n") == nil)
        #expect(CSVDelimiter("|")?.byte == UInt8(ascii: "|"))
    }
}
