// swift-tools-version: 6.1
import PackageDescription

// The library and the command-line tool. The project's benchmarks, fuzzers and
// selection tools are a package of their own, Development/, which depends on this one
// by path: a plain `swift build` here builds the library and `prognos` only.
let package = Package(
    name: "Prognos",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Prognos", targets: ["Prognos"]),
        .executable(name: "prognos", targets: ["prognos"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
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
        // The DocC article's code, with a plain `import Prognos` (no @testable).
        .testTarget(
            name: "LibraryUsageTests",
            dependencies: ["Prognos"],
            path: "Tests/LibraryUsageTests"
        ),
        .testTarget(
            name: "PrognosTests",
            // The executable is a dependency so that tests can run the built `prognos`.
            dependencies: ["Prognos", "prognos"],
            path: "Tests/PrognosTests",
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
