import Foundation
import PrognosTestSupport
import Testing

@testable import PrognosIngest
@testable import PrognosModel

/// The seed report's text read by `ReportTextReader` equals the bundled dataset in every
/// goal, indicator (goal, staff and sick-leave series), target, outcome, budget line and
/// forecast checkpoint, id by id.
@Suite struct ReportTextReaderTests {
    static let entities = ReportTextReader.Entities(goals: "alingsas", budget: "alingsas-ks", staff: "alingsas-klk")

    static func read() throws -> DatasetReading {
        try ReportTextReader.read(TestSupport.seedReport(), file: "seed.txt", name: "seed", entities: entities)
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
        let bundled = try TestSupport.loadBundledDataset().indicators
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
        func targetKey(_ t: Target) -> String {
            "\(t.entityID) \(t.indicatorID) \(t.goalID) \(t.year) \(t.value) \(t.comparator.rawValue)"
        }
        #expect(Set(read.targets.map(targetKey)) == Set(bundled.targets.map(targetKey)))
        func outcomeKey(_ o: Observation) -> String {
            "\(o.entityID) \(o.indicatorID) \(o.year) \(o.value) \(o.status.rawValue) \(o.gender.rawValue)"
        }
        #expect(Set(read.observations.map(outcomeKey)) == Set(bundled.observations.map(outcomeKey)))
        #expect(read.observations.count == bundled.observations.count)
    }

    @Test func budgetLinesAndForecastCheckpointsMatch() throws {
        let read = try Self.read().dataset
        let bundled = try TestSupport.loadBundledDataset()
        #expect(read.budgetLines.count == 72)
        // The report is Swedish: the bundled dataset's English titles are added by hand.
        #expect(
            read.budgetLines
                == bundled.budgetLines.map { line in
                    var swedish = line
                    swedish.titleEn = ""
                    return swedish
                })
        #expect(read.forecastVintages == bundled.forecastVintages)
    }

    /// The report's other tables (contents, assignments, internal control, private
    /// providers) are named in warnings with their line numbers, and nothing else warns.
    @Test func unplacedTablesAreWarnings() throws {
        let output = try Self.read()
        #expect(output.warnings.allSatisfy { $0.reason.hasPrefix("table ") && $0.reason.hasSuffix("skipped") })
        #expect(output.warnings.map(\.line).contains(11))  // the table of contents
        #expect(output.warnings.map(\.line).contains(258))  // the assignments (Uppdrag)
        // Everything read is attributed to the entity the user named for it.
        #expect(Set(output.dataset.budgetLines.map(\.entityID)) == ["alingsas-ks"])
        let staff = output.dataset.observations.filter {
            !$0.indicatorID.hasPrefix("ks-") && $0.entityID != "genomsnitt"
        }
        #expect(Set(staff.map(\.entityID)) == ["alingsas-klk"])
    }

    /// Other numbers give other data: the reader holds no list of known values.
    @Test func readsTheNumbersItIsGiven() throws {
        var text = try TestSupport.seedReport()
        text = text.replacingOccurrences(of: "72\t(73)\t72\t71", with: "75\t(70)\t69\t68")
        let read = try ReportTextReader.read(text, file: "edited.txt", name: "e", entity: "x").dataset
        #expect(read.targets.first { $0.indicatorID == "ks-1.1" }?.value == 75)
        #expect(read.observations.filter { $0.indicatorID == "ks-1.1" }.map(\.value) == [68, 69, 70])
    }

    /// Other staff numbers give other outcomes; a budget line that no longer adds up
    /// loses its parts, and a checkpoint deviation that does not add up is a warning.
    @Test func readsTheTablesNumbersItIsGiven() throws {
        var text = try TestSupport.seedReport()
        text = text.replacingOccurrences(
            of: "Tillsvidareanställda\t132\t137\t5", with: "Tillsvidareanställda\t140\t150\t10")
        text = text.replacingOccurrences(
            of: "Köp av tjänster\t-44 617\t-50 641", with: "Köp av tjänster\t-44 617\t-60 641")
        text = text.replacingOccurrences(of: "Delårsbokslut\t-3 798\t-6 725", with: "Delårsbokslut\t-3 798\t-6 000")
        let output = try ReportTextReader.read(text, file: "edited.txt", name: "e", entities: Self.entities)
        let employees = output.dataset.observations.filter {
            $0.indicatorID == "personalstatistik.antal_anstallda_tillsvidareanstallda"
        }
        #expect(employees.map(\.value) == [140, 150])
        let purchases = try #require(
            output.dataset.budgetLines.first { $0.lineID == "drift.kop_av_tjanster" && $0.year == 2023 })
        #expect(purchases.outcome == -60641)
        #expect(purchases.parentLineID == nil)
        #expect(output.dataset.budgetLines.first { $0.lineID == "drift.personalkostnader" }?.parentLineID == nil)
        // The investment table is untouched and keeps its structure.
        #expect(
            output.dataset.budgetLines.first { $0.lineID == "investeringar.markinkop" }?.parentLineID
                == "investeringar.expansionsinvestering")
        #expect(output.warnings.contains { $0.reason.hasPrefix("deviation -6000") })
    }

    /// With one entity named, every table's numbers belong to it.
    @Test func oneEntityForEverything() throws {
        let output = try ReportTextReader.read(TestSupport.seedReport(), file: "seed.txt", name: "seed", entity: "org")
        #expect(Set(output.dataset.budgetLines.map(\.entityID)) == ["org"])
        #expect(Set(output.dataset.observations.map(\.entityID)) == ["org", "genomsnitt"])
        #expect(output.dataset.entities.map(\.id) == ["org", "genomsnitt"])
    }
}
