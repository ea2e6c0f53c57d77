// swift-tools-version: 6.1
import PackageDescription

// The project's own benchmarks, fuzzers and selection tools, apart from the library and
// the CLI (the repository root's package, which this one depends on by path). Run them
// from the repository root through the Makefile (`make bench`, `make bench-ci`,
// `make fuzz`, `make short-series`), or here with `swift run` / `swift package benchmark`.
let prognos: Target.Dependency = .product(name: "Prognos", package: "Prognos")

/// An executable on the library: the fuzzers (`make fuzz`, docs/testing.md "Fuzzing") and
/// the selection tools (docs/forecasting.md, docs/short-series.md).
func tool(_ name: String, in folder: String, also: [Target.Dependency] = []) -> Target {
    .executableTarget(name: name, dependencies: [prognos] + also, path: "\(folder)/\(name)")
}

/// A package-benchmark suite (`make bench`, Benchmarks/README.md).
func benchmarks(_ name: String) -> Target {
    .executableTarget(
        name: name,
        dependencies: [prognos, .product(name: "Benchmark", package: "benchmark")],
        path: "Benchmarks/\(name)",
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
}

let package = Package(
    name: "PrognosDevelopment",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Prognos", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        // FuzzReaders re-packs mutated workbook XML into .xlsx archives.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        tool("FuzzReaders", in: "Fuzz", also: [.product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        tool("FuzzRuns", in: "Fuzz"),
        tool("SelectionSets", in: "Tools"), tool("ShortSeries", in: "Tools"),
    ]
        + ["LinearBenchmarks", "ForecastBenchmarks", "PipelineBenchmarks", "CIBenchmarks", "RenderBenchmarks"]
        .map(benchmarks),
    swiftLanguageModes: [.v6]
)
