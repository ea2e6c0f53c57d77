// swift-tools-version: 6.1
import PackageDescription

// The library and the command-line tool. The project's benchmarks, fuzzers and
// selection tools are a package of their own, Development/, which depends on this one
// by path: a plain `swift build` here builds the library and `prognos` only.
let package = Package(
    name: "Prognos",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Prognos", targets: ["Prognos"]),
        .executable(name: "prognos", targets: ["prognos"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // The .xlsx container (ingest wide FILE.xlsx); its XML is read with Foundation's XMLParser.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
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
        // The library's layers, bottom to top. Each target imports only the ones it lists, so
        // the compiler refuses a lower layer that reaches up (README, "Architecture").
        .target(name: "PrognosSupport", exclude: ["README.md"]),
        .target(name: "PrognosModel", exclude: ["README.md"]),
        .target(name: "PrognosNumerics", exclude: ["README.md"]),
        .target(name: "PrognosLinear", dependencies: ["PrognosNumerics", "CLAPACK"], exclude: ["README.md"]),
        .target(
            name: "PrognosIngest",
            dependencies: [
                "PrognosModel", "PrognosSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            exclude: ["README.md"]
        ),
        // `prognos fetch`: the Kolada API through URLSession (FoundationNetworking on Linux).
        .target(
            name: "PrognosFetch",
            dependencies: ["PrognosIngest", "PrognosModel", "PrognosSupport"],
            exclude: ["README.md"]
        ),
        .target(
            name: "PrognosForecast",
            dependencies: ["PrognosSupport", "PrognosNumerics", "PrognosLinear", "CLAPACK"],
            exclude: ["README.md"]
        ),
        .target(
            name: "PrognosAnalysis",
            dependencies: ["PrognosModel", "PrognosForecast", "PrognosLinear", "PrognosNumerics", "PrognosSupport"],
            exclude: ["README.md"]
        ),
        .target(
            name: "PrognosRender",
            dependencies: ["PrognosAnalysis", "PrognosForecast", "PrognosLinear", "PrognosModel", "PrognosSupport"],
            exclude: ["README.md"]
        ),
        // The run job, the output directory and the bundled dataset; re-exports every layer
        // below, so that `import Prognos` is the whole library.
        .target(
            name: "Prognos",
            dependencies: [
                "PrognosRender", "PrognosAnalysis", "PrognosFetch", "PrognosForecast", "PrognosIngest", "PrognosLinear",
                "PrognosModel", "PrognosNumerics", "PrognosSupport", "BundledDatasets",
            ],
            exclude: ["README.md"]
        ),
        .executableTarget(
            name: "prognos",
            dependencies: [
                "Prognos",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/prognos"
        ),
        // The DocC article's code, with a plain `import Prognos` (no @testable).
        .testTarget(
            name: "LibraryUsageTests",
            dependencies: ["Prognos"],
            path: "Tests/LibraryUsageTests"
        ),
        // Shared test helpers (paths, fixtures, the built binary), `package` access.
        .target(
            name: "PrognosTestSupport",
            dependencies: ["PrognosIngest", "PrognosModel", "PrognosLinear", "PrognosSupport"],
            path: "Tests/PrognosTestSupport"),
        // One test target per library target; PrognosTests also runs the built `prognos`.
        .testTarget(
            name: "PrognosAnalysisTests",
            dependencies: [
                "PrognosSupport", "PrognosModel", "PrognosLinear", "PrognosIngest", "PrognosForecast",
                "PrognosAnalysis", "PrognosTestSupport",
            ]),
        .testTarget(
            name: "PrognosFetchTests",
            dependencies: ["PrognosFetch", "PrognosIngest", "PrognosModel", "PrognosSupport", "PrognosTestSupport"]),
        .testTarget(name: "PrognosForecastTests", dependencies: ["PrognosForecast", "PrognosTestSupport"]),
        .testTarget(
            name: "PrognosIngestTests",
            dependencies: [
                "PrognosSupport", "PrognosModel", "PrognosIngest", "PrognosTestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]),
        .testTarget(
            name: "PrognosLinearTests", dependencies: ["PrognosNumerics", "PrognosLinear", "PrognosTestSupport"]),
        .testTarget(name: "PrognosModelTests", dependencies: ["PrognosModel", "PrognosTestSupport"]),
        .testTarget(
            name: "PrognosNumericsTests",
            dependencies: ["PrognosSupport", "PrognosNumerics", "PrognosIngest", "PrognosTestSupport"]),
        .testTarget(
            name: "PrognosRenderTests",
            dependencies: [
                "PrognosSupport", "PrognosModel", "PrognosIngest", "PrognosForecast", "PrognosAnalysis",
                "PrognosRender", "PrognosTestSupport",
            ]),
        .testTarget(name: "PrognosSupportTests", dependencies: ["PrognosSupport"]),
        .testTarget(
            name: "PrognosTests",
            dependencies: [
                "PrognosSupport", "PrognosModel", "PrognosNumerics", "PrognosLinear", "PrognosIngest",
                "PrognosForecast", "PrognosAnalysis", "PrognosRender", "Prognos", "PrognosTestSupport", "prognos",
            ]),
    ],
    swiftLanguageModes: [.v6]
)
