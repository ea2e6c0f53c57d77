import Foundation
import Prognos
import Testing

/// The code of the DocC article "Using Prognos from Swift"
/// (`Sources/Prognos/Documentation.docc/Articles/UsingPrognosFromSwift.md`), step by step,
/// with a plain `import Prognos`: what compiles here compiles for a library user, and CI
/// runs it. Keep the two in step.
@Suite struct UsingPrognosFromSwiftTests {
    /// Step 1: a dataset built in code (the same as a canonical dataset directory read
    /// with `DatasetLoader.load(directory:displayName:)`).
    static func nkiDataset() -> Dataset {
        var dataset = Dataset(name: "example", title: "Företagsklimat")
        dataset.entities = [Entity(id: "alingsas", name: "Alingsås kommun", kind: .municipality, koladaID: "1489")]
        dataset.indicators = [
            Indicator(
                id: "nki", titleSv: "Företagsklimat, NKI", titleEn: "Business climate, NKI", unit: .index,
                lowerBound: 0, upperBound: 100, polarity: .higherIsBetter)
        ]
        dataset.goals = [
            Goal(id: "g1", titleSv: "Företagsklimatet ska förbättras", titleEn: "A better business climate")
        ]
        dataset.observations = [(2019, 68.0), (2020, 70), (2021, 71), (2022, 72), (2023, 73)].map { year, value in
            Observation(entityID: "alingsas", indicatorID: "nki", year: year, value: value)
        }
        dataset.targets = [
            Target(entityID: "alingsas", indicatorID: "nki", goalID: "g1", year: 2024, value: 74, comparator: .atLeast)
        ]
        return dataset
    }

    /// Step 1 from a directory: the article's two loads, strict and lenient, of a copy of
    /// the bundled dataset with one bad row.
    @Test func loadADatasetDirectory() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("my-dataset-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: root.appendingPathComponent("Datasets/alingsas-ks-2023"), to: directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        let dataset = try DatasetLoader.load(directory: directory, displayName: "my-dataset").dataset
        #expect(dataset.goals.count == 10)
        let observations = directory.appendingPathComponent("observations.csv")
        let text = try String(contentsOf: observations, encoding: .utf8)
        try text.replacingOccurrences(of: "alingsas,ks-1.1,2022,72,", with: "alingsas,ks-1.1,2022,sjuttiotvå,")
            .write(to: observations, atomically: true, encoding: .utf8)
        #expect(throws: InvalidInput.self) { try DatasetLoader.load(directory: directory, displayName: "my-dataset") }
        let reading = try DatasetLoader.load(directory: directory, displayName: "my-dataset", lenient: true)
        #expect(reading.rejected.map(\.description).first?.hasPrefix("my-dataset/observations.csv:3:") == true)
        #expect(reading.dataset.observations.count == dataset.observations.count - 1)
    }

    @Test func forecastASeries() throws {
        // Step 2: forecast one series with `auto`, and read its intervals.
        let forecast = try #require(AutoForecaster().forecast([68, 70, 71, 72, 73], horizon: 2))
        let nextYear = try #require(forecast.distributions.first)
        let (low, high) = nextYear.interval(0.8)
        #expect(low < nextYear.point && nextYear.point < high)
        // P(Y ≥ 74) in the first year ahead.
        let p = nextYear.survival(74)
        #expect(p > 0 && p < 1)
    }

    @Test func probabilitiesAndSuggestedTargets() throws {
        // Step 3: analyse the dataset as `prognos run` does: every series' outlook, each
        // target's P(met), each goal's assessment.
        let analysis = RunJob(language: .en).analyze(Self.nkiDataset())
        let series = try #require(analysis.series.first)
        let likelihood = try #require(series.likelihood)
        #expect((0...1).contains(likelihood.probability ?? -1))
        #expect(!likelihood.basis.words(.en).isEmpty)
        #expect(analysis.goals.first?.goal.id == "g1")

        // Step 4: the target met with 50, 80 and 90 % in 2024.
        let suggestions = TargetsJob(year: 2024, probabilities: [0.5, 0.8, 0.9]).suggestions(for: Self.nkiDataset())
        let nki = try #require(suggestions.first)
        #expect(nki.targets.map(\.probability) == [0.5, 0.8, 0.9])
        #expect(nki.targets[0].value > nki.targets[2].value)
    }

    @Test func writeTheOutputs() throws {
        // Step 5: the run's files in memory (report.md, summary.json, the CSV files), or
        // written atomically with `RunJob.run(directory:displayName:output:)`.
        let job = RunJob(language: .en)
        let files = job.outputs(of: job.analyze(Self.nkiDataset()))
        #expect(files["report.md"]?.contains("Next year: which targets are at risk?") == true)
        #expect(files.keys.contains("summary.json") && files.keys.contains("indicators.csv"))
    }
}
