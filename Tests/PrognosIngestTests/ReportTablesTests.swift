import Testing

@testable import PrognosIngest
@testable import PrognosModel

/// The report reader's table parts on small hand-made tables: statistics tables (groups,
/// footnotes, gender rows), the budget hierarchy found from sums, and forecast checkpoints.
@Suite struct ReportTablesTests {
    static func table(_ text: String) throws -> ReportTable {
        try #require(ReportTable.read(text.components(separatedBy: "\n"), at: 0))
    }

    @Test func statisticsTableGroupsFootnotesAndGenders() throws {
        let table = try Self.table(
            """
            Sjukfrånvaro*\t2021\t2022\tDifferens
            Total sjukfrånvaro\t5,0%\t(5,5%)\t0,5%
            Kvinnor\t6,0%\t6,5%\t0,5%
            Män\t4,0%\t4,5%\t0,5%
            <29 år\t3,0%\t3,1%\t0,1%
            Övertid*\t1\t2\t1
            *omräknat till heltidsarbetare\t\t\t
            Antal årsarbetare\t\t\t
            Chefer\t10\t12,5\t2,5
            Besök*\t\t\t
            *per år\t300\t310\t10
            """)
        #expect(ReportStatisticsTable.recognises(table))
        var problems = ReportProblems()
        let read = ReportStatisticsTable.read(table, entity: "e", file: "f", takenIDs: [], problems: &problems)
        #expect(problems.rejected.isEmpty && problems.warnings.isEmpty)
        #expect(
            read.indicators.map(\.id) == [
                "sjukfranvaro.total_sjukfranvaro", "sjukfranvaro.29_ar", "sjukfranvaro.overtid",
                "sjukfranvaro.antal_arsarbetare_chefer", "sjukfranvaro.besok",
            ])
        #expect(
            read.indicators.map(\.titleSv) == [
                "Total sjukfrånvaro (%)", "Sjukfrånvaro, <29 år (%)", "Övertid, omräknat till heltidsarbetare",
                "Antal årsarbetare, chefer", "Besök, per år",
            ])
        #expect(read.indicators.map(\.unit) == [.percent, .percent, .fte, .fte, .count])
        #expect(read.indicators[0].upperBound == 100)
        // A group runs to the next group or footnote: a row after "Chefer" would be a
        // "Antal årsarbetare" series too. Everything in a sick-leave table is lower-is-better.
        #expect(read.indicators.allSatisfy { $0.polarity == .lowerIsBetter })
        let total = read.observations.filter { $0.indicatorID == "sjukfranvaro.total_sjukfranvaro" }
        #expect(total.map(\.gender) == [.total, .total, .women, .women, .men, .men])
        #expect(total.map(\.value) == [5, 5.5, 6, 6.5, 4, 4.5])
        #expect(total[1].status == .preliminary)
        #expect(read.observations.filter { $0.indicatorID == "sjukfranvaro.besok" }.map(\.value) == [300, 310])
    }

    @Test func statisticsTableNeutralUnlessTheWordsSayOtherwise() throws {
        let table = try Self.table("Personal\t2022\t2023\nMedelålder\t43,3\t43,9\nTillbud\t9\t2\nVärde\t1,5\t2,5")
        var problems = ReportProblems()
        let read = ReportStatisticsTable.read(
            table, entity: "e", file: "f", takenIDs: ["personal.tillbud"], problems: &problems)
        #expect(read.indicators.map(\.polarity) == [.neutral, .lowerIsBetter, .neutral])
        #expect(read.indicators.map(\.unit) == [.years, .count, .number])
        // A taken id gets a suffix.
        #expect(read.indicators[1].id == "personal.tillbud_2")
    }

    @Test func statisticsTableWarnsAboutCellsThatAreNotNumbers() throws {
        let table = try Self.table("Personal\t2022\t2023\nAnställda\t12\tmånga")
        var problems = ReportProblems()
        let read = ReportStatisticsTable.read(table, entity: "e", file: "f", takenIDs: [], problems: &problems)
        #expect(read.observations.map(\.value) == [12])
        #expect(problems.rejected.map(\.description) == ["f:2:3: \"många\" is not a number"])
    }

    /// Headings before their parts (nested) and subtotals after them, with 1-unit rounding.
    @Test func budgetHierarchyFromSums() {
        let amounts: [[Double?]] = [
            [30, 31],  // 0 heading: 1 + 2
            [10, 10],  // 1
            [20, 20],  // 2 heading: 3 + 4 (20 = 12 + 8; 20 ≈ 12 + 9 within rounding)
            [12, 12],  // 3
            [8, 9],  // 4
            [0, 0],  // 5 all zero: never a parent
            [5, 6],  // 6
            [35, 37],  // 7 subtotal: 0 + 5 + 6 (smallest k skips nothing here)
        ]
        let parents = BudgetHierarchy.parents(amounts, resolution: 1)
        #expect(parents == [7, 0, 0, 2, 2, 7, 7, nil])
    }

    @Test func budgetHierarchyLeavesUnrelatedLinesAlone() {
        let parents = BudgetHierarchy.parents([[1, 2], [3, 4], [100, 200], [0, nil]], resolution: 1)
        #expect(parents == [nil, nil, nil, nil])
        // Sums off by more than the rounding of the parts are not subtotals.
        #expect(BudgetHierarchy.parents([[10], [20], [33]], resolution: 1) == [nil, nil, nil])
        #expect(BudgetHierarchy.parents([[10], [20], [31]], resolution: 1) == [2, 2, nil])
    }

    @Test func budgetTableColumnsAndWarnings() throws {
        let table = try Self.table(
            "Belopp i mnkr\tBudget 2024\tUtfall 2024\tAvvikelse\tKommentar 2024\nIntäkter\t1,5\t1,4\t-0,1\tx\nKostnader\t-2,0\tabc\t\t"
        )
        var problems = ReportProblems()
        let lines = ReportBudgetTable.read(table, entity: "e", section: "Drift", file: "f", problems: &problems)
        #expect(lines.map(\.lineID) == ["drift.intakter", "drift.kostnader"])
        #expect(lines.map(\.budget) == [1500, -2000])
        #expect(lines.map(\.outcome) == [1400, nil])
        #expect(
            problems.warnings.map(\.description) == [
                "f:1:5: column \"Kommentar 2024\" is neither a budget nor an outcome; skipped"
            ])
        #expect(problems.rejected.map(\.description) == ["f:3:3: \"abc\" is not an amount"])
    }

    @Test func forecastCheckpointsFindTheLineAndTheMonth() throws {
        let budget = [
            BudgetLine(
                entityID: "e", lineID: "drift.kostnader", titleSv: "Kostnader", year: 2024, budget: -5, outcome: 40),
            BudgetLine(
                entityID: "e", lineID: "drift.resultat", titleSv: "Resultat", year: 2024, budget: 0, outcome: 40),
        ]
        let table = try Self.table(
            "Avstämningstillfälle\tPrognos\tAvvikelse från bokslut\nDelårsbokslut\t10\t30\nBokslut 2024\t40\t")
        var problems = ReportProblems()
        let vintages = ReportForecastCheckpoints.read(
            table, budget: budget, followingText: ["Prognosen vid delårsbokslutet per månad 8 var för låg."], file: "f",
            problems: &problems)
        #expect(problems.rejected.isEmpty && problems.warnings.isEmpty)
        #expect(
            vintages == [
                ForecastVintage(
                    entityID: "e", lineID: "drift.resultat", year: 2024, checkpoint: "delarsbokslut",
                    checkpointMonth: 8, forecast: 10, outcome: 40)
            ])
        // No line with that outcome: rejected, no forecasts.
        let none = ReportForecastCheckpoints.read(table, budget: [], followingText: [], file: "f", problems: &problems)
        #expect(none.isEmpty)
        #expect(problems.rejected.count == 1)
    }

    @Test func slugs() {
        #expect(IdentifierSlug.make("Köp av tjänster") == "kop_av_tjanster")
        #expect(IdentifierSlug.make("<29 år") == "29_ar")
        #expect(IdentifierSlug.make("Expansionsinvestering - Exploatering") == "expansionsinvestering_exploatering")
        #expect(IdentifierSlug.make("–") == "x")
        #expect(IdentifierSlug.unique("a", in: ["a", "a_2"]) == "a_3")
    }
}
