// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Prognos",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Prognos", targets: ["Prognos"]),
        .executable(name: "prognos", targets: ["prognos"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // OpenBLAS (CBLAS) and LAPACKE from Debian's libopenblas-dev and liblapacke-dev.
        .systemLibrary(name: "CLAPACK", path: "Sources/CLAPACK"),
        // The bundled default dataset, copied from Datasets/ (its single source of truth)
        // into the resource bundle next to the binary.
        .target(
            name: "BundledDatasets",
            path: "Datasets",
            exclude: ["README.md", "m3-yearly"],
            sources: ["BundledDatasets.swift"],
            resources: [.copy("alingsas-ks-2023")]
        ),
        .target(
            name: "Prognos",
            dependencies: ["CLAPACK", "BundledDatasets"],
            path: "Sources/Prognos",
            exclude: ["Linear/README.md", "Distributions/README.md", "Ingest/README.md", "Forecast/README.md"]
        ),
        .executableTarget(
            name: "prognos",
            dependencies: [
                "Prognos",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/prognos"
        ),
        .testTarget(
            name: "PrognosTests",
            // The executable is a dependency so that tests can run the built `prognos`.
            dependencies: ["Prognos", "prognos"],
            path: "Tests/PrognosTests",
            exclude: ["Fixtures"]
        ),
        // A mutation fuzzer for the readers: `make fuzz` (README, "Fuzzing").
        .executableTarget(
            name: "FuzzReaders",
            dependencies: ["Prognos"],
            path: "Fuzz/FuzzReaders"
        ),
        // The whole-run fuzzer: mutated datasets that validate accepts, run end to end.
        .executableTarget(
            name: "FuzzRuns",
            dependencies: ["Prognos"],
            path: "Fuzz/FuzzRuns"
        ),
        // The settings comparisons on the four selection sets (README "Four selection sets").
        .executableTarget(
            name: "SelectionSets",
            dependencies: ["Prognos"],
            path: "Tools/SelectionSets"
        ),
        // The short-series selection sets: `swift run -c release ShortSeries` (docs/short-series.md).
        .executableTarget(
            name: "ShortSeries",
            dependencies: ["Prognos"],
            path: "Tools/ShortSeries"
        ),
        // package-benchmark suites: `make bench` (Benchmarks/README.md).
        .executableTarget(
            name: "LinearBenchmarks",
            dependencies: ["Prognos", .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/LinearBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "ForecastBenchmarks",
            dependencies: ["Prognos", .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/ForecastBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "PipelineBenchmarks",
            dependencies: ["Prognos", .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/PipelineBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "CIBenchmarks",
            dependencies: ["Prognos", .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/CIBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "RenderBenchmarks",
            dependencies: ["Prognos", .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/RenderBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
