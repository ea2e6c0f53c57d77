import Foundation
import PrognosTestSupport
import Testing

@testable import Prognos

/// The built `prognos` binary, run as a user runs it: exit codes, messages, and the
/// bundled dataset found from any working directory.
@Suite struct CommandLineTests {
    static let repositoryRoot = TestSupport.repositoryRoot

    func run(_ arguments: [String], in directory: URL) throws -> (status: Int32, stdout: String, stderr: String) {
        try TestSupport.runBinary(arguments, in: directory)
    }

    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("prognos-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func runWithoutArgumentsUsesTheBundledDatasetFromAnyDirectory() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try run(["run"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("out").path)
        #expect(
            names.sorted() == [
                ".prognos-output", "accuracy.csv", "charts", "forecast_checkpoints.csv", "goals.csv", "indicators.csv",
                "report.html", "report.md", "summary.json",
            ])
        let goals = try String(contentsOf: directory.appendingPathComponent("out/goals.csv"), encoding: .utf8)
        #expect(goals.components(separatedBy: "\n").filter { $0.hasPrefix("ks-") }.count == 7)
    }

    @Test func runWithOutAndEnglish() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let dataset = Self.repositoryRoot.appendingPathComponent("Datasets/alingsas-ks-2023").path
        let result = try run(["run", dataset, "--out", "report-en", "--lang", "en"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let report = try String(contentsOf: directory.appendingPathComponent("report-en/report.md"), encoding: .utf8)
        #expect(report.hasPrefix("# Goal follow-up 2023"))
    }

    @Test func validateReportsProblemsWithExitCodeOne() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let copy = directory.appendingPathComponent("ds")
        try FileManager.default.copyItem(
            at: Self.repositoryRoot.appendingPathComponent("Datasets/alingsas-ks-2023"), to: copy)
        let valid = try run(["validate", "ds"], in: directory)
        #expect(valid.status == 0)
        #expect(valid.stdout.hasPrefix("ds: valid"))

        let observations = copy.appendingPathComponent("observations.csv")
        let text = try String(contentsOf: observations, encoding: .utf8)
        try text.replacingOccurrences(of: "alingsas,ks-5.1,2021,82,", with: "alingsas,ks-5.1,2021,sju,")
            .replacingOccurrences(of: "alingsas,ks-6.1,2021,19,", with: "alingsas,ks-6.1,20x1,19,")
            .write(to: observations, atomically: true, encoding: .utf8)
        let invalid = try run(["validate", "ds"], in: directory)
        #expect(invalid.status == 1)
        #expect(invalid.stderr.contains("ds/observations.csv:18:22: \"sju\" in \"value\" is not a number"))
        #expect(invalid.stderr.contains("ds/observations.csv:21:17: \"20x1\" in \"year\" is not a four-digit year"))
        #expect(invalid.stderr.contains("2 problems found"))

        // `run` on the same input: same messages, exit 1, an existing output untouched.
        let output = directory.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try "old\n".write(to: output.appendingPathComponent("report.md"), atomically: true, encoding: .utf8)
        let failedRun = try run(["run", "ds"], in: directory)
        #expect(failedRun.status == 1)
        #expect(failedRun.stderr == invalid.stderr)
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path) == ["report.md"])
    }

    @Test func usageErrorsExitWithTwo() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try run(["frobnicate"], in: directory).status == 2)
        #expect(try run(["run", "--lang", "fi"], in: directory).status == 2)
        #expect(try run(["validate"], in: directory).status == 2)
        let help = try run(["--help"], in: directory)
        #expect(help.status == 0)
        #expect(help.stdout.contains("run"))
    }

    @Test func missingDatasetDirectoryIsInvalidInput() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try run(["validate", "no-such-dir"], in: directory)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("no-such-dir: no such dataset directory"))
    }
}

/// `prognos targets` is a thin shell around ``TargetsJob``: the files it writes are the
/// job's, and each suggested target is the forecast's quantile at its probability.
@Suite struct TargetsJobTests {
    @Test func theCommandWritesTheJobsFiles() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try TestSupport.runBinary(["targets", "--probability", "0.5,0.9", "--out", "t"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let job = TargetsJob(probabilities: [0.5, 0.9])
        let suggestions = job.suggestions(for: try TestSupport.loadBundledDataset())
        for (name, text) in job.outputs(of: suggestions) {
            let written = try String(contentsOf: directory.appendingPathComponent("t/\(name)"), encoding: .utf8)
            #expect(written == text, "\(name)")
        }
        #expect(result.stdout.hasPrefix(job.table(of: suggestions)))
    }

    @Test func suggestionsAreTheForecastsQuantiles() throws {
        let job = TargetsJob(probabilities: [0.5, 0.8, 0.9])
        let suggestions = job.suggestions(for: try TestSupport.loadBundledDataset())
        #expect(suggestions.count > 20)
        for s in suggestions {
            #expect(s.targets.map(\.probability) == [0.5, 0.8, 0.9])
            for t in s.targets {
                let p = s.atLeast ? s.outlook.distribution.survival(t.value) : s.outlook.distribution.cdf(t.value)
                #expect(abs(p - t.probability) < 1e-9, "\(s.key)")
            }
        }
        let rows = (job.outputs(of: suggestions)["suggested_targets.csv"] ?? "").split(separator: "\n")
        #expect(rows.count == 1 + 3 * suggestions.count)
    }
}
