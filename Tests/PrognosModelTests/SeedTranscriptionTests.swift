import Foundation
import PrognosTestSupport
import Testing

@testable import PrognosModel

/// Checks the bundled dataset against the seed report's own text, so that a
/// transcription error fails CI. The parsing here is deliberately independent of the
/// engine's readers: it knows only the report's layout.
@Suite struct SeedTranscriptionTests {
    /// One indicator table of the report: the `Indikator:` title, and per column
    /// header (`Mål 2023`, `Preliminärt utfall 2023`, `Utfall 2022`…) the cell text.
    struct IndicatorTable {
        var goalNumber: Int
        var title: String
        var cells: [(header: String, text: String)]
    }

    /// Every goal heading with its assessment, and every indicator table under it.
    static func parseGoals(_ report: String) -> (
        goals: [Int: (title: String, assessment: String)], tables: [IndicatorTable]
    ) {
        let lines = report.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        var goals: [Int: (title: String, assessment: String)] = [:]
        var tables: [IndicatorTable] = []
        var currentGoal = 0
        var index = 0
        while index < lines.count {
            let line = lines[index]
            if line.hasPrefix("Kommunstyrelsens mål "), let dash = line.range(of: " - ") {
                let number = Int(line[line.index(line.startIndex, offsetBy: 21)..<dash.lowerBound]) ?? -1
                currentGoal = number
                goals[number] = (String(line[dash.upperBound...]), "")
            } else if line.hasPrefix("Bedömning:"), var goal = goals[currentGoal] {
                goal.assessment = line.dropFirst("Bedömning:".count)
                    .trimmingCharacters(in: CharacterSet.letters.inverted)
                goals[currentGoal] = goal
            } else if line.hasPrefix("Indikator: "), index + 2 < lines.count {
                let headers = lines[index + 1].components(separatedBy: "\t")
                let values = lines[index + 2].components(separatedBy: "\t")
                tables.append(
                    IndicatorTable(
                        goalNumber: currentGoal, title: String(line.dropFirst("Indikator: ".count)),
                        cells: Array(zip(headers, values))))
                index += 2
            }
            index += 1
        }
        return (goals, tables)
    }

