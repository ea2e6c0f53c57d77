import Foundation
import PrognosTestSupport
import Testing

@testable import Prognos
@testable import PrognosAnalysis
@testable import PrognosModel

/// `prognos run --archive DIR`: a run records its next-year forecasts; a later run whose
/// data hold their outcomes reports how they fared (report, accuracy.csv); reruns and
/// concurrent runs add no duplicates; the archive is never inside the output.
@Suite(.serialized) struct ForecastArchiveTests {
    /// A workspace with the bundled dataset (`ds`) and a copy without its 2023 outcomes (`ds22`).
    static func workspace() throws -> URL {
        let root = try TestSupport.temporaryDirectory()
        let full = root.appendingPathComponent("ds")
        try FileManager.default.copyItem(at: TestSupport.bundledDatasetDirectory, to: full)
        let cut = root.appendingPathComponent("ds22")
        try FileManager.default.copyItem(at: TestSupport.bundledDatasetDirectory, to: cut)
        try TestSupport.edit(cut, "observations.csv") { text in
            text.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { $0.split(separator: ",").dropFirst(2).first != "2023" }.joined(separator: "\n")
        }
        return root
    }

    static func rows(_ url: URL) throws -> [String] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    @Test func aLaterRunReportsHowTheArchivedForecastsFared() throws {
        let root = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let first = try TestSupport.runBinary(["run", "ds22", "--archive", "archive", "--out", "o1"], in: root)
        #expect(first.status == 0, "\(first.stderr)")
        let archive = root.appendingPathComponent("archive/forecasts.csv")
        let recorded = try Self.rows(archive)
        #expect(recorded.first == ForecastArchive.columns.joined(separator: ","))
        #expect(recorded.count > 20)
        #expect(recorded.dropFirst().allSatisfy { $0.contains(",2022,2023,") })
        // The first run had nothing to judge: no section, no archived row.
        let firstReport = try String(contentsOf: root.appendingPathComponent("o1/report.md"), encoding: .utf8)
        #expect(!firstReport.contains("Prognos egna prognoser"))
        // The second run holds the 2023 outcomes.
        let second = try TestSupport.runBinary(["run", "ds", "--archive", "archive", "--out", "o2"], in: root)
        #expect(second.status == 0, "\(second.stderr)")
        let report = try String(contentsOf: root.appendingPathComponent("o2/report.md"), encoding: .utf8)
        #expect(report.contains("## Prognos egna prognoser mot utfallet"))
        // NKI: forecast 72 for 2023 from 71, 72; the preliminary outcome 73 inside its 80 % interval.
        #expect(report.contains("| Företagsklimat enl. ÖJ (Insikt) - Totalt, NKI | 2023 | 72 |"))
        let accuracy = try Self.rows(root.appendingPathComponent("o2/accuracy.csv"))
        #expect(accuracy.contains { $0.hasPrefix("prognos (archived),1,") })
        // The second run recorded its 2024 forecasts beside the 2023 ones.
        let after = try Self.rows(archive)
        #expect(after.count > recorded.count)
        #expect(after.dropFirst().contains { $0.contains(",2023,2024,") })
        // A rerun on the same data adds nothing.
        let again = try TestSupport.runBinary(["run", "ds", "--archive", "archive", "--out", "o3"], in: root)
        #expect(again.status == 0)
        #expect(try Self.rows(archive) == after)
    }

    @Test func concurrentRunsAddEachForecastOnce() throws {
        let root = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let outcomes = try (0..<3).map { index -> Process in
            let process = Process()
            process.executableURL = TestSupport.binary
            process.arguments = ["run", "ds22", "--archive", "archive", "--out", "o\(index)"]
            process.currentDirectoryURL = root
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        for process in outcomes { process.waitUntilExit() }
        #expect(outcomes.allSatisfy { $0.terminationStatus == 0 })
        let rows = try Self.rows(root.appendingPathComponent("archive/forecasts.csv"))
        let keys = rows.dropFirst().map { $0.split(separator: ",").dropFirst().prefix(6).joined(separator: ",") }
        #expect(Set(keys).count == keys.count)
        #expect(keys.count > 20)
        let archive = try ForecastArchive(directory: root.appendingPathComponent("archive"))
        #expect(try archive.forecasts(dataset: "alingsas-ks-2023").count == keys.count)
    }

    @Test func theArchiveIsNeverInsideTheOutput() throws {
        let root = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try TestSupport.runBinary(["run", "ds", "--archive", "out/archive", "--out", "out"], in: root)
        #expect(result.status != 0)
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("out/report.md").path))
    }

    @Test func textThatLooksLikeAFormulaReadsBack() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let archive = try ForecastArchive(directory: root)
        let forecast = ArchivedForecast(
            made: "2026-12-08T00:00:00Z", dataset: "d", entityID: "=cmd", indicatorID: "-x", gender: .total,
            lastYear: 2022, year: 2023, method: "naive", median: -1.5, interval80: (-3, 0), interval95: (-4, 1),
            target: nil, comparator: nil, probability: nil, basis: "own")
        var quoted = forecast
        quoted.entityID = "'=x"
        quoted.indicatorID = "'plain"
        #expect(try archive.record([forecast, quoted]) == 2)
        #expect(try archive.record([forecast, quoted]) == 0)
        #expect(try archive.forecasts(dataset: "d") == [forecast, quoted])
        #expect(try String(contentsOf: root.appendingPathComponent("forecasts.csv"), encoding: .utf8).contains("'=cmd"))
    }
}
