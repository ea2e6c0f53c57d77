import Foundation
import PrognosTestSupport
import Testing

@testable import PrognosIngest
@testable import PrognosModel

/// Every reader has one shape (``DatasetReading``): strict throws with every problem's
/// location; lenient keeps what it can, lists what it left out, and still throws on
/// problems that are not about a row.
@Suite struct ReaderShapeTests {
    /// The bundled dataset's files with `change` applied to one of them.
    static func bundledFiles(editing file: String, _ change: (String) -> String) throws -> (
        DataPackageDescriptor, [String: String]
    ) {
        var files = CanonicalDatasetWriter.files(for: try TestSupport.loadBundledDataset())
        files[file] = change(try #require(files[file]))
        let (descriptor, problems) = DataPackageDescriptor.parse(
            Data((files["datapackage.json"] ?? "").utf8), file: "d")
        #expect(problems.isEmpty)
        return (try #require(descriptor), files)
    }

    @Test func canonicalLenientLeavesOutTheBadRowsAndNamesThem() throws {
        let (descriptor, files) = try Self.bundledFiles(editing: "observations.csv") {
            $0.replacingOccurrences(of: "alingsas,ks-1.1,2022,72,final,T,,", with: "alingsas,ks-1.1,2022,sju,final,T,,")
                .replacingOccurrences(
                    of: "alingsas,ks-2.1,2021,52,final,T,,", with: "alingsas,ks-9.9,2021,52,final,T,,")
        }
        // Strict: both rows fail the read, each with its line.
        guard
            case .failure(let invalid) = TestSupport.result(
                try CanonicalDatasetReader.read(descriptor: descriptor, files: files, location: "x"))
        else {
            Issue.record("a strict read of bad rows succeeded")
            return
        }
        #expect(invalid.diagnostics.map(\.line) == [3, 5])
        // Lenient: the same two rows left out and listed; everything else read.
        let reading = try CanonicalDatasetReader.read(
            descriptor: descriptor, files: files, location: "x", lenient: true)
        #expect(reading.rejected == invalid.diagnostics)
        let whole = try TestSupport.loadBundledDataset()
        #expect(reading.dataset.observations.count == whole.observations.count - 2)
        #expect(!reading.dataset.observations.contains { $0.indicatorID == "ks-1.1" && $0.year == 2022 })
        #expect(reading.dataset.indicators == whole.indicators)
    }

    /// An indicator row left out makes its observations unusable: the next round finds
    /// them, and they are listed too, with their own lines.
    @Test func canonicalLenientFollowsRowsThatDependOnLeftOutOnes() throws {
        let (descriptor, files) = try Self.bundledFiles(editing: "indicators.csv") {
            $0.replacingOccurrences(
                of: ",index,0,100,higher_is_better,SKR Insikt,U07451",
                with: ",indeks,0,100,higher_is_better,SKR Insikt,U07451")
        }
        let reading = try CanonicalDatasetReader.read(
            descriptor: descriptor, files: files, location: "x", lenient: true)
        #expect(reading.rejected.first?.file == "x/indicators.csv")
        #expect(reading.rejected.first?.line == 2)
        let observationLines = reading.rejected.filter { $0.file == "x/observations.csv" }.map(\.line)
        #expect(observationLines == [2, 3, 4])
        #expect(!reading.dataset.indicators.contains { $0.id == "ks-1.1" })
        #expect(!reading.dataset.observations.contains { $0.indicatorID == "ks-1.1" })
    }

    /// CRLF line ends, and a bad row whose quoted note spans two lines: the whole record is
    /// left out, and the rows after it are kept.
    @Test func canonicalLenientBlanksWholeRecordsWithCRLF() throws {
        let (descriptor, files) = try Self.bundledFiles(editing: "observations.csv") { text in
            text.replacingOccurrences(
                of: "alingsas,ks-1.1,2022,72,final,T,,", with: "alingsas,ks-1.1,2022,sju,final,T,\"two\nlines\","
            )
            .replacingOccurrences(of: "\n", with: "\r\n")
        }
        let reading = try CanonicalDatasetReader.read(
            descriptor: descriptor, files: files, location: "x", lenient: true)
        #expect(reading.rejected.count == 1)
        let whole = try TestSupport.loadBundledDataset()
        #expect(reading.dataset.observations.count == whole.observations.count - 1)
    }

    @Test func canonicalLenientStillFailsOnAWrongHeader() throws {
        let (descriptor, files) = try Self.bundledFiles(editing: "observations.csv") {
            $0.replacingOccurrences(of: "entity_id,indicator_id,year,value", with: "entity,indicator_id,year,value")
        }
        #expect(throws: InvalidInput.self) {
            try CanonicalDatasetReader.read(descriptor: descriptor, files: files, location: "x", lenient: true)
        }
    }

    @Test func loaderPassesLenientOn() throws {
        let copy = try TestSupport.copyOfBundledDataset()
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        try TestSupport.edit(copy, "observations.csv") {
            $0.replacingOccurrences(of: "alingsas,ks-1.1,2022,72,", with: "alingsas,ks-1.1,2022,7 2,")
        }
        #expect(throws: InvalidInput.self) { try DatasetLoader.load(directory: copy, displayName: "c") }
        let reading = try DatasetLoader.load(directory: copy, displayName: "c", lenient: true)
        #expect(reading.rejected.map(\.file) == ["c/observations.csv"])
        #expect(reading.rejected.map(\.line) == [3])
    }

    @Test func reportReaderRejectsCellsItCannotReadUnlessLenient() throws {
        var text = try TestSupport.seedReport()
        let tenure = "Tillsvidareanställda\t132\t137\t5"
        #expect(text.contains(tenure))
        text = text.replacingOccurrences(of: tenure, with: "Tillsvidareanställda\t132\tmånga\t5")
        guard
            case .failure(let invalid) = TestSupport.result(
                try ReportTextReader.read(text, file: "r.txt", name: "r", entity: "x"))
        else {
            Issue.record("a strict read of an unreadable cell succeeded")
            return
        }
        #expect(invalid.diagnostics.map(\.reason) == ["\"många\" is not a number"])
        let reading = try ReportTextReader.read(text, file: "r.txt", name: "r", entity: "x", lenient: true)
        #expect(reading.rejected == invalid.diagnostics)
        // The tables of other kinds stay warnings, in both modes.
        #expect(reading.warnings.allSatisfy { $0.reason.hasSuffix("; skipped") })
        #expect(!reading.warnings.isEmpty)
    }

    @Test func reportReaderFailsOnTextWithNothingToRead() {
        #expect(throws: InvalidInput.self) {
            try ReportTextReader.read("Inget här.\n", file: "r.txt", name: "r", entity: "x", lenient: true)
        }
    }

    @Test func wideLenientCellsCarryTheirFileAndText() throws {
        let reading = try WideTableReader.read(
            Data("Indikator;2022;2023\nNKI;71;sju\n".utf8), file: "w.csv", name: "w", lenient: true)
        let cell = try #require(reading.rejected.first)
        #expect(reading.rejected.count == 1)
        #expect((cell.file, cell.line, cell.column, cell.text) == ("w.csv", 2, 8, "sju"))
        #expect(reading.dataset.observations.map(\.value) == [71])
    }
}
