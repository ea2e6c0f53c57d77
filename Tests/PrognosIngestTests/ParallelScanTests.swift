import Foundation
import PrognosTestSupport
import Testing

@testable import PrognosIngest

/// The canonical reader on several threads (``ParallelResourceScan``) against the same
/// reader on one: the same dataset from good files, the same problems in the same order
/// from broken ones, whatever the number of threads and the size of the slices.
@Suite struct ParallelScanTests {
    /// A synthetic dataset's files (no quotes in them, so they can be cut at line feeds).
    static func syntheticFiles() throws -> (descriptor: DataPackageDescriptor, files: [String: String]) {
        let dataset = KoladaScaleGenerator(entities: 7, indicators: 6, years: 12, seed: 3).dataset()
        var files = CanonicalDatasetWriter.files(for: dataset)
        let removed = files.removeValue(forKey: DataPackageDescriptor.fileName)
        let descriptorText = try #require(removed)
        let descriptor = try #require(
            DataPackageDescriptor.parse(Data(descriptorText.utf8), file: DataPackageDescriptor.fileName).descriptor)
        return (descriptor, files)
    }

    /// The read with one thread, then with 2 and 3 threads and slices of 1, 64 and 700
    /// bytes, which must all agree.
    static func expectSameReads(
        _ descriptor: DataPackageDescriptor, _ files: [String: String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let serial = TestSupport.datasetResult(
            try CanonicalDatasetReader.read(descriptor: descriptor, files: files, location: "ds", threads: 1))
        for threads in [2, 3] {
            for sliceBytes in [1, 64, 700] {
                let parallel = TestSupport.datasetResult(
                    try CanonicalDatasetReader.read(
                        descriptor: descriptor, files: files, location: "ds", threads: threads, sliceBytes: sliceBytes))
                switch (serial, parallel) {
                case (.success(let one), .success(let many)):
                    #expect(
                        one == many, "threads \(threads), slices of \(sliceBytes) bytes", sourceLocation: sourceLocation
                    )
                case (.failure(let one), .failure(let many)):
                    #expect(
                        one.diagnostics.map(\.description) == many.diagnostics.map(\.description),
                        "threads \(threads), slices of \(sliceBytes) bytes", sourceLocation: sourceLocation)
                default:
                    Issue.record("one thread and \(threads) disagree on validity", sourceLocation: sourceLocation)
                }
            }
        }
    }

    @Test func goodFilesReadAlike() throws {
        let (descriptor, files) = try Self.syntheticFiles()
        let observations = try #require(files["observations.csv"])
        #expect(observations.utf8.count > 10_000)
        guard
            case .success(let dataset) = TestSupport.datasetResult(
                try CanonicalDatasetReader.read(
                    descriptor: descriptor, files: files, location: "ds", threads: 2, sliceBytes: 500))
        else {
            Issue.record("the synthetic dataset does not read")
            return
        }
        #expect(dataset.observations.count == CSVTable.lineFeedCount(observations) - 1)
        Self.expectSameReads(descriptor, files)
    }

    /// Every kind of row problem, and duplicates far apart (in other slices), in LF and
    /// in CRLF files.
    @Test func brokenFilesReportAlike() throws {
        let (descriptor, files) = try Self.syntheticFiles()
        let observations = try #require(files["observations.csv"])
        var lines = observations.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let count = lines.count
        lines[5] = lines[5].replacingOccurrences(of: ",final,", with: ",maybe,")
        lines[40] = "E0001,I00001,2020"
        lines[77] = lines[77].replacingOccurrences(of: "E000", with: "X000")
        lines[120] = ",I00002,2010,5,final,T,,"
        lines[200] = lines[200].replacingOccurrences(of: ".", with: ",", options: [], range: nil)
        lines.insert(lines[300], at: count - 20)
        lines.insert(lines[10], at: 400)
        lines.insert("", at: 250)
        lines[333] = lines[333].replacingOccurrences(of: "2", with: "x")
        var broken = files
        broken["observations.csv"] = lines.joined(separator: "\n")
        var targets = try #require(files["targets.csv"]).split(separator: "\n").map(String.init)
        targets.insert(targets[3], at: targets.count - 1)
        broken["targets.csv"] = targets.joined(separator: "\n") + "\n"
        if case .success = TestSupport.datasetResult(
            try CanonicalDatasetReader.read(
                descriptor: descriptor, files: broken, location: "ds", threads: 1))
        {
            Issue.record("the broken files read as valid")
        }
        Self.expectSameReads(descriptor, broken)

        var crlf = broken
        crlf["observations.csv"] = lines.joined(separator: "\r\n")
        Self.expectSameReads(descriptor, crlf)
    }

    /// Files that cannot be cut at line feeds are read on one thread, alike.
    @Test func quotesAndLoneCarriageReturnsFallBack() throws {
        let (descriptor, files) = try Self.syntheticFiles()
        let observations = try #require(files["observations.csv"])
        var quoted = files
        quoted["observations.csv"] = TestSupport.replacingFirst(
            observations, ",final,T,,\n", ",final,T,\"two\nlines\",\n")
        Self.expectSameReads(descriptor, quoted)
        var loneReturn = files
        loneReturn["observations.csv"] = TestSupport.replacingFirst(observations, ",final,T,,\n", ",final,T,,\r")
        Self.expectSameReads(descriptor, loneReturn)

        func cuttable(_ text: String) -> Bool {
            var text = text
            return text.withUTF8 { bytes in
                guard let base = bytes.baseAddress else { return true }
                return FileBytes(base: base, count: bytes.count).canBeCutAtLineFeeds
            }
        }
        #expect(cuttable(observations))
        #expect(cuttable(observations.replacingOccurrences(of: "\n", with: "\r\n")))
        #expect(!cuttable(quoted["observations.csv"] ?? ""))
        #expect(!cuttable(loneReturn["observations.csv"] ?? ""))
        #expect(!cuttable("a,b\r"))
    }

    /// A header whose first line is blank or lacks a required column is left to the
    /// one-thread reader, which reports it.
    @Test func unusualHeadersFallBack() throws {
        let (descriptor, files) = try Self.syntheticFiles()
        let observations = try #require(files["observations.csv"])
        var blankFirst = files
        blankFirst["observations.csv"] = "\n" + observations
        Self.expectSameReads(descriptor, blankFirst)
        var missingColumn = files
        missingColumn["observations.csv"] = observations.replacingOccurrences(of: "entity_id,", with: "entity,")
        Self.expectSameReads(descriptor, missingColumn)
        var twice = files
        twice["observations.csv"] = TestSupport.replacingFirst(observations, ",split\n", ",note\n")
        Self.expectSameReads(descriptor, twice)
    }
}
