import Foundation
import PrognosTestSupport
import Testing

@testable import PrognosIngest

/// Broken copies of the bundled dataset: `validate` must name each problem with its
/// file, line and column, and report all of them, not only the first.
@Suite struct ValidationTests {
    /// Loads a dataset copy and returns its diagnostics as printed lines (empty when valid).
    func problems(in directory: URL) -> [String] {
        do {
            _ = try DatasetLoader.load(directory: directory, displayName: "ds").dataset
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    /// Breaks one line of `file` (the first containing `old`) and expects exactly one
    /// problem, at that line and at the column where `field` starts inside `new`
    /// (the start of the line when `field` is empty), whose reason contains `reason`.
    func expectSingleProblem(
        file: String, replacing old: String, with new: String, field: String, reason: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let copy = try TestSupport.copyOfBundledDataset()
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        let original = try String(contentsOf: copy.appendingPathComponent(file), encoding: .utf8)
        let line = try #require(TestSupport.lineNumber(of: old, in: original), sourceLocation: sourceLocation)
        let lineText = original.split(separator: "\n", omittingEmptySubsequences: false)[line - 1]
        let oldOffset = try #require(lineText.range(of: old), sourceLocation: sourceLocation).lowerBound
        var column = 1
        if !field.isEmpty {
            let fieldOffset = try #require(new.range(of: field), sourceLocation: sourceLocation).lowerBound
            column =
                lineText.distance(from: lineText.startIndex, to: oldOffset)
                + new.distance(from: new.startIndex, to: fieldOffset) + 1
        }
        try TestSupport.edit(copy, file) { TestSupport.replacingFirst($0, old, new) }
        let found = problems(in: copy)
        #expect(found.count == 1, "\(found)", sourceLocation: sourceLocation)
        let expectedPrefix = "ds/\(file):\(line):\(column): "
        #expect(
            found.contains { $0.hasPrefix(expectedPrefix) && $0.contains(reason) },
            "expected \(expectedPrefix)…\(reason) in \(found)", sourceLocation: sourceLocation)
    }

    @Test func bundledDatasetIsValid() throws {
        let dataset = try TestSupport.loadBundledDataset()
        #expect(dataset.goals.count == 10)
        #expect(dataset.targets.filter { $0.year == 2023 }.count == 12)
    }

    @Test func unknownIndicatorInObservations() throws {
        try expectSingleProblem(
            file: "observations.csv", replacing: "alingsas,ks-5.1,2021,82", with: "alingsas,ks-9.9,2021,82",
            field: "ks-9.9", reason: "unknown indicator \"ks-9.9\"")
    }

    @Test func unknownEntityInObservations() throws {
        try expectSingleProblem(
            file: "observations.csv", replacing: "alingsas,ks-5.1,2021,82", with: "alingsos,ks-5.1,2021,82",
            field: "alingsos", reason: "unknown entity \"alingsos\"")
    }

    @Test func duplicateObservation() throws {
        // The 2022 row of ks-5.1 becomes a second 2021 row.
        try expectSingleProblem(
            file: "observations.csv", replacing: "alingsas,ks-5.1,2022,82", with: "alingsas,ks-5.1,2021,83",
            field: "",
            reason: "duplicate observations key (entity_id=alingsas, indicator_id=ks-5.1, year=2021, gender=T)")
    }

    @Test func valueInWords() throws {
        try expectSingleProblem(
            file: "observations.csv", replacing: "alingsas,ks-5.1,2021,82", with: "alingsas,ks-5.1,2021,sju",
            field: "sju", reason: "\"sju\" in \"value\" is not a number")
    }

    @Test func decimalComma() throws {
        try expectSingleProblem(
            file: "observations.csv", replacing: "alingsas,ks-4.1,2021,2.5", with: "alingsas,ks-4.1,2021,\"2,5\"",
            field: "\"2,5\"", reason: "\"2,5\" in \"value\" is not a number (use a dot as decimal separator, e.g. 2.5)")
    }

    @Test func malformedYear() throws {
        try expectSingleProblem(
            file: "observations.csv", replacing: "alingsas,ks-5.1,2021,82", with: "alingsas,ks-5.1,20x1,82",
            field: "20x1", reason: "\"20x1\" in \"year\" is not a four-digit year")
    }

    @Test func valueOutsideBounds() throws {
        try expectSingleProblem(
            file: "observations.csv", replacing: "alingsas,ks-5.1,2021,82", with: "alingsas,ks-5.1,2021,182",
            field: "182", reason: "value 182 is outside the bounds [0, 100] of indicator \"ks-5.1\"")
        try expectSingleProblem(
            file: "observations.csv", replacing: "alingsas,ks-4.1,2021,2.5", with: "alingsas,ks-4.1,2021,0.5",
            field: "0.5", reason: "value 0.5 is outside the bounds [1, 6] of indicator \"ks-4.1\"")
    }

    @Test func targetForUnknownIndicator() throws {
        try expectSingleProblem(
            file: "targets.csv", replacing: "alingsas,ks-5.1,ks-5,2023", with: "alingsas,ks-5.9,ks-5,2023",
            field: "ks-5.9", reason: "unknown indicator \"ks-5.9\"")
    }

    @Test func unknownUnit() throws {
        try expectSingleProblem(
            file: "indicators.csv",
            replacing: "NKI\",\"Business climate (Insikt survey): total satisfaction index, NKI\",index",
            with: "NKI\",\"Business climate (Insikt survey): total satisfaction index, NKI\",procent",
            field: "procent", reason: "unknown unit \"procent\" (expected one of: percent, index, scale")
    }

    @Test func unknownPolarity() throws {
        try expectSingleProblem(
            file: "indicators.csv", replacing: "index,0,100,higher_is_better,SKR Insikt,U07451",
            with: "index,0,100,higher-is-better,SKR Insikt,U07451",
            field: "higher-is-better", reason: "unknown polarity \"higher-is-better\"")
    }

    @Test func unknownStatus() throws {
        try expectSingleProblem(
            file: "observations.csv", replacing: "alingsas,ks-1.1,2023,73,preliminary",
            with: "alingsas,ks-1.1,2023,73,prel", field: "prel",
            reason: "unknown status \"prel\" (expected one of: final, preliminary)")
    }

    @Test func wrongFieldCountAndMissingColumn() throws {
        try expectSingleProblem(
            file: "targets.csv", replacing: "alingsas,ks-6.1,ks-6,2023,21,>=", with: "alingsas,ks-6.1,ks-6,2023,21",
            field: "", reason: "the row has 5 fields, the header has 6")
        try expectSingleProblem(
            file: "targets.csv", replacing: "entity_id,indicator_id,goal_id,year,value,comparator",
            with: "entity_id,indicator_id,goal_id,year,target,comparator", field: "",
            reason: "the header has no column \"value\"")
    }

    @Test func reportsEveryProblemNotOnlyTheFirst() throws {
        let copy = try TestSupport.copyOfBundledDataset()
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        try TestSupport.edit(copy, "observations.csv") { text in
            var text = TestSupport.replacingFirst(text, "alingsas,ks-5.1,2021,82", "alingsas,ks-5.1,2021,sju")
            text = TestSupport.replacingFirst(text, "alingsas,ks-6.1,2021,19", "alingsas,ks-6.1,2021,119")
            return TestSupport.replacingFirst(
                text, "alingsas,ks-1.1,2023,73,preliminary", "alingsas,ks-1.1,2023,73,maybe")
        }
        try TestSupport.edit(copy, "targets.csv") {
            TestSupport.replacingFirst($0, "alingsas,ks-7.4,ks-7", "alingsas,ks-7.4,ks-77")
        }
        try TestSupport.edit(copy, "goals.csv") {
            TestSupport.replacingFirst($0, "shall be good,partly_met", "shall be good,half_met")
        }
        let found = problems(in: copy)
        #expect(found.count == 5, "\(found)")
        #expect(found.contains { $0.contains("observations.csv:") && $0.contains("\"sju\"") })
        #expect(found.contains { $0.contains("observations.csv:") && $0.contains("value 119 is outside the bounds") })
        #expect(found.contains { $0.contains("observations.csv:") && $0.contains("unknown status \"maybe\"") })
        #expect(found.contains { $0.contains("targets.csv:") && $0.contains("unknown goal \"ks-77\"") })
        #expect(found.contains { $0.contains("goals.csv:") && $0.contains("unknown assessment \"half_met\"") })
    }

    @Test func missingDescriptorAndMissingResourceFile() throws {
        let copy = try TestSupport.copyOfBundledDataset()
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        try FileManager.default.removeItem(at: copy.appendingPathComponent("targets.csv"))
        #expect(problems(in: copy) == ["ds/targets.csv: the file of resource \"targets\" is missing"])
        try FileManager.default.removeItem(at: copy.appendingPathComponent("datapackage.json"))
        #expect(problems(in: copy).first?.hasPrefix("ds/datapackage.json: missing") == true)
    }

    @Test func brokenDescriptor() throws {
        let copy = try TestSupport.copyOfBundledDataset()
        defer { try? FileManager.default.removeItem(at: copy.deletingLastPathComponent()) }
        try "{\"name\": \"x\", \"resources\": [".write(
            to: copy.appendingPathComponent("datapackage.json"), atomically: true, encoding: .utf8)
        #expect(problems(in: copy).first?.hasPrefix("ds/datapackage.json: not valid JSON") == true)
    }
}
