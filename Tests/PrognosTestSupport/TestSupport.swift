import Foundation
import PrognosIngest
import PrognosModel

/// Paths and helpers shared by the tests.
package enum TestSupport {
    /// The repository root, found from this file's path.
    package static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `Datasets/alingsas-ks-2023` in the working tree.
    package static let bundledDatasetDirectory = repositoryRoot.appendingPathComponent("Datasets/alingsas-ks-2023")

    /// The seed report's text, committed as a fixture.
    /// A JSON fixture from `Tests/Fixtures`, decoded; nil when it is missing
    /// or malformed (the suites then find no cases and their count checks fail).
    package static func jsonFixture<Value: Decodable>(_ name: String, as type: Value.Type) -> Value? {
        let url = repositoryRoot.appendingPathComponent("Tests/Fixtures/\(name)")
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(type, from: data)
    }

    package static func seedReport() throws -> String {
        let url = repositoryRoot.appendingPathComponent("Tests/Fixtures/seed-report-alingsas-ks-2023.txt")
        return try String(contentsOf: url, encoding: .utf8)
    }

    package static func loadBundledDataset() throws -> Dataset {
        try DatasetLoader.load(directory: bundledDatasetDirectory, displayName: "alingsas-ks-2023").dataset
    }

    /// A fresh temporary directory, removed by the caller with `cleanUp`.
    package static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("prognos-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Copies the bundled dataset into a temporary directory and returns the copy.
    package static func copyOfBundledDataset() throws -> URL {
        let parent = try temporaryDirectory()
        let copy = parent.appendingPathComponent("dataset")
        try FileManager.default.copyItem(at: bundledDatasetDirectory, to: copy)
        return copy
    }

    /// Reads, edits and writes back one file of a dataset copy.
    package static func edit(_ directory: URL, _ file: String, _ change: (String) -> String) throws {
        let url = directory.appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        try change(text).write(to: url, atomically: true, encoding: .utf8)
    }

    /// Replaces the first occurrence of `old` (which must exist) with `new`.
    package static func replacingFirst(_ text: String, _ old: String, _ new: String) -> String {
        guard let range = text.range(of: old) else { return text + "\n#missing: \(old)" }
        return text.replacingCharacters(in: range, with: new)
    }

    /// The 1-based line number of the first line containing `needle`.
    package static func lineNumber(of needle: String, in text: String) -> Int? {
        text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(needle) }.map { $0 + 1 }
    }

    /// The built `prognos` executable (next to the test bundle in the build directory).
    package static var binary: URL {
        var directory = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("prognos")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return Bundle.main.bundleURL.appendingPathComponent("prognos")
    }

    /// Runs the built binary and returns its exit status, standard output and standard error.
    /// `environment` replaces the inherited one when given.
    package static func runBinary(
        _ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil
    ) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: outData, as: UTF8.self),
            String(decoding: errData, as: UTF8.self)
        )
    }
}

extension TestSupport {
    /// A reader's outcome as a `Result`, for tests that look at the success or the failure.
    package static func result<Value>(_ read: @autoclosure () throws(InvalidInput) -> Value) -> Result<
        Value, InvalidInput
    > {
        Result(catching: read)
    }

    /// The dataset a reader read, or its failure.
    package static func datasetResult(_ read: @autoclosure () throws(InvalidInput) -> DatasetReading) -> Result<
        Dataset, InvalidInput
    > {
        Result(catching: read).map(\.dataset)
    }
}

extension TestSupport {
    /// `Tests/Fixtures/kolada`.
    package static let koladaFixtures = TestSupport.repositoryRoot.appendingPathComponent("Tests/Fixtures/kolada")

    /// The Kolada fixtures' values of 14 municipalities with their comparison groups.
    package static func koladaWithGroups() throws -> Dataset {
        func data(_ name: String) throws -> Data { try Data(contentsOf: koladaFixtures.appendingPathComponent(name)) }
        return try KoladaReader.read(
            [KoladaReader.Input(file: "values_tidy.csv", data: try data("values_tidy.csv"))],
            municipalities: try data("municipalities.csv"),
            groups: KoladaReader.Input(file: "groups.csv", data: try data("municipality_group_members_subset.csv")),
            name: "k"
        ).dataset
    }
}
