import Foundation
import PrognosTestSupport
import Testing

@testable import Prognos
@testable import PrognosIngest

@Suite struct KoladaReaderTests {
    static let fixtures = TestSupport.repositoryRoot.appendingPathComponent("Tests/Fixtures/kolada")

    func input(_ name: String) throws -> KoladaReader.Input {
        KoladaReader.Input(file: name, data: try Data(contentsOf: Self.fixtures.appendingPathComponent(name)))
    }

    func text(_ name: String, _ json: String) -> KoladaReader.Input {
        KoladaReader.Input(file: name, data: Data(json.utf8))
    }

    @Test func readsTheV2AndV3ExamplesAlike() throws {
        for name in [
            "RECONSTRUCTED_v2_data_N03702_0180-1480_2019.json", "RECONSTRUCTED_v3_data_N03702_0180-1480_2019.json",
        ] {
            let output = try KoladaReader.read(
                [try input(name)],
                municipalities: try Data(contentsOf: Self.fixtures.appendingPathComponent("municipalities.csv")),
                name: "k"
            )
            #expect(output.dataset.entities.map(\.id) == ["0180", "1480"])
            #expect(output.dataset.entities.map(\.name) == ["Stockholm", "Göteborg"])
            #expect(output.dataset.observations.map(\.value) == [984.027891, 719.94248])
            #expect(output.dataset.observations.allSatisfy { $0.year == 2019 && $0.gender == .total })
        }
    }

    @Test func handlesPeriodsGendersNullsDeletionsAndPaging() throws {
        let json = """
            {"values": [
              {"kpi": "N00610", "municipality": "1489", "period": "2022", "values": [
                {"gender": "T", "count": 1, "status": "", "value": 82.0},
                {"gender": "K", "count": 1, "status": "", "value": 80.5},
                {"gender": "M", "count": 1, "status": "", "value": null},
                {"gender": "T", "count": 1, "status": "Missing", "value": 1.0}]},
              {"kpi": "N00610", "municipality": "1489", "period": 2023, "values": [
                {"gender": "T", "value": 85.0, "isdeleted": true},
                {"gender": "K", "value": 84.0, "is_deleted": 0}]}],
             "count": 2, "next_url": "https://api.kolada.se/v3/data?page=2"}
            """
        let meta = #"{"values": [{"id": "N00610", "title": "Trygg utomhus när det är mörkt, andel (%)"}], "count": 1}"#
        let output = try KoladaReader.read([text("page1.json", json), text("kpi.json", meta)], name: "k")
        let observations = output.dataset.observations
        #expect(observations.count == 3)
        #expect(observations.contains { $0.year == 2022 && $0.gender == .women && $0.value == 80.5 })
        #expect(!observations.contains { $0.year == 2023 && $0.gender == .total })
        #expect(output.dataset.indicators.first?.unit == .percent)
        #expect(output.dataset.indicators.first?.titleSv == "Trygg utomhus när det är mörkt, andel (%)")
        #expect(output.warnings.count == 1)
    }

    @Test func readsTheReferenceValuesAndTheyRun() throws {
        let output = try KoladaReader.read([try input("values_tidy.csv")], name: "k")
        #expect(output.dataset.indicators.map(\.id).sorted() == ["N00945", "N03702", "N03703"])
        #expect(output.dataset.observations.count > 300)
        let analysis = RunJob().analyze(output.dataset)
        #expect(analysis.series.count > 20)
        #expect(analysis.series.allSatisfy { $0.outlook != nil })
    }

    @Test func laterInputsReviseEarlierOnes() throws {
        let old =
            #"{"values": [{"kpi": "N1", "municipality": "0001", "period": 2021, "values": [{"gender": "T", "value": 537.35}]}]}"#
        let new =
            #"{"values": [{"kpi": "N1", "municipality": "0001", "period": 2021, "values": [{"gender": "T", "value": 507.47}]}]}"#
        let output = try KoladaReader.read([text("2024.json", old), text("2026.json", new)], name: "k")
        #expect(output.dataset.observations.map(\.value) == [507.47])
    }

    @Test func reportsBrokenInput() {
        let result = TestSupport.result(
            try KoladaReader.read(
                [
                    text("a.json", "{"), text("b.json", #"{"count": 0}"#),
                    text("c.json", #"{"values": [{"municipality": "1"}]}"#),
                ], name: "k"))
        switch result {
        case .success: Issue.record("expected problems")
        case .failure(let invalid):
            #expect(
                invalid.diagnostics.map(\.description) == [
                    "a.json: not valid JSON", "b.json: not a Kolada response: no \"values\" array",
                    "c.json: values[0] has no \"kpi\"",
                ])
        }
    }
}

@Suite struct KoladaLenientTests {
    @Test func lenientKeepsTheGoodEntries() throws {
        let good =
            #"{"values": [{"kpi": "N1", "municipality": "0001", "period": 2021, "values": [{"gender": "T", "value": 5}]}]}"#
        let inputs = [
            KoladaReader.Input(file: "good.json", data: Data(good.utf8)),
            KoladaReader.Input(file: "bad.json", data: Data("{".utf8)),
        ]
        let output = try KoladaReader.read(inputs, name: "k", lenient: true)
        #expect(output.dataset.observations.count == 1)
        #expect(output.rejected.map(\.description) == ["bad.json: not valid JSON"])
        #expect(throws: InvalidInput.self) { try KoladaReader.read(inputs, name: "k") }
    }
}
