import Foundation
import Testing

@testable import Prognos

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
        let numbers = ["56.3", "-0", "+5", ".5", "5.", "1e1", "2.5E-1", "0001.50", "12345678901234567", "0.000000000000001234", "99.99999999999999"]
        let statuses = ["", "final", "preliminary"]
        let genders = ["", "T", "K", "M"]
        let splits = ["", "train", "test"]
        for (index, line) in observations.split(separator: "\n").dropFirst().enumerated() {
            // entity_id,indicator_id,year,value,status,gender,note,split
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let gender = genders[index % genders.count]
            let value = index % 7 == 0 ? numbers[(index / 7) % numbers.count] : fields[3]
            rows.append([
                fields[2], value, fields[1], "x\(index)", fields[0], gender, statuses[index % 3], splits[index % 3],
                index % 5 == 0 ? "anmärkning \(index) – ändrad" : "",
            ].joined(separator: ","))
            // Some years again for the women and the men: other keys, not duplicates.
            if index % 11 == 0, gender.isEmpty || gender == "T" {
                for other in ["K", "M"] { rows.append([fields[2], fields[3], fields[1], "", fields[0], other, "", "", ""].joined(separator: ",")) }
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
        guard case .success(let serial) = CanonicalDatasetReader.read(descriptor: descriptor, files: files, location: "ds", threads: 1)
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
        var lines = observations.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func edit(_ index: Int, _ change: (inout [String]) -> Void) {
            var fields = lines[index].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            change(&fields)
            lines[index] = fields.joined(separator: ",")
        }
        edit(3) { $0[3] = "101" }  // over a percentage's bound
        edit(4) { $0[3] = "-1" }
        edit(6) { $0[4] = "Final" }
        edit(7) { $0[5] = "X" }
        edit(8) { $0[7] = "holdout" }
        edit(9) { $0[3] = "" }
        edit(11) { $0[2] = "20x0" }
        edit(12) { $0[2] = "999" }
        edit(13) { $0[3] = "1e999" }
        edit(14) { $0[3] = "nan" }
        edit(15) { $0[1] = "I99999" }
        edit(16) { $0[0] = "" }
        edit(17) { $0.append("extra") }
        edit(18) { $0[3] = " 5" }
        edit(19) { $0[5] = "" }  // the total, as "T" is: the same key as a row with T
        lines.insert(lines[19].replacingOccurrences(of: ",,", with: ",T,"), at: 20)
        lines.insert(lines[30], at: 31)  // a duplicate of an ordinary row, next to it
        var broken = files
        broken["observations.csv"] = lines.joined(separator: "\n")
        // The second indicator's own row is broken (an unknown unit): its observations
        // are still read, without bounds.
        broken["indicators.csv"] = try #require(files["indicators.csv"])
            .replacingOccurrences(of: "I00002,Index 2,Index 2,index,", with: "I00002,Index 2,Index 2,indexx,")
        guard case .failure(let problems) = CanonicalDatasetReader.read(
            descriptor: descriptor, files: broken, location: "ds", threads: 1)
        else {
            Issue.record("the broken files read as valid")
            return
        }
        #expect(problems.diagnostics.count >= 17)
        ParallelScanTests.expectSameReads(descriptor, broken)
    }

    /// The fast path reads an ordinary line itself, with the generic path's key, and
    /// declines the others.
    @Test func readsOrdinaryLinesAndDeclinesTheRest() throws {
        let header = "entity_id,indicator_id,year,value,status,gender,note,split"
        var problems: [Diagnostic] = []
        let record = header.split(separator: ",").enumerated().map { CSVField(text: String($1), line: 1, column: $0 + 1) }
        let resourceHeader = ResourceHeader(record, spec: CanonicalSchema.observations, file: "o.csv", problems: &problems)
        let share = Indicator(id: "I1", titleSv: "Andel", titleEn: "Share", unit: .percent, lowerBound: 0, upperBound: 100, polarity: .higherIsBetter)
        var reader = try #require(
            ObservationRowReader(header: resourceHeader, entityIDs: ["E1"], indicatorIDs: ["I1", "I2"], indicators: ["I1": share]))
        func read(_ line: String) -> (Observation?, [String]) {
            var key: [String] = []
            var line = line
            let value = line.withUTF8 { reader.read($0, key: &key) }
            return (value, key)
        }
        let (ordinary, key) = read("E1,I1,2023,56.3,preliminary,,note,test")
        #expect(ordinary == Observation(entityID: "E1", indicatorID: "I1", year: 2023, value: 56.3, status: .preliminary, gender: .total, note: "note", split: .test))
        #expect(key == ["E1", "I1", "2023", "T"])
        let (women, womensKey) = read("E1,I2,2023,156.3,,K,,")  // I2's row was broken: no bounds
        #expect(women?.gender == .women)
        #expect(womensKey == ["E1", "I2", "2023", "K"])
        for declined in [
            "E1,I1,2023,156.3,,,,", "E2,I1,2023,1,,,,", "E1,I3,2023,1,,,,", "E1,I1,23,1,,,,", "E1,I1,2023,1,,,", "E1,I1,2023,1,,,,,",
            "E1,I1,2023,2,5,,,", "E1,I1,2023,1,draft,,,", "E1,I1,2023,1,,t,,", "E1,I1,2023,1,,,,valid", "E1,I1,2023,,,,,", ",I1,2023,1,,,,",
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
