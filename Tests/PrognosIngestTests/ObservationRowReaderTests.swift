import Foundation
import PrognosTestSupport
import Testing

@testable import PrognosIngest
@testable import PrognosModel
@testable import PrognosSupport

/// The fast path for observations (``ObservationRowReader``) against the generic path:
/// the parallel read, which offers every line to the fast path first, must give the
/// dataset and the problems the one-thread read gives, which never uses it.
@Suite struct ObservationRowReaderTests {
    /// The synthetic files with observations.csv rewritten in columns of another order, an
    /// extra column, and rows of every ordinary kind: codes given, empty and in each
    /// value; numbers in every form the format allows; notes with non-ASCII text.
    static func variedFiles() throws -> (DataPackageDescriptor, [String: String]) {
        let (descriptor, files) = try ParallelScanTests.syntheticFiles()
        let observations = try #require(files["observations.csv"])
        var rows = ["year,value,indicator_id,extra,entity_id,gender,status,split,note"]
        let numbers = [
            "56.3", "-0", "+5", ".5", "5.", "1e1", "2.5E-1", "0001.50", "12345678901234567", "0.000000000000001234",
            "99.99999999999999",
        ]
        let statuses = ["", "final", "preliminary"]
        let genders = ["", "T", "K", "M"]
        let splits = ["", "train", "test"]
        for (index, line) in observations.split(separator: "\n").dropFirst().enumerated() {
            // entity_id,indicator_id,year,value,status,gender,note,split
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let gender = genders[index % genders.count]
            let value = index % 7 == 0 ? numbers[(index / 7) % numbers.count] : fields[3]
            rows.append(
                [
                    fields[2], value, fields[1], "x\(index)", fields[0], gender, statuses[index % 3], splits[index % 3],
                    index % 5 == 0 ? "anmärkning \(index) – ändrad" : "",
                ].joined(separator: ","))
            // Some years again for the women and the men: other keys, not duplicates.
            if index % 11 == 0, gender.isEmpty || gender == "T" {
                for other in ["K", "M"] {
                    rows.append(
                        [fields[2], fields[3], fields[1], "", fields[0], other, "", "", ""].joined(separator: ","))
                }
            }
        }
        var varied = files
        varied["observations.csv"] = rows.joined(separator: "\n") + "\n"
        // Percentages and indices are bounded 0–100: values over it would be problems.
        varied["indicators.csv"] = try #require(files["indicators.csv"])
            .replacingOccurrences(of: ",0,100,", with: ",,,")
        return (descriptor, varied)
    }

    @Test func ordinaryRowsOfEveryKindReadAlike() throws {
        let (descriptor, files) = try Self.variedFiles()
        guard
            case .success(let serial) = TestSupport.datasetResult(
                try CanonicalDatasetReader.read(
                    descriptor: descriptor, files: files, location: "ds", threads: 1))
        else {
            Issue.record("the varied observations do not read on one thread")
            return
        }
        #expect(serial.observations.contains { $0.gender == .women && $0.status == .preliminary })
        #expect(serial.observations.contains { $0.split == .test && $0.note.contains("ändrad") })
        #expect(serial.observations.contains { $0.value == 0 && $0.value.sign == .minus })
        ParallelScanTests.expectSameReads(descriptor, files)
    }

