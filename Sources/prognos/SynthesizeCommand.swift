import ArgumentParser
import Foundation
import Prognos

/// `prognos synthesize`: writes the deterministic Kolada-scale synthetic dataset
/// (``KoladaScaleGenerator``) used by the benchmarks, the scale run and the peer
/// comparison, or with `--profile municipal` the short municipal KPI panel of the
/// short-series selection sets (``MunicipalKPIGenerator``).
struct SynthesizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synthesize",
        abstract: "Write a deterministic synthetic dataset at Kolada scale (entities × indicators × years).",
        discussion: """
            Percent, index and count indicators with trends, AR(1) noise, bounds, late starts \
            and missing values, and a target per series for the year after the last. With \
            --profile municipal: survey indices, shares near 0 % and 100 %, small counts and FTE \
            figures and staff counts, with mean reversion, level shifts, trends in a quarter of \
            the series and year effects shared by an indicator's series (defaults 120 \
            municipalities × 18 indicators × 8 years, seed 7). The same arguments always give \
            the same files.
            """
    )

    enum Profile: String, ExpressibleByArgument, CaseIterable {
        case scale, municipal
    }

    @Option(help: "scale (the Kolada-scale benchmark data) or municipal (short municipal KPIs).")
    var profile: Profile = .scale

    @Option(help: "Number of municipalities (default 290; municipal 120).")
    var entities: Int?

    @Option(help: "Number of indicators (default 10; municipal 18).")
    var indicators: Int?

    @Option(help: "Number of years per series (default 20; municipal 8).")
    var years: Int?

    @Option(help: "The last year with data.")
    var lastYear: Int = 2023

    @Option(help: "Random seed (default 1; municipal 7).")
    var seed: UInt64?

    @Option(name: .long, help: "Output directory (a canonical dataset).")
    var out: String

    var municipal: Bool { profile == .municipal }

    func validate() throws {
        guard entities ?? 1 > 0, indicators ?? 1 > 0, years ?? 2 > 0 else {
            throw ValidationError("--entities, --indicators and --years must be positive")
        }
        if municipal, years ?? 8 < 2 { throw ValidationError("--years must be at least 2 with --profile municipal") }
        // The canonical schema takes years 1000–9999 (a four-digit year).
        guard lastYear <= 9999, lastYear - (years ?? (municipal ? 8 : 20)) + 1 >= 1000 else {
            throw ValidationError("--last-year and --years must give years from 1000 to 9999")
        }
    }

    func run() throws {
        let dataset: Dataset
        let count: Int
        if municipal {
            let generator = MunicipalKPIGenerator(
                entities: entities ?? 120, indicators: indicators ?? 18, years: years ?? 8, lastYear: lastYear,
                seed: seed ?? 7)
            dataset = generator.dataset()
            count = generator.entities * generator.indicators
        } else {
            let generator = KoladaScaleGenerator(
                entities: entities ?? 290, indicators: indicators ?? 10, years: years ?? 20, lastYear: lastYear,
                seed: seed ?? 1)
            dataset = generator.dataset()
            count = generator.seriesCount
        }
        let files = CanonicalDatasetWriter.files(for: dataset)
        try OutputDirectory.write(files.mapValues { Data($0.utf8) }, to: URL(fileURLWithPath: out))
        print("prognos: \(dataset.name): \(count) series, \(dataset.observations.count) values → \(out)/")
    }
}
