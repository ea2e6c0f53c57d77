import Foundation
import PrognosTestSupport
import Testing

@testable import PrognosIngest

/// The committed dataset is in canonical form: reading it and writing it back gives
/// the committed files byte for byte, `datapackage.json` included (its table schemas
/// come from `CanonicalSchema`).
///
/// After an intended change to the format, regenerate with
/// `PROGNOS_UPDATE_DATASETS=1 swift test --filter DatasetRoundTripTests`.
@Suite struct DatasetRoundTripTests {
    @Test func bundledDatasetIsCanonical() throws {
        let dataset = try TestSupport.loadBundledDataset()
        let files = CanonicalDatasetWriter.files(for: dataset)
        let directory = TestSupport.bundledDatasetDirectory
        if ProcessInfo.processInfo.environment["PROGNOS_UPDATE_DATASETS"] == "1" {
            for (path, text) in files {
                try text.write(to: directory.appendingPathComponent(path), atomically: true, encoding: .utf8)
            }
        }
        for (path, text) in files.sorted(by: { $0.key < $1.key }) {
            let committed = try String(contentsOf: directory.appendingPathComponent(path), encoding: .utf8)
            #expect(committed == text, "\(path) differs from its canonical form")
        }
        #expect(
            files.keys.sorted() == [
                "budget_lines.csv", "datapackage.json", "entities.csv", "forecast_vintages.csv", "goals.csv",
                "indicators.csv", "observations.csv", "targets.csv",
            ])
    }

    @Test func writtenDatasetReadsBackEqual() throws {
        let dataset = try TestSupport.loadBundledDataset()
        let files = CanonicalDatasetWriter.files(for: dataset)
        let (parsed, problems) = DataPackageDescriptor.parse(Data((files["datapackage.json"] ?? "").utf8), file: "d")
        #expect(problems.isEmpty)
        let descriptor = try #require(parsed)
        let reread = try CanonicalDatasetReader.read(descriptor: descriptor, files: files, location: "mem").dataset
        #expect(reread == dataset)
    }

    @Test func descriptorCarriesATableSchemaPerResource() throws {
        let dataset = try TestSupport.loadBundledDataset()
        let json = try #require(CanonicalDatasetWriter.files(for: dataset)["datapackage.json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let resources = try #require(object["resources"] as? [[String: Any]])
        #expect(resources.count == 7)
        for resource in resources {
            let schema = try #require(resource["schema"] as? [String: Any])
            let fields = try #require(schema["fields"] as? [[String: Any]])
            #expect(!fields.isEmpty)
            #expect(schema["primaryKey"] != nil)
        }
    }
}
