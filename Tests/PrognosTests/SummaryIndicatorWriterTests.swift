import Foundation
import PrognosTestSupport
import Testing

@testable import Prognos
@testable import PrognosAnalysis
@testable import PrognosModel
@testable import PrognosRender

/// ``SummaryIndicatorWriter`` writes the bytes of ``SummaryDocument/indicator(_:)``
/// serialised (two levels deep, records on one line) for every kind of series: escaped
/// identifiers, one point and none, a preliminary last value, a target, a comparison
/// group, and every series of the bundled dataset.
@Suite struct SummaryIndicatorWriterTests {
    func expectSameBytes(_ analysis: RunAnalysis) {
        for summary in analysis.series {
            var reference: [UInt8] = []
            SummaryDocument.indicator(summary).appendFragment(to: &reference, indent: 2, layout: SummaryDocument.layout)
            var writer = SummaryIndicatorWriter(bytes: [])
            writer.append(summary)
            // As text, so that a failure shows the two documents.
            #expect(
                String(decoding: writer.bytes, as: UTF8.self) == String(decoding: reference, as: UTF8.self),
                "\(summary.key.entityID) \(summary.key.indicatorID)")
        }
    }

    @Test func bundledDataset() throws {
        let analysis = RunJob().analyze(try TestSupport.loadBundledDataset())
        #expect(analysis.series.count > 10)
        expectSameBytes(analysis)
    }

    @Test func unusualSeries() {
        let odd = "e\"1\\\t"
        let entities = [odd, "peer", "other"].map { Entity(id: $0, name: $0, kind: .municipality) }
        let indicator = Indicator(
            id: "ind\n", titleSv: "Andel", titleEn: "Share", unit: .percent, lowerBound: 0, upperBound: 100,
            polarity: .higherIsBetter, source: "test")
        var observations: [Observation] = []
        for (entity, count) in [(odd, 8), ("peer", 1), ("other", 6)] {
            for k in 0..<count {
                observations.append(
                    Observation(
                        entityID: entity, indicatorID: indicator.id, year: 2015 + k, value: 40 + 1.5 * Double(k),
                        status: k == count - 1 && entity == odd ? .preliminary : .final))
            }
        }
        var dataset = Dataset(
            name: "t", entities: entities, indicators: [indicator], observations: observations,
            targets: [
                Target(
                    entityID: odd, indicatorID: indicator.id, goalID: "g", year: 2023, value: 55, comparator: .atLeast),
                Target(
                    entityID: "peer", indicatorID: indicator.id, goalID: "g", year: 2023, value: 45, comparator: .atMost
                ),
            ],
            goals: [Goal(id: "g", titleSv: "Mål", titleEn: "Goal")])
        dataset.entityGroups = [
            EntityGroup(id: "grp", title: "Peers \"A\"", forEntityID: odd, memberIDs: [odd, "peer", "other"])
        ]
        let analysis = RunJob().analyze(dataset)
        #expect(analysis.series.contains { $0.comparison != nil })
        #expect(analysis.series.contains { $0.points.count == 1 })
        expectSameBytes(analysis)
    }
}
