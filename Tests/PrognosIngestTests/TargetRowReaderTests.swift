import Foundation
import PrognosTestSupport
import Testing

@testable import PrognosIngest
@testable import PrognosModel

/// The fast path for targets (``TargetRowReader``) against the generic path, as
/// `ObservationRowReaderTests` holds the observations' fast path.
@Suite struct TargetRowReaderTests {
    /// The synthetic files with targets.csv in another column order, with an extra column,
    /// goals given and left empty, both comparators and numbers in several forms, and
    /// many targets so that the file is cut into slices.
    static func variedFiles() throws -> (DataPackageDescriptor, [String: String]) {
        let (descriptor, files) = try ParallelScanTests.syntheticFiles()
        let targets = try #require(files["targets.csv"])
        var rows = ["comparator,year,extra,goal_id,value,indicator_id,entity_id"]
        let numbers = ["56.3", "-0", "+5", ".5", "5.", "1e1", "0001.50", "12345678901234567"]
        for (index, line) in targets.split(separator: "\n").dropFirst().enumerated() {
            // entity_id,indicator_id,goal_id,year,value,comparator
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            for offset in 0..<8 {
                let year = String((Int(fields[3]) ?? 2024) + offset)
                let value = offset == 0 ? fields[4] : numbers[(index + offset) % numbers.count]
                let goal = offset % 3 == 2 ? "" : fields[2]
                rows.append(
                    [offset % 2 == 0 ? ">=" : "<=", year, "x", goal, value, fields[1], fields[0]].joined(separator: ",")
                )
            }
        }
        var varied = files
        varied["targets.csv"] = rows.joined(separator: "\n") + "\n"
        varied["indicators.csv"] = try #require(files["indicators.csv"]).replacingOccurrences(
            of: ",0,100,", with: ",,,")
        return (descriptor, varied)
    }

    @Test func ordinaryTargetsReadAlike() throws {
        let (descriptor, files) = try Self.variedFiles()
        guard
            case .success(let serial) = TestSupport.datasetResult(
                try CanonicalDatasetReader.read(
                    descriptor: descriptor, files: files, location: "ds", threads: 1))
        else {
            Issue.record("the varied targets do not read on one thread")
            return
        }
        #expect(serial.targets.contains { $0.goalID.isEmpty && $0.comparator == .atMost })
        #expect(try #require(files["targets.csv"]).utf8.count > 1_000)
        ParallelScanTests.expectSameReads(descriptor, files)
    }

    /// Rows the fast path must decline beside ordinary ones, an indicator whose own row is
    /// broken, and keys repeated across the two paths.
    @Test func targetsWithProblemsReportAlike() throws {
        let (descriptor, files) = try Self.variedFiles()
        var lines = FastPathFixtures.Lines(try #require(files["targets.csv"]))
        // comparator,year,extra,goal_id,value,indicator_id,entity_id
        lines.edit(3) { $0[0] = "=>" }
        lines.edit(4) { $0[0] = "" }
        lines.edit(5) { $0[1] = "24" }
        lines.edit(6) { $0[3] = "no.such.goal" }
        lines.edit(7) { $0[4] = "2,5" }
        lines.edit(8) { $0[4] = "" }
        lines.edit(9) { $0[5] = "I99999" }
        lines.edit(10) { $0[6] = "E9999" }
        lines.edit(11) { $0.removeLast() }
        lines.lines.insert(lines.lines[20], at: 21)
        // A declined duplicate.
        lines.lines.insert(lines.lines[12].replacingOccurrences(of: ">=,", with: "=>,"), at: 13)
        var broken = try FastPathFixtures.withSecondIndicatorBroken(files)
        broken["targets.csv"] = lines.text
        FastPathFixtures.expectProblemsReadAlike(descriptor, broken, atLeast: 11)
    }

    /// The fast path reads an ordinary line itself, with the generic path's key, and
    /// declines the others.
    @Test func readsOrdinaryLinesAndDeclinesTheRest() throws {
        let header = FastPathFixtures.header(
            "entity_id,indicator_id,goal_id,year,value,comparator", spec: CanonicalSchema.targets)
        var reader = try #require(
            TargetRowReader(
                header: header, entityIDs: ["E1"], indicatorIDs: ["I1", "I2"],
                indicators: ["I1": FastPathFixtures.share],
                goalIDs: ["G1"]))
        func read(_ line: String) -> (Target?, [String]) { FastPathFixtures.read(line, with: &reader) }
        let (ordinary, key) = read("E1,I1,G1,2024,56.3,<=")
        #expect(
            ordinary
                == Target(entityID: "E1", indicatorID: "I1", goalID: "G1", year: 2024, value: 56.3, comparator: .atMost)
        )
        #expect(key == ["E1", "I1", "G1", "2024"])
        let (noGoal, noGoalKey) = read("E1,I2,,2024,156.3,>=")  // I2's own row was broken: no bounds
        #expect(noGoal?.goalID == "")
        #expect(noGoalKey == ["E1", "I2", "", "2024"])
        for declined in [
            "E1,I1,G1,2024,156.3,>=", "E2,I1,G1,2024,1,>=", "E1,I3,G1,2024,1,>=", "E1,I1,G2,2024,1,>=",
            "E1,I1,G1,24,1,>=",
            "E1,I1,G1,2024,1,", "E1,I1,G1,2024,1,=", "E1,I1,G1,2024,,>=", "E1,I1,G1,2024,1,>=,", ",I1,G1,2024,1,>=",
        ] {
            let (value, key) = read(declined)
            #expect(value == nil, "\(declined)")
            #expect(key.isEmpty, "\(declined)")
        }
    }
}
