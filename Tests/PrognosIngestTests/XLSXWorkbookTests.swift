import Foundation
import PrognosTestSupport
import Testing

@testable import PrognosIngest
@testable import PrognosModel

/// `ingest wide FILE.xlsx`: workbooks made by openpyxl (`Scripts/fixtures/make_xlsx_fixtures.py`)
/// read as their CSV export is read, with the same values, the same strict and lenient
/// modes, and problems that name their sheet and cell.
@Suite struct XLSXWorkbookTests {
    static let directory = TestSupport.repositoryRoot.appendingPathComponent("Tests/Fixtures/xlsx")

    static func read(_ name: String, sheet: String? = nil, lenient: Bool = false) throws(InvalidInput)
        -> DatasetReading
    {
        let data = (try? Data(contentsOf: directory.appendingPathComponent(name))) ?? Data()
        return try WideTableReader.read(data, file: name, name: "w", sheet: sheet, lenient: lenient)
    }

    /// The Drift sheet against its CSV export: numbers stored as numbers and as Swedish
    /// text, a percent-formatted share, a merged unit cell and an empty row.
    @Test func aSheetReadsAsItsCSVExport() throws {
        let workbook = try Self.read("budget.xlsx", sheet: "Drift", lenient: true)
        let export = try WideTableReader.read(
            try Data(contentsOf: Self.directory.appendingPathComponent("budget-drift.csv")), file: "budget-drift.csv",
            name: "w", lenient: true)
        #expect(workbook.dataset.observations == export.dataset.observations)
        #expect(workbook.dataset.targets == export.dataset.targets)
        #expect(workbook.dataset.indicators.map(\.id) == export.dataset.indicators.map(\.id))
        #expect(workbook.dataset.indicators.map(\.unit) == export.dataset.indicators.map(\.unit))
        #expect(workbook.dataset.observations.count == 14)
        // 0,81 shown as 81 % is 81 in a percent indicator; "1 234,5" stored as text is 1234.5.
        let values = Dictionary(
            uniqueKeysWithValues: workbook.dataset.observations.map { ("\($0.indicatorID) \($0.year)", $0.value) })
        #expect(values["andel-elever-med-behörighet 2021"] == 81)
        #expect(values["kostnad-per-invånare 2021"] == 1234.5)
        #expect(values["kostnad-per-invånare 2023"] == -2)
        #expect(workbook.dataset.indicators.first { $0.id == "sjukfrånvaro" }?.unit == .percent)
        #expect(
            workbook.dataset.observations.first { $0.indicatorID == "nöjd-kund-index" && $0.year == 2023 }?.status
                == .preliminary)
    }

    @Test func problemsNameTheirSheetAndCell() {
        guard case .failure(let invalid) = TestSupport.result(try Self.read("budget.xlsx", sheet: "Drift")) else {
            Issue.record("a cell that is not a number was accepted")
            return
        }
        #expect(
            invalid.diagnostics.map(\.description) == [
                "budget.xlsx:Drift!D7: \"sju\" in column \"2022\" is not a number"
            ])
        let lenient = try? Self.read("budget.xlsx", sheet: "Drift", lenient: true)
        #expect(lenient?.rejected.map(\.description) == invalid.diagnostics.map(\.description))
        #expect(lenient?.rejected.first?.text == "sju")
    }

    /// Every sheet with a year header, ids prefixed by their sheet; the notes sheet is a warning.
    @Test func everySheetWithATable() throws {
        let reading = try Self.read("budget.xlsx", lenient: true)
        #expect(
            reading.dataset.indicators.map(\.id).filter { $0.hasPrefix("investeringar.") } == [
                "investeringar.skolbyggnad", "investeringar.gata-och-park",
            ])
        #expect(reading.dataset.indicators.filter { $0.id.hasPrefix("drift.") }.count == 5)
        #expect(
            reading.warnings.map(\.description) == [
                "budget.xlsx:Anteckningar: no column header holds a year (e.g. 2022 or Utfall 2022); skipped"
            ])
        // The merged header "Projekt" (A1:B1): the title column is the indicator, the code column is not.
        #expect(reading.dataset.indicators.first { $0.id == "investeringar.skolbyggnad" }?.titleSv == "Skolbyggnad")
        let school = reading.dataset.observations.filter { $0.indicatorID == "investeringar.skolbyggnad" }
        #expect(school.map(\.value) == [12.5, 30])
    }

    @Test func sharedAndInlineStringsReadAlike() throws {
        let shared = try Self.read("shared_and_inline.xlsx", sheet: "Delade").dataset
        let inline = try Self.read("shared_and_inline.xlsx", sheet: "Inline").dataset
        #expect(shared.observations == inline.observations)
        #expect(shared.observations.map(\.value) == [71, 72, 69, 70.5])
    }

    @Test func aBrokenWorkbookIsNamed() {
        func reason(_ name: String, _ data: Data? = nil) -> String? {
            let bytes = data ?? ((try? Data(contentsOf: Self.directory.appendingPathComponent(name))) ?? Data())
            guard
                case .failure(let invalid) = TestSupport.result(
                    try WideTableReader.read(bytes, file: name, name: "w"))
            else { return nil }
            return invalid.diagnostics.first?.description
        }
        #expect(
            reason("damaged.xlsx") == "damaged.xlsx: the part xl/worksheets/sheet1.xml is not well-formed XML (line 1)")
        #expect(reason("not_a_workbook.xlsx") == "not_a_workbook.xlsx: not an .xlsx workbook (no xl/workbook.xml)")
        #expect(
            reason("junk.xlsx", Data("PK\u{3}\u{4} not really".utf8))
                == "junk.xlsx: not an .xlsx workbook (not a ZIP archive)")
        #expect(reason("budget.xlsx", nil) != nil)
        guard case .failure(let missing) = TestSupport.result(try Self.read("budget.xlsx", sheet: "Budget")) else {
            Issue.record("a missing sheet was accepted")
            return
        }
        #expect(
            missing.diagnostics.first?.reason
                == "no sheet \"Budget\" (the workbook has \"Drift\", \"Investeringar\", \"Anteckningar\")")
    }

    @Test func columnLetters() {
        #expect([1, 26, 27, 52, 703, 16_384].map(Diagnostic.columnLetters) == ["A", "Z", "AA", "AZ", "AAA", "XFD"])
    }
}
