// swift-tools-version: 6.1
import PackageDescription

// The project's own benchmarks, fuzzers and selection tools, apart from the library and
// the CLI (the repository root's package, which this one depends on by path). Run them
// from the repository root through the Makefile (`make bench`, `make bench-ci`,
// `make fuzz`, `make short-series`), or here with `swift run` / `swift package benchmark`.
let package = Package(
    name: "PrognosDevelopment",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "Prognos", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // A mutation fuzzer for the readers: `make fuzz` (docs/testing.md, "Fuzzing").
        .executableTarget(
            name: "FuzzReaders",
            dependencies: [.product(name: "Prognos", package: "Prognos")],
            path: "Fuzz/FuzzReaders"
        ),
        // The whole-run fuzzer: mutated datasets that validate accepts, run end to end.
        .executableTarget(
            name: "FuzzRuns",
            dependencies: [.product(name: "Prognos", package: "Prognos")],
            path: "Fuzz/FuzzRuns"
        ),
        // The settings comparisons on the four selection sets (docs/forecasting.md).
        .executableTarget(
            name: "SelectionSets",
            dependencies: [.product(name: "Prognos", package: "Prognos")],
            path: "Tools/SelectionSets"
        ),
        // The short-series selection sets: `make short-series` (docs/short-series.md).
        .executableTarget(
            name: "ShortSeries",
            dependencies: [.product(name: "Prognos", package: "Prognos")],
            path: "Tools/ShortSeries"
        ),
        // package-benchmark suites: `make bench` (Benchmarks/README.md).
        .executableTarget(
            name: "LinearBenchmarks",
            dependencies: [
                .product(name: "Prognos", package: "Prognos"), .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/LinearBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "ForecastBenchmarks",
            dependencies: [
                .product(name: "Prognos", package: "Prognos"), .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/ForecastBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "PipelineBenchmarks",
            dependencies: [
                .product(name: "Prognos", package: "Prognos"), .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/PipelineBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "CIBenchmarks",
            dependencies: [
                .product(name: "Prognos", package: "Prognos"), .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/CIBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "RenderBenchmarks",
            dependencies: [
                .product(name: "Prognos", package: "Prognos"), .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/RenderBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