    /// Rows the fast path must decline, each next to ordinary ones, so that both paths
    /// meet in one slice: problems of every kind, an indicator whose own row is broken
    /// (known, so its observations are read, but with no bounds), and keys repeated
    /// across the two paths.
    @Test func rowsWithProblemsReportAlike() throws {
        let (descriptor, files) = try ParallelScanTests.syntheticFiles()
        let observations = try #require(files["observations.csv"])
        var lines = FastPathFixtures.Lines(observations)
        lines.edit(3) { $0[3] = "101" }  // over a percentage's bound
        lines.edit(4) { $0[3] = "-1" }
        lines.edit(6) { $0[4] = "Final" }
        lines.edit(7) { $0[5] = "X" }
        lines.edit(8) { $0[7] = "holdout" }
        lines.edit(9) { $0[3] = "" }
        lines.edit(11) { $0[2] = "20x0" }
        lines.edit(12) { $0[2] = "999" }
        lines.edit(13) { $0[3] = "1e999" }
        lines.edit(14) { $0[3] = "nan" }
        lines.edit(15) { $0[1] = "I99999" }
        lines.edit(16) { $0[0] = "" }
        lines.edit(17) { $0.append("extra") }
        lines.edit(18) { $0[3] = " 5" }
        lines.edit(19) { $0[5] = "" }  // the total, as "T" is: the same key as a row with T
        lines.lines.insert(lines.lines[19].replacingOccurrences(of: ",,", with: ",T,"), at: 20)
        lines.lines.insert(lines.lines[30], at: 31)  // a duplicate of an ordinary row, next to it
        var broken = try FastPathFixtures.withSecondIndicatorBroken(files)
        broken["observations.csv"] = lines.text
        FastPathFixtures.expectProblemsReadAlike(descriptor, broken, atLeast: 17)
    }

    /// The fast path reads an ordinary line itself, with the generic path's key, and
    /// declines the others.
    @Test func readsOrdinaryLinesAndDeclinesTheRest() throws {
        let header = FastPathFixtures.header(
            "entity_id,indicator_id,year,value,status,gender,note,split", spec: CanonicalSchema.observations)
        var reader = try #require(
            ObservationRowReader(
                header: header, entityIDs: ["E1"], indicatorIDs: ["I1", "I2"],
                indicators: ["I1": FastPathFixtures.share]))
        func read(_ line: String) -> (Observation?, [String]) { FastPathFixtures.read(line, with: &reader) }
        let (ordinary, key) = read("E1,I1,2023,56.3,preliminary,,note,test")
        #expect(
            ordinary
                == Observation(
                    entityID: "E1", indicatorID: "I1", year: 2023, value: 56.3, status: .preliminary, gender: .total,
                    note: "note", split: .test))
        #expect(key == ["E1", "I1", "2023", "T"])
        let (women, womensKey) = read("E1,I2,2023,156.3,,K,,")  // I2's row was broken: no bounds
        #expect(women?.gender == .women)
        #expect(womensKey == ["E1", "I2", "2023", "K"])
        for declined in [
            "E1,I1,2023,156.3,,,,", "E2,I1,2023,1,,,,", "E1,I3,2023,1,,,,", "E1,I1,23,1,,,,", "E1,I1,2023,1,,,",
            "E1,I1,2023,1,,,,,",
            "E1,I1,2023,2,5,,,", "E1,I1,2023,1,draft,,,", "E1,I1,2023,1,,t,,", "E1,I1,2023,1,,,,valid",
            "E1,I1,2023,,,,,", ",I1,2023,1,,,,",
        ] {
            let (value, key) = read(declined)
            #expect(value == nil, "\(declined)")
            #expect(key.isEmpty, "\(declined)")
        }
    }

    /// The decimal fast path (m / 10ᵏ) against Swift's `Double(_:)` on random texts of the
    /// format's grammar: the same bits, the sign of zero included.
    @Test func decimalsMatchSwiftsParsing() {
        var random = SplitMix64(seed: 11)
        for _ in 0..<200_000 {
            var text = ""
            switch random.next() % 4 {
            case 0: text += "-"
            case 1: text += "+"
            default: break
            }
            let digits = Int(random.next() % 19) + 1
            let point = Int(random.next() % UInt64(digits + 2))
            for position in 0..<digits {
                if position == point { text += "." }
                text += String(random.next() % 10)
            }
            if point == digits { text += "." }
            if random.next() % 8 == 0 { text += "e" + String(Int(random.next() % 40) - 20) }
            let parsed = NumberParsing.decimal(text)
            let reference = Double(text)
            #expect(parsed?.bitPattern == reference?.bitPattern, "\(text)")
        }
    }
}
