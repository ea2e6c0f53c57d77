import ArgumentParser

/// The benchmark a command scores (`evaluate`, `calibrate`): a dataset with a holdout,
/// given by its `split = test` observations or by `--holdout`.
struct BenchmarkOptions: ParsableArguments {
    @Argument(help: "A canonical dataset directory with a holdout (split = test) or --holdout.")
    var dataset: String

    @Option(name: .long, help: "Observations held out at the end of each series (default: the split = test ones).")
    var holdout: Int?

    func validate() throws {
        if let holdout, holdout < 1 { throw ValidationError("--holdout must be at least 1") }
    }
}

/// Where a command writes its result files (`evaluate`, `calibrate`, `targets`).
struct ResultsDirectoryOption: ParsableArguments {
    @Option(name: .long, help: "Directory for the result files (made when missing).")
    var out: String = "out"
}

/// The dataset an `ingest` command writes, and whether it keeps going past bad input.
struct IngestOutputOptions: ParsableArguments {
    @Option(name: .long, help: "The dataset directory to write (new, empty, or an earlier output).")
    var out: String
}

/// `--lenient`: keep what can be read and list the rest in `rejected.csv`.
struct LenientOption: ParsableArguments {
    @Flag(name: .long, help: "Keep what can be read and list the rest in rejected.csv (file, line, column, reason).")
    var lenient = false
}
