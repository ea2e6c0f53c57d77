import Foundation
import PrognosTestSupport
import Testing

@testable import PrognosAnalysis
@testable import PrognosForecast
@testable import PrognosIngest
@testable import PrognosModel
@testable import PrognosRender
@testable import PrognosSupport

/// Kolada's comparison groups as entity groups: read from `municipality_group_members.csv`,
/// kept in the canonical dataset, shown beside a series ("liknande kommuner") and used as
/// the first pool for short-series uncertainty.
@Suite struct EntityGroupTests {
    /// 270 groups keep two members of the 14 municipalities, or one and the municipality
    /// they were made for (counted independently in Python from the same file); Göteborg
    /// has ten "Liknande kommuner" groups of its own, each with Stockholm and Malmö among
    /// the 14.
    @Test func koladaGroupsFromTheReferenceFile() throws {
        let dataset = try TestSupport.koladaWithGroups()
        #expect(dataset.entityGroups.count == 270)
        let gothenburg = dataset.entityGroups.filter { $0.forEntityID == "1480" }
        #expect(gothenburg.count == 10)
        #expect(gothenburg.allSatisfy { $0.memberIDs == ["0180", "1280"] && $0.title.contains("Göteborg") })
        let network = try #require(dataset.entityGroups.first { $0.id == "G132639" })
        #expect(network.forEntityID == nil)
        #expect(network.memberIDs == ["0180", "0319", "0687", "1083", "1480", "1981", "2084"])
    }

    /// Göteborg's N03702 beside the unweighted mean of Stockholm's and Malmö's values.
    @Test func comparisonIsTheMeanOfTheOtherMembers() throws {
        let dataset = try TestSupport.koladaWithGroups()
        let groups = ComparisonGroups(dataset: dataset)
        let comparison = try #require(groups.comparison(for: SeriesKey(entityID: "1480", indicatorID: "N03702")))
        // The first of Göteborg's own groups in the file (all ten cover both members).
        #expect(comparison.groupID == "G176542")
        func values(_ entity: String) -> [Int: Double] {
            Dictionary(
                uniqueKeysWithValues: dataset.observations.filter {
                    $0.entityID == entity && $0.indicatorID == "N03702" && $0.gender == .total
                }.map { ($0.year, $0.value) })
        }
        let stockholm = values("0180")
        let malmo = values("1280")
        #expect(!comparison.points.isEmpty)
        for point in comparison.points {
            let both = [stockholm[point.year], malmo[point.year]].compactMap { $0 }
            #expect(point.members == both.count)
            #expect(abs(point.mean - both.reduce(0, +) / Double(both.count)) <= 1e-12 * abs(point.mean))
        }
        #expect(comparison.points.map(\.year) == Set(stockholm.keys).union(malmo.keys).sorted())
        // An entity in no group has no comparison.
        #expect(groups.comparison(for: SeriesKey(entityID: "9999", indicatorID: "N03702")) == nil)
    }

    static func smallDataset() -> Dataset {
        let indicator = Indicator(id: "x", titleSv: "X", titleEn: "X", unit: .number, polarity: .higherIsBetter)
        var observations: [Observation] = []
        func series(_ entity: String, _ values: [Double]) {
            for (offset, value) in values.enumerated() {
                observations.append(Observation(entityID: entity, indicatorID: "x", year: 2018 + offset, value: value))
            }
        }
        series("a", [10, 11])
        series("b", [1, 2, 4])  // changes 1, 2
        series("c", [5, 5, 8])  // changes 0, 3
        series("far", [0, 100, 0, 100])  // changes of 100: outside a's group
        var dataset = Dataset(
            name: "g",
            entities: ["a", "b", "c", "far"].map { Entity(id: $0, name: $0.uppercased(), kind: .municipality) },
            indicators: [indicator], observations: observations)
        dataset.entityGroups = [
            EntityGroup(id: "wide", title: "Everyone", memberIDs: ["a", "b", "c", "far"]),
            EntityGroup(id: "like-a", title: "Liknande kommuner, A, 2024", forEntityID: "a", memberIDs: ["b", "c"]),
        ]
        return dataset
    }

