import Foundation
import PrognosTestSupport
import Testing

@testable import PrognosIngest
@testable import PrognosModel

/// What the tests of the reader's fast paths (`ObservationRowReaderTests`,
/// `TargetRowReaderTests`) share.
enum FastPathFixtures {
    /// A percentage, bounded 0–100.
    static let share = Indicator(
        id: "I1", titleSv: "Andel", titleEn: "Share", unit: .percent, lowerBound: 0, upperBound: 100,
        polarity: .higherIsBetter)

    /// The header of a resource file from its first line.
    static func header(_ line: String, spec: ResourceSpec) -> ResourceHeader {
        var problems: [Diagnostic] = []
        let record = line.split(separator: ",").enumerated().map { CSVField(text: String($1), line: 1, column: $0 + 1) }
        return ResourceHeader(record, spec: spec, file: "\(spec.path)", problems: &problems)
    }

    /// A fast-path reader's result for one line: its value and the key it wrote.
    static func read<Reader: FastRowReading>(_ line: String, with reader: inout Reader) -> (Reader.Value?, [String]) {
        var key: [String] = []
        var line = line
        let value = line.withUTF8 { reader.read($0, key: &key) }
        return (value, key)
    }

    /// The lines of a CSV file, edited field by field.
    struct Lines {
        var lines: [String]

        init(_ text: String) { lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

        mutating func edit(_ index: Int, _ change: (inout [String]) -> Void) {
            var fields = lines[index].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            change(&fields)
            lines[index] = fields.joined(separator: ",")
        }

        var text: String { lines.joined(separator: "\n") }
    }

    /// The files with the second indicator's own row broken (an unknown unit): rows that
    /// refer to it are still read, without bounds.
    static func withSecondIndicatorBroken(_ files: [String: String]) throws -> [String: String] {
        var broken = files
        broken["indicators.csv"] = try #require(files["indicators.csv"])
            .replacingOccurrences(of: "I00002,Index 2,Index 2,index,", with: "I00002,Index 2,Index 2,indexx,")
        return broken
    }

    /// The broken files fail on one thread with at least `count` problems, and read alike
    /// on several (``ParallelScanTests/expectSameReads(_:_:sourceLocation:)``).
    static func expectProblemsReadAlike(
        _ descriptor: DataPackageDescriptor, _ files: [String: String], atLeast count: Int,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard
            case .failure(let problems) = TestSupport.datasetResult(
                try CanonicalDatasetReader.read(
                    descriptor: descriptor, files: files, location: "ds", threads: 1))
        else {
            Issue.record("the broken files read as valid", sourceLocation: sourceLocation)
            return
        }
        #expect(problems.diagnostics.count >= count, sourceLocation: sourceLocation)
        ParallelScanTests.expectSameReads(descriptor, files, sourceLocation: sourceLocation)
    }
}
