import Foundation
import Testing

@testable import Prognos

/// The seed report's text read by `ReportTextReader` equals the bundled dataset in every
/// goal, goal indicator, target and outcome of the goal indicators.
@Suite struct ReportTextReaderTests {
    static func read() throws -> ReportTextReader.Output {
        ReportTextReader.read(try TestSupport.seedReport(), file: "seed.txt", name: "seed", entity: "alingsas")
    }

    @Test func goalsMatch() throws {
        let read = try Self.read().dataset
        let bundled = try TestSupport.loadBundledDataset()
        #expect(read.goals.map(\.id) == bundled.goals.map(\.id))
        for (a, b) in zip(read.goals, bundled.goals) {
            #expect(a.parentGoal == b.parentGoal, "\(a.id)")
            #expect(a.titleSv == b.titleSv, "\(a.id)")
            #expect(a.reportedAssessment == b.reportedAssessment, "\(a.id)")
        }
    }

    @Test func indicatorsMatch() throws {
        let read = try Self.read().dataset
        let bundled = try TestSupport.loadBundledDataset().indicators.filter { $0.id.hasPrefix("ks-") }
        #expect(read.indicators.map(\.id) == bundled.map(\.id))
        for (a, b) in zip(read.indicators, bundled) {
            #expect(a.titleSv == b.titleSv, "\(a.id)")
            #expect(a.unit == b.unit, "\(a.id)")
            #expect(a.lowerBound == b.lowerBound && a.upperBound == b.upperBound, "\(a.id)")
            #expect(a.polarity == b.polarity, "\(a.id)")
        }
    }

    @Test func targetsAndOutcomesMatch() throws {
        let read = try Self.read().dataset
        let bundled = try TestSupport.loadBundledDataset()
        func targetKey(_ t: Target) -> String { "\(t.entityID) \(t.indicatorID) \(t.goalID) \(t.year) \(t.value) \(t.comparator.rawValue)" }
        #expect(Set(read.targets.map(targetKey)) == Set(bundled.targets.map(targetKey)))
        func outcomeKey(_ o: Observation) -> String { "\(o.entityID) \(o.indicatorID) \(o.year) \(o.value) \(o.status.rawValue) \(o.gender.rawValue)" }
        let bundledOutcomes = bundled.observations.filter { $0.indicatorID.hasPrefix("ks-") }
        #expect(Set(read.observations.map(outcomeKey)) == Set(bundledOutcomes.map(outcomeKey)))
        #expect(read.observations.count == bundledOutcomes.count)
    }

    /// Other numbers give other data: the reader holds no list of known values.
    @Test func readsTheNumbersItIsGiven() throws {
        var text = try TestSupport.seedReport()
        text = text.replacingOccurrences(of: "72\t(73)\t72\t71", with: "75\t(70)\t69\t68")
        let read = ReportTextReader.read(text, file: "edited.txt", name: "e", entity: "x").dataset
        #expect(read.targets.first { $0.indicatorID == "ks-1.1" }?.value == 75)
        #expect(read.observations.filter { $0.indicatorID == "ks-1.1" }.map(\.value) == [68, 69, 70])
    }
}