    /// The group made for an entity comes before the groups it is a member of, whatever
    /// their coverage; among groups it is a member of, the smallest that covers the indicator.
    @Test func choiceOfGroup() {
        var dataset = Self.smallDataset()
        let key = SeriesKey(entityID: "a", indicatorID: "x")
        // "wide" has three other members with x, "like-a" two: made-for wins.
        #expect(ComparisonGroups(dataset: dataset).group(for: key)?.group.id == "like-a")
        #expect(ComparisonGroups(dataset: dataset).group(for: key)?.others == ["b", "c"])
        // Among groups made for a, the better covered.
        dataset.entityGroups.append(
            EntityGroup(id: "like-a-2", title: "Liknande 2", forEntityID: "a", memberIDs: ["b", "c", "far"]))
        #expect(ComparisonGroups(dataset: dataset).group(for: key)?.group.id == "like-a-2")
        // Without a group made for a: the smallest group holding a that covers x.
        dataset.entityGroups = [
            EntityGroup(id: "wide", title: "Everyone", memberIDs: ["a", "b", "c", "far"]),
            EntityGroup(id: "pair", title: "Pair", memberIDs: ["far", "a"]),
            EntityGroup(id: "alone", title: "Alone", memberIDs: ["a", "nobody-with-x"]),
        ]
        #expect(ComparisonGroups(dataset: dataset).group(for: key)?.group.id == "pair")
        // The group's own entity is never compared with itself; b's groups: "wide" only.
        #expect(
            ComparisonGroups(dataset: dataset).group(for: SeriesKey(entityID: "b", indicatorID: "x"))?.others == [
                "a", "c", "far",
            ])
    }

    /// A short series' spread comes first from its comparison group: entity "a" (two
    /// values, one move) in a group of ten volatile municipalities takes their typical
    /// relative move as its prior scale and their backtest errors, and gets a far wider
    /// band than without the group, where the forty calm ones dominate its indicator; its
    /// source says so.
    @Test func shortSeriesSpreadComesFirstFromTheGroup() throws {
        let indicator = Indicator(id: "x", titleSv: "X", titleEn: "X", unit: .number, polarity: .higherIsBetter)
        var observations: [Observation] = []
        var entities: [Entity] = []
        var random = SplitMix64(seed: 3)
        for k in 0..<50 {
            let id = String(format: "m%02d", k)
            entities.append(Entity(id: id, name: id, kind: .municipality))
            // Ten volatile members (m00…m09), forty calm ones; relative moves 20 % against 1 %.
            let volatility = k < 10 ? 0.2 : 0.01
            var level = 100.0
            for year in 2018...2023 {
                observations.append(Observation(entityID: id, indicatorID: "x", year: year, value: level))
                level *= 1 + volatility * random.nextNormal()
            }
        }
        entities.append(Entity(id: "a", name: "A", kind: .municipality))
        for (offset, value) in [100.0, 101].enumerated() {
            observations.append(Observation(entityID: "a", indicatorID: "x", year: 2022 + offset, value: value))
        }
        var dataset = Dataset(name: "g", entities: entities, indicators: [indicator], observations: observations)
        func band(_ dataset: Dataset) throws -> (width: Double, source: String) {
            let analysis = RunAnalysis(dataset: dataset, year: 2024)
            let outlook = try #require(analysis.series.first { $0.key.entityID == "a" }?.outlook)
            return (outlook.interval80.upper - outlook.interval80.lower, outlook.source)
        }
        let without = try band(dataset)
        dataset.entityGroups = [
            EntityGroup(
                id: "like-a", title: "Liknande kommuner, A", forEntityID: "a",
                memberIDs: (0..<10).map { String(format: "m%02d", $0) })
        ]
        let with = try band(dataset)
        #expect(with.width > 5 * without.width, "\(with) vs \(without)")
        #expect(with.source == "group" && without.source != "group")
        let analysis = RunAnalysis(dataset: dataset, year: 2024)
        let basis = try #require(analysis.series.first { $0.key.entityID == "a" }?.outlook?.basis)
        #expect(basis.english.contains("10 backtested series of its comparison group"), "\(basis.english)")
    }

    @Test func canonicalRoundTripAndDiagnostics() throws {
        let dataset = Self.smallDataset()
        var files = CanonicalDatasetWriter.files(for: dataset)
        #expect(
            files["entity_groups.csv"]?.hasPrefix("group_id,title,for_entity_id,entity_id\nwide,Everyone,,a\n") == true)
        let (parsed, _) = DataPackageDescriptor.parse(Data((files["datapackage.json"] ?? "").utf8), file: "d")
        let descriptor = try #require(parsed)
        #expect(
            try CanonicalDatasetReader.read(descriptor: descriptor, files: files, location: "mem").dataset == dataset)
        files["entity_groups.csv"] =
            "group_id,title,for_entity_id,entity_id\nw,W,,a\nw,Other title,,b\nw,W,,nobody\nv,V,ghost,a\n"
        let problems = try #require(
            TestSupport.datasetResult(
                try CanonicalDatasetReader.read(descriptor: descriptor, files: files, location: "mem")
            ).failure)
        let reasons = problems.diagnostics.map(\.description)
        #expect(
            reasons.contains {
                $0.hasSuffix("entity_groups.csv:3:3: group \"w\" has another title or for_entity_id on an earlier row")
            })
        #expect(reasons.contains { $0.hasSuffix("entity_groups.csv:4:6: unknown entity \"nobody\"") })
        #expect(reasons.contains { $0.hasSuffix("entity_groups.csv:5:5: unknown entity \"ghost\"") })
    }

    /// `prognos run`'s analysis of the Kolada values with groups: the summary carries the
    /// comparison, summary.json writes it and the chart draws it.
    @Test func runShowsTheComparison() throws {
        let dataset = try TestSupport.koladaWithGroups()
        let analysis = RunAnalysis(dataset: dataset, method: AutoForecaster())
        let gothenburg = try #require(
            analysis.series.first { $0.key == SeriesKey(entityID: "1480", indicatorID: "N03702") })
        #expect(gothenburg.comparison?.groupID == "G176542")
        let json = SummaryDocument.json(analysis)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let indicators = try #require(document["indicators"] as? [[String: Any]])
        let entry = try #require(
            indicators.first { $0["entity_id"] as? String == "1480" && $0["indicator_id"] as? String == "N03702" })
        let written = try #require(entry["comparison"] as? [String: Any])
        #expect(written["group_id"] as? String == "G176542")
        #expect((written["points"] as? [[String: Any]])?.count == gothenburg.comparison?.points.count)
        let script = try #require(
            ChartScripts.indicator(
                gothenburg, indicator: dataset.indicatorsByID["N03702"], entity: nil, language: .sv, format: .svg,
                output: "x.svg"))
        #expect(script.contains("$peers using 1:2"))
        #expect(script.contains("Liknande kommuner äldreomsorg, Göteborg, 2024 (medel)"))
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
