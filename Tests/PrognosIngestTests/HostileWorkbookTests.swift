import Foundation
import PrognosTestSupport
import Testing
import ZIPFoundation

@testable import PrognosIngest

/// Workbooks made to hurt the reader (found by review and the fuzzer): each is refused
/// with a message, quickly, and never crashes; and a workbook written with namespace
/// prefixes reads as one without.
@Suite struct HostileWorkbookTests {
    static let relationships = """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>
        """

    /// A one-sheet workbook whose sheet XML is `sheet` (inside `<sheetData>`) and `after` it.
    static func workbook(_ sheet: String, after: String = "", prefix: String = "") throws -> Data {
        let p = prefix.isEmpty ? "" : prefix + ":"
        let ns = prefix.isEmpty ? "xmlns" : "xmlns:\(prefix)"
        let parts: [(String, String)] = [
            (
                "xl/workbook.xml",
                "<\(p)workbook \(ns)=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"r\"><\(p)sheets><\(p)sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></\(p)sheets></\(p)workbook>"
            ),
            ("xl/_rels/workbook.xml.rels", relationships),
            (
                "xl/worksheets/sheet1.xml",
                "<\(p)worksheet \(ns)=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><\(p)sheetData>\(sheet)</\(p)sheetData>\(after)</\(p)worksheet>"
            ),
        ]
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count)) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return try #require(archive.data)
    }

    static func reason(_ data: Data) -> String? {
        guard case .failure(let invalid) = TestSupport.result(try WideTableReader.read(data, file: "h.xlsx", name: "h"))
        else { return nil }
        return invalid.diagnostics.first?.description
    }

    static let table = """
        <row r="1"><c r="A1" t="inlineStr"><is><t>Indikator</t></is></c><c r="B1" t="inlineStr"><is><t>2022</t></is></c></row>\
        <row r="2"><c r="A2" t="inlineStr"><is><t>NKI</t></is></c><c r="B2"><v>71</v></c></row>
        """

    @Test func aRowNumberPastTheLimitIsRefusedNotACrash() throws {
        let data = try Self.workbook(Self.table + "<row r=\"9223372036854775807\"></row><row></row>")
        #expect(Self.reason(data) == "h.xlsx:S: a row or cell reference is outside a sheet's limits")
    }

    @Test func mergedRangesOverAWholeSheetAreRefusedQuickly() throws {
        var rows = Self.table
        for row in 3...3_000 { rows += "<row r=\"\(row)\"><c r=\"XFD\(row)\"><v>1</v></c></row>" }
        let data = try Self.workbook(rows, after: "<mergeCells><mergeCell ref=\"A1:XFD3000\"/></mergeCells>")
        let start = Date()
        #expect(Self.reason(data) == "h.xlsx:S: its merged ranges cover more than 1000000 cells")
        #expect(Date().timeIntervalSince(start) < 10)
    }

    @Test func aNumberThatIsNotFiniteIsReported() throws {
        let data = try Self.workbook(Self.table.replacingOccurrences(of: "<v>71</v>", with: "<v>inf</v>"))
        #expect(Self.reason(data) == "h.xlsx:S!B2: \"inf\" in column \"2022\" is not a number")
    }

    @Test func namespacePrefixesReadAsWithout() throws {
        let plain = try WideTableReader.read(try Self.workbook(Self.table), file: "h.xlsx", name: "h")
        let prefixed = Self.table.replacingOccurrences(of: "<", with: "<x:").replacingOccurrences(
            of: "<x:/", with: "</x:")
        let withPrefix = try WideTableReader.read(
            try Self.workbook(prefixed, prefix: "x"), file: "h.xlsx", name: "h")
        #expect(plain.dataset.observations.map(\.value) == [71])
        #expect(withPrefix.dataset.observations == plain.dataset.observations)
    }
}
