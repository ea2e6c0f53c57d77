import ArgumentParser
import Foundation
import Prognos

/// `prognos synthesize`: writes the deterministic Kolada-scale synthetic dataset
/// (``KoladaScaleGenerator``) used by the benchmarks, the scale run and the peer comparison.
struct SynthesizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synthesize",
        abstract: "Write a deterministic synthetic dataset at Kolada scale (entities × indicators × years).",
        discussion: """
            Percent, index and count indicators with trends, AR(1) noise, bounds, late starts \
            and missing values, and a target per series for the year after the last. The same \
            arguments always give the same files.
            """
    )

    @Option(help: "Number of municipalities.")
    var entities: Int = 290

    @Option(help: "Number of indicators.")
    var indicators: Int = 10

    @Option(help: "Number of years per series.")
    var years: Int = 20

    @Option(help: "The last year with data.")
    var lastYear: Int = 2023

    @Option(help: "Random seed.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Output directory (a canonical dataset).")
    var out: String

    func validate() throws {
        guard entities > 0, indicators > 0, years > 0 else {
            throw ValidationError("--entities, --indicators and --years must be positive")
        }
        // The canonical schema takes years 1000–9999 (a four-digit year).
        guard lastYear <= 9999, lastYear - years + 1 >= 1000 else {
            throw ValidationError("--last-year and --years must give years from 1000 to 9999")
        }
    }

    func run() throws {
        let generator = KoladaScaleGenerator(entities: entities, indicators: indicators, years: years, lastYear: lastYear, seed: seed)
        let dataset = generator.dataset()
        let files = CanonicalDatasetWriter.files(for: dataset)
        try OutputDirectory.write(files.mapValues { Data($0.utf8) }, to: URL(fileURLWithPath: out))
        print("prognos: \(dataset.name): \(generator.seriesCount) series, \(dataset.observations.count) values → \(out)/")
    }
}
