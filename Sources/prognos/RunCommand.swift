import ArgumentParser
import Foundation
import Prognos

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the whole batch job on a dataset and write its outputs.",
        discussion: """
            Writes report.html, report.md, summary.json, indicators.csv, goals.csv, \
            accuracy.csv, forecast_checkpoints.csv (with forecast vintages) and charts/ (SVG \
            and PNG) into the output directory, atomically: the \
            directory is replaced only when every file is written, and an invalid dataset \
            leaves an existing output untouched. An existing directory is replaced only when \
            it is empty or marked as an earlier output (.prognos-output), never when it is the \
            current directory or holds the dataset. Without DATASET, runs the bundled dataset \
            (\(DefaultDataset.name)).
            """
    )

    @Argument(help: "A canonical dataset directory (default: the bundled \(DefaultDataset.name)).")
    var dataset: String?

    @Option(name: .long, help: "Output directory (new, empty, or an earlier output).")
    var out: String = "out"

    @Option(name: .long, help: "Language of the report: sv or en.")
    var lang: Language = .sv

    @Option(name: .long, help: "Year to assess (default: the latest year with an outcome).")
    var year: Int?

    @Option(name: .long, help: "Goal rule: report or share (default: the dataset's, else report).")
    var goalRule: GoalRule?

    @Option(
        name: .long, parsing: .unconditional,
        help:
            "Draw charts and list rows in the report's series tables for about this many series at most (a deterministic sample beyond; every series is in indicators.csv)."
    )
    var detailLimit: Int = SeriesSample.defaultLimit

    @Flag(
        name: .long,
        help:
            "Forecast the series of comparison entities (kind comparison) too; by default they are only drawn and listed beside the other entities' series."
    )
    var forecastComparisons = false

    @Option(
        name: .long,
        help: """
            Keep this run's next-year forecasts in DIR/forecasts.csv, and report how the earlier \
            ones fared once the data hold their outcomes (e.g. ~/.local/share/prognos/archive).
            """)
    var archive: String?

    @Flag(name: .long, help: "Print the wall-clock time of each step to standard error (`timing: SECONDS s STEP`).")
    var timing = false

    func validate() throws {
        guard detailLimit >= 0 else { throw ValidationError("--detail-limit must be 0 or more, not \(detailLimit)") }
    }

    func run() throws {
        let location = try DatasetLocation.resolve(dataset)
        var job = RunJob(language: lang, year: year, rule: goalRule, detailLimit: max(0, detailLimit))
        job.forecastComparisons = forecastComparisons
        job.archive = archive.map { URL(fileURLWithPath: ($0 as NSString).expandingTildeInPath) }
        let output = URL(fileURLWithPath: out)
        let result = try job.run(
            directory: location.url, displayName: location.displayName, output: output,
            progress: TerminalProgress.reporter())
        for warning in result.warnings { Diagnostics.printError("warning: " + warning) }
        if timing {
            for phase in result.phases {
                FileHandle.standardError.write(
                    Data("timing: \(String(format: "%.3f", phase.seconds)) s \(phase.name)\n".utf8))
            }
        }
        print(
            "prognos: \(location.displayName): \(result.goalCount) goals, \(result.seriesCount) series → \(out)/ (\(result.files.joined(separator: ", ")))"
        )
    }
}
