import ArgumentParser
import Foundation
import Prognos

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Convert outside formats to a canonical dataset.",
        subcommands: [IngestCompetitionCommand.self]
    )
}

struct IngestCompetitionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "competition",
        abstract: "Read a forecasting competition in tidy form (series_id, split, t, value).",
        discussion: """
            The test split becomes the evaluation holdout (observations with split = test). \
            With --meta, series are named from its description, grouped into indicators by \
            category, and dated from start_year. Writes the dataset atomically.
            """
    )

    @Argument(help: "The tidy series file (series_id, split, t, value).")
    var input: String

    @Option(name: .long, help: "The meta file (series_id, category, start_year, description, …).")
    var meta: String?

    @Option(name: .long, help: "The dataset directory to write.")
    var out: String

    func run() throws {
        let series = try Self.readText(input)
        let metaText = try meta.map(Self.readText)
        let name = URL(fileURLWithPath: out).lastPathComponent
        let dataset = try CompetitionReader.read(
            series: series, seriesFile: input, meta: metaText, metaFile: meta ?? "", name: name
        ).get()
        let files = CanonicalDatasetWriter.files(for: dataset)
        try OutputDirectory.write(files.mapValues { Data($0.utf8) }, to: URL(fileURLWithPath: out))
        let holdout = dataset.observations.filter { $0.split == .test }.count
        print("prognos: \(dataset.entities.count) series, \(dataset.observations.count) observations (\(holdout) in the holdout) → \(out)/")
    }

    static func readText(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InvalidInput([Diagnostic(file: path, reason: "cannot read the file")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InvalidInput([Diagnostic(file: path, reason: "not valid UTF-8")])
        }
        return text
    }
}