    /// A report number: `72`, `(73)` (preliminary), `60%`, `2,9`; `-` is missing.
    static func reportNumber(_ text: String) -> (value: Double, preliminary: Bool)? {
        var body = text.trimmingCharacters(in: .whitespaces)
        let preliminary = body.hasPrefix("(") && body.hasSuffix(")")
        if preliminary { body = String(body.dropFirst().dropLast()) }
        body = body.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: ",", with: ".")
        guard let value = Double(body) else { return nil }
        return (value, preliminary)
    }

    static func year(in header: String) -> Int? {
        header.split(separator: " ").compactMap { Int($0) }.first { $0 >= 1900 }
    }

    @Test func everyNumberOfTheSevenGoalsIndicatorTablesIsInTheDataset() throws {
        let (goals, tables) = Self.parseGoals(try TestSupport.seedReport())
        let dataset = try TestSupport.loadBundledDataset()
        #expect(goals.count == 7)
        #expect(tables.count == 12)

        var checkedNumbers = 0
        for table in tables {
            let indicator = try #require(
                dataset.indicators.first { $0.titleSv == table.title }, "no indicator titled \(table.title)")
            #expect(indicator.id.hasPrefix("ks-\(table.goalNumber)."), "\(indicator.id) under goal \(table.goalNumber)")
            for (header, text) in table.cells {
                let year = try #require(Self.year(in: header), "no year in header \(header)")
                let number = Self.reportNumber(text)
                if header.hasPrefix("Mål") {
                    let parsed = try #require(number, "target \(text)")
                    let target = dataset.targets.first {
                        $0.indicatorID == indicator.id && $0.year == year && $0.goalID == "ks-\(table.goalNumber)"
                    }
                    #expect(target?.value == parsed.value, "\(indicator.id) target \(year)")
                    #expect(target?.comparator == .atLeast)
                    checkedNumbers += 1
                } else {
                    let observation = dataset.observations.first {
                        $0.entityID == "alingsas" && $0.indicatorID == indicator.id && $0.year == year
                            && $0.gender == .total
                    }
                    if let number {
                        #expect(observation?.value == number.value, "\(indicator.id) \(year): \(text)")
                        let preliminary = number.preliminary || header.hasPrefix("Preliminärt")
                        #expect(observation?.status == (preliminary ? .preliminary : .final), "\(indicator.id) \(year)")
                        checkedNumbers += 1
                    } else {
                        #expect(text == "-")
                        #expect(observation == nil, "\(indicator.id) \(year) should be missing")
                    }
                }
            }
        }
        // 12 targets and 25 outcomes; the other 11 cells are "-".
        #expect(checkedNumbers == 12 + 25)
    }

    @Test func goalTitlesAndReportedAssessmentsMatchTheReport() throws {
        let (goals, _) = Self.parseGoals(try TestSupport.seedReport())
        let dataset = try TestSupport.loadBundledDataset()
        let labels: [String: Assessment] = Dictionary(
            uniqueKeysWithValues: Assessment.allCases.map { ($0.label(.sv), $0) })
        for (number, reported) in goals {
            let goal = try #require(dataset.goals.first { $0.id == "ks-\(number)" })
            #expect(goal.titleSv == reported.title)
            #expect(goal.reportedAssessment == labels[reported.assessment], "ks-\(number): \(reported.assessment)")
        }
    }

    /// The staff, work-environment and sick-leave tables: `label<TAB>2022<TAB>2023<TAB>diff`.
    @Test func staffAndSickLeaveTablesMatchTheReport() throws {
        let report = try TestSupport.seedReport()
        let dataset = try TestSupport.loadBundledDataset()
        func value(_ indicator: String, _ year: Int, _ gender: Gender = .total) -> Double? {
            dataset.observations.first {
                $0.entityID == "alingsas-klk" && $0.indicatorID == indicator && $0.year == year && $0.gender == gender
            }?.value
        }
        // Rows whose label is ambiguous in the report (the same label under several
        // headings) are taken in order of appearance.
        let rows: [(label: String, occurrence: Int, indicator: String, gender: Gender)] = [
            ("Tillsvidareanställda", 0, "personalstatistik.antal_anstallda_tillsvidareanstallda", .total),
            ("Visstidsanställda", 0, "personalstatistik.antal_anstallda_visstidsanstallda", .total),
            ("Tillsvidareanställda", 1, "personalstatistik.antal_arsarbetare_tillsvidareanstallda", .total),
            ("Visstidsanställda", 1, "personalstatistik.antal_arsarbetare_visstidsanstallda", .total),
            ("Tillsvidareanställda", 2, "personalstatistik.sysselsattningsgrad_tillsvidareanstallda", .total),
            ("Tillsvidareanställda", 3, "personalstatistik.medelalder_tillsvidareanstallda", .total),
            ("*omräknat till heltidsarbetare", 0, "personalstatistik.utford_tid_av_timavlonade", .total),
            ("Fyllnad", 0, "personalstatistik.fyllnad", .total),
            ("Övertid", 0, "personalstatistik.overtid", .total),
            ("Personalomsättning*", 0, "personalstatistik.personalomsattning", .total),
            ("Arbets-skador", 0, "arbets_skador_och_tillbud.arbets_skador", .total),
            ("Tillbud", 0, "arbets_skador_och_tillbud.tillbud", .total),
            ("Total sjukfrånvaro", 0, "sjukfranvaro.total_sjukfranvaro", .total),
            ("Kvinnor", 0, "sjukfranvaro.total_sjukfranvaro", .women),
            ("Män", 0, "sjukfranvaro.total_sjukfranvaro", .men),
            ("<29 år", 0, "sjukfranvaro.29_ar", .total),
            ("30–49 år", 0, "sjukfranvaro.30_49_ar", .total),
            ("50 år>", 0, "sjukfranvaro.50_ar", .total),
            ("Dag 1–14", 0, "sjukfranvaro.dag_1_14", .total),
            ("Dag 15–59", 0, "sjukfranvaro.dag_15_59", .total),
            ("Dag 60>", 0, "sjukfranvaro.dag_60", .total),
        ]
        let tableLines = report.components(separatedBy: "\n")
            .map { $0.components(separatedBy: "\t") }
            .filter {
                $0.count == 4 && $0[3] != "Differens" && Self.reportNumber($0[0]) == nil
                    && Self.reportNumber($0[1]) != nil
                    && Self.reportNumber($0[2]) != nil
            }
        for row in rows {
            let matches = tableLines.filter { $0[0].trimmingCharacters(in: .whitespaces) == row.label }
            let cells = try #require(matches.count > row.occurrence ? matches[row.occurrence] : nil, "\(row.label)")
            let y2022 = try #require(Self.reportNumber(cells[1])).value
            let y2023 = try #require(Self.reportNumber(cells[2])).value
            #expect(value(row.indicator, 2022, row.gender) == y2022, "\(row.indicator) 2022")
            #expect(value(row.indicator, 2023, row.gender) == y2023, "\(row.indicator) 2023")
        }
        // Every one of these table rows is accounted for.
        #expect(tableLines.count == rows.count)
    }

    /// A budget-table amount in tkr: `91 867`, `-109 688`, `<i>25 050</i>`.
    static func amount(_ text: String) -> Double? {
        let cleaned = text.replacingOccurrences(of: "<i>", with: "").replacingOccurrences(of: "</i>", with: "")
            .replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "\u{00A0}", with: "")
            .replacingOccurrences(of: "−", with: "-")
        return Double(cleaned)
    }

    /// The three budget tables (Drift, Investeringar, Drift Exploateringsverksamheten):
    /// budget 2023, outcome 2023 and outcome 2022 of every line, and the report's own
    /// deviation columns recomputed from them. The report rounds each figure to whole
    /// tkr before subtracting its unrounded values, so a recomputed deviation may differ
    /// from the printed one by 1 tkr and no more.
    @Test func budgetTablesMatchTheReport() throws {
        let report = try TestSupport.seedReport()
        let dataset = try TestSupport.loadBundledDataset()
        let lines = report.components(separatedBy: "\n")
        let sections = ["drift.", "investeringar.", "drift_exploateringsverksamheten."]
        var sectionIndex = -1
        var checkedRows = 0
        for line in lines {
            let cells = line.components(separatedBy: "\t")
            if cells.first == "Belopp i tkr" {
                sectionIndex += 1
                continue
            }
            guard sectionIndex >= 0, sectionIndex < sections.count, cells.count == 6,
                let budget = Self.amount(cells[1]), let outcome = Self.amount(cells[2]),
                let deviation = Self.amount(cells[3]), let previous = Self.amount(cells[4]),
                let difference = Self.amount(cells[5])
            else { continue }
            let title = cells[0].replacingOccurrences(of: "<i>", with: "").replacingOccurrences(of: "</i>", with: "")
            let prefix = sections[sectionIndex]
            let matching = dataset.budgetLines.filter { $0.lineID.hasPrefix(prefix) && $0.titleSv == title }
            let line2023 = try #require(matching.first { $0.year == 2023 }, "\(prefix) \(title) 2023")
            let line2022 = try #require(matching.first { $0.year == 2022 }, "\(prefix) \(title) 2022")
            #expect(line2023.budget == budget, "\(line2023.lineID) budget")
            #expect(line2023.outcome == outcome, "\(line2023.lineID) outcome")
            #expect(line2022.outcome == previous, "\(line2022.lineID) outcome 2022")
            #expect(line2022.budget == nil)
            // Operating tables report outcome − budget; the investment table, whose
            // amounts are expenditures, reports budget − outcome.
            let reportedDeviation = prefix == "investeringar." ? budget - outcome : outcome - budget
            #expect(abs(reportedDeviation - deviation) <= 1, "\(line2023.lineID) deviation")
            #expect(abs((outcome - previous) - difference) <= 1, "\(line2023.lineID) difference")
            checkedRows += 1
        }
        #expect(sectionIndex == 2)
        #expect(checkedRows == 10 + 16 + 10)
        #expect(dataset.budgetLines.count == 2 * checkedRows)
    }

    /// Subtotal lines equal the sum of their parts (within the report's 1 tkr rounding per part).
    @Test func budgetSubtotalsAddUp() throws {
        let dataset = try TestSupport.loadBundledDataset()
        let parents = Set(dataset.budgetLines.compactMap(\.parentLineID))
        for parent in parents {
            for year in [2022, 2023] {
                let total = try #require(dataset.budgetLines.first { $0.lineID == parent && $0.year == year })
                let parts = dataset.budgetLines.filter { $0.parentLineID == parent && $0.year == year }
                let tolerance = Double(parts.count - 1)
                if let budget = total.budget {
                    let sum = parts.compactMap(\.budget).reduce(0, +)
                    #expect(abs(sum - budget) <= tolerance, "\(parent) \(year) budget")
                }
                if let outcome = total.outcome {
                    let sum = parts.compactMap(\.outcome).reduce(0, +)
                    #expect(abs(sum - outcome) <= tolerance, "\(parent) \(year) outcome: \(sum) vs \(outcome)")
                }
            }
        }
    }

    /// Prognossäkerhet: `checkpoint<TAB>forecast<TAB>outcome minus forecast`.
    @Test func forecastCheckpointsMatchTheReport() throws {
        let report = try TestSupport.seedReport()
        let dataset = try TestSupport.loadBundledDataset()
        let checkpoints = [
            "Fördjupad månadsuppföljning": "fordjupad_manadsuppfoljning", "Delårsbokslut": "delarsbokslut",
        ]
        var rows: [(checkpoint: String, forecast: Double, deviation: Double)] = []
        for line in report.components(separatedBy: "\n") {
            let cells = line.components(separatedBy: "\t")
            guard cells.count == 3, let code = checkpoints[cells[0]], let forecast = Self.amount(cells[1]),
                let deviation = Self.amount(cells[2])
            else { continue }
            rows.append((code, forecast, deviation))
        }
        #expect(rows.count == dataset.forecastVintages.count)
        for (row, vintage) in zip(rows, dataset.forecastVintages) {
            #expect(vintage.checkpoint == row.checkpoint)
            #expect(vintage.forecast == row.forecast)
            #expect(vintage.outcome.map { $0 - vintage.forecast } == row.deviation)
            let result = dataset.budgetLines.first { $0.lineID == vintage.lineID && $0.year == vintage.year }
            #expect(result?.outcome == vintage.outcome)
        }
    }
}
