import Foundation
import PrognosTestSupport
import Testing

@testable import Prognos

/// Writing never removes what Prognos did not create: an output directory is replaced
/// only when it is missing, empty or marked as an earlier output, and never when it is
/// the current directory, the input or a directory holding either. Each command that
/// writes a directory is checked, through the built binary.
@Suite struct OutputSafetyTests {
    /// A scratch directory holding a copy of the bundled dataset (`ds`) and a bystander file.
    func workspace() throws -> URL {
        let root = try TestSupport.temporaryDirectory()
        try FileManager.default.copyItem(at: TestSupport.bundledDatasetDirectory, to: root.appendingPathComponent("ds"))
        try "mine\n".write(to: root.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        return root
    }

    /// Every file below `directory`, relative, sorted.
    func listing(_ directory: URL) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: directory.path)
        var names: [String] = []
        while let name = enumerator?.nextObject() as? String { names.append(name) }
        return names.sorted()
    }

    static let refusals: [(String, [String])] = [
        ("run --out .", ["run", "ds", "--out", "."]),
        ("run --out empty", ["run", "ds", "--out", ""]),
        ("run --out the input", ["run", "ds", "--out", "ds"]),
        ("run --out the input's parent", ["run", "ds", "--out", "../"]),
        ("run --out /", ["run", "ds", "--out", "/"]),
        ("ingest --out .", ["ingest", "wide", "w.csv", "--out", "."]),
        ("ingest --out the input's directory", ["ingest", "wide", "sub/w.csv", "--out", "sub"]),
        ("synthesize --out .", ["synthesize", "--entities", "2", "--indicators", "1", "--years", "3", "--out", "."]),
    ]

    @Test(arguments: refusals.map(\.0))
    func refusedDestinationsLeaveEverythingInPlace(_ name: String) throws {
        let arguments = try #require(Self.refusals.first { $0.0 == name }?.1)
        let root = try workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let wide = "Indikator;Enhet;2021;2022\nNKI;index;71;72\n"
        try wide.write(to: root.appendingPathComponent("w.csv"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try wide.write(to: root.appendingPathComponent("sub/w.csv"), atomically: true, encoding: .utf8)
        let before = listing(root)
        let result = try TestSupport.runBinary(arguments, in: root)
        #expect(result.status == 2, "\(name): \(result.stderr)")
        #expect(result.stderr.contains("refusing") || result.stderr.contains("empty path"), "\(result.stderr)")
        #expect(listing(root) == before, "\(name) changed the workspace")
    }

    @Test func anUnmarkedDirectoryIsNotReplaced() throws {
        let root = try workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let theirs = root.appendingPathComponent("theirs")
        try FileManager.default.createDirectory(at: theirs, withIntermediateDirectories: true)
        try "keep\n".write(to: theirs.appendingPathComponent("thesis.tex"), atomically: true, encoding: .utf8)
        let result = try TestSupport.runBinary(["run", "ds", "--out", "theirs"], in: root)
        #expect(result.status == 2)
        #expect(result.stderr.contains("was not written by Prognos"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: theirs.path) == ["thesis.tex"])
    }

    @Test func singleFileOutputsReplaceOnlyTheirOwnFiles() throws {
        let root = try workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        try "the user's own\n".write(to: root.appendingPathComponent("accuracy.csv"), atomically: true, encoding: .utf8)
        let refused = try TestSupport.runBinary(
            ["evaluate", "ds", "--methods", "naive", "--holdout", "1", "--out", "."], in: root)
        #expect(refused.status == 2, "\(refused.stderr)")
        #expect(
            try String(contentsOf: root.appendingPathComponent("accuracy.csv"), encoding: .utf8) == "the user's own\n")
        // A new directory is Prognos's: a second evaluation replaces its files.
        for _ in 0..<2 {
            let result = try TestSupport.runBinary(
                ["evaluate", "ds", "--methods", "naive", "--holdout", "1", "--out", "e"], in: root)
            #expect(result.status == 0, "\(result.stderr)")
        }
        #expect(
            FileManager.default.fileExists(atPath: root.appendingPathComponent("e/\(OutputDirectory.markerName)").path))
    }

    @Test func anEmptyOrMarkedDirectoryIsReplaced() throws {
        let root = try workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("empty"), withIntermediateDirectories: true)
        #expect(
            try TestSupport.runBinary(
                ["synthesize", "--entities", "2", "--indicators", "1", "--years", "3", "--out", "empty"], in: root
            ).status == 0)
        // The second write replaces the first, which carries the marker.
        let again = try TestSupport.runBinary(
            ["synthesize", "--entities", "3", "--indicators", "1", "--years", "3", "--out", "empty"], in: root)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(
            FileManager.default.fileExists(
                atPath: root.appendingPathComponent("empty/\(OutputDirectory.markerName)").path))
    }

    @Test func staleTemporaryDirectoriesOfEndedProcessesAreSwept() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        // A process id that is not running: the largest pid_max allows is never handed out here.
        let stale = root.appendingPathComponent(".out.tmp-4194304-deadbeef")
        let live = root.appendingPathComponent(".out.tmp-\(getpid())-cafebabe")
        for url in [stale, live] { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
        TemporaryPaths.sweep(in: root, prefix: ".out.tmp-")
        #expect(!FileManager.default.fileExists(atPath: stale.path))
        #expect(FileManager.default.fileExists(atPath: live.path))
    }

    @Test func anInterruptedRunLeavesNoTemporaryDirectory() throws {
        let root = try workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let process = Process()
        process.executableURL = TestSupport.binary
        process.arguments = ["synthesize", "--entities", "290", "--indicators", "100", "--years", "20", "--out", "big"]
        process.currentDirectoryURL = root
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until the staging directory exists, then interrupt.
        var seen = false
        while process.isRunning && !seen {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
            seen = names.contains { $0.hasPrefix(".big.tmp-") }
            if !seen { usleep(1_000) }
        }
        if seen { process.interrupt() }
        process.waitUntilExit()
        // Interrupted (by SIGINT, as the shell expects), or finished just before the signal.
        let interrupted = process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGINT
        let finished = process.terminationReason == .exit && process.terminationStatus == 0
        #expect(interrupted || finished, "\(process.terminationReason) \(process.terminationStatus)")
        let left = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasPrefix(".big.") }
        #expect(left.isEmpty, "left behind: \(left)")
    }
}
