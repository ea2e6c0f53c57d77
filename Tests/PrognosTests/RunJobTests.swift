import Foundation
import PrognosTestSupport
import Testing

@testable import Prognos
@testable import PrognosIngest
@testable import PrognosModel
@testable import PrognosRender
@testable import PrognosSupport

@Suite struct RunJobTests {
    /// Every file below a directory, as relative paths, sorted.
    static func files(in directory: URL) throws -> [String] {
        let base = directory.standardizedFileURL.path
        guard let enumerator = FileManager.default.enumerator(atPath: base) else { return [] }
        var paths: [String] = []
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: base + "/" + path, isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                paths.append(path)
            }
        }
        return paths.sorted()
    }

    @Test func reproducesTheReportsAssessmentsForAllSevenGoals() throws {
        let analysis = RunJob().analyze(try TestSupport.loadBundledDataset())
        let committeeGoals = analysis.goals.filter { $0.goal.id.hasPrefix("ks-") }
        #expect(committeeGoals.count == 7)
        for evaluation in committeeGoals {
            #expect(evaluation.goal.reportedAssessment != nil)
            #expect(evaluation.assessment == evaluation.goal.reportedAssessment, "\(evaluation.goal.id)")
            #expect(evaluation.year == 2023)
        }
        let fully = committeeGoals.filter { $0.assessment == .fullyMet }.map(\.goal.id)
        #expect(fully == ["ks-1", "ks-3", "ks-5", "ks-6"])
    }

    /// The analysis lets the observations go once the panel is built; every outcome is
    /// still there, in the series summaries' points.
    @Test func analysisKeepsOutcomesInItsSummariesOnly() throws {
        let dataset = try TestSupport.loadBundledDataset()
        let analysis = RunJob().analyze(dataset)
        #expect(analysis.dataset.observations.isEmpty)
        #expect(analysis.dataset.indicators == dataset.indicators && analysis.dataset.targets == dataset.targets)
        let points = analysis.series.reduce(0) { $0 + $1.points.count }
        #expect(points == dataset.observations.count)
        // The caller's dataset is its own: it keeps its observations.
        #expect(!dataset.observations.isEmpty)
    }

    @Test func writesEverySeriesAndGoal() throws {
        let dataset = try TestSupport.loadBundledDataset()
        let job = RunJob()
        let outputs = job.outputs(of: job.analyze(dataset))
        #expect(
            outputs.keys.sorted() == [
                "accuracy.csv", "forecast_checkpoints.csv", "goals.csv", "indicators.csv", "report.md", "summary.json",
            ])
        let indicators = try #require(outputs["indicators.csv"])
        let rows = indicators.split(separator: "\n").dropFirst()
        let seriesKeys = Set(dataset.observations.map { "\($0.entityID),\($0.indicatorID),\($0.gender.rawValue)" })
        #expect(rows.count == seriesKeys.count)
        #expect(
            indicators.hasPrefix(
                "entity_id,indicator_id,n_obs,last_year,last_value,method,slope,slope_se,slope_p,forecast_year,forecast,lo80,hi80,lo95,hi95,target,p_target_met,status,signal,suggested_target_p50,suggested_target_p80,suggested_target_p90,"
            ))
        let goals = try #require(outputs["goals.csv"])
        #expect(
            goals.hasPrefix(
                "goal_id,assessment,reported_assessment,n_indicators,n_met,p_fully_met,p_at_least_partly_met"))
        #expect(goals.contains("\nks-7,partly_met,partly_met,4,2,"))
        #expect(goals.contains("\nks-3,fully_met,fully_met,2,2,"))
        let summary = try #require(outputs["summary.json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(summary.utf8)) as? [String: Any])
        #expect(object["schema_version"] as? String == SummaryDocument.schemaVersion)
        #expect((object["goals"] as? [Any])?.count == dataset.goals.count)
        #expect((object["indicators"] as? [Any])?.count == seriesKeys.count)
        let report = try #require(outputs["report.md"])
        #expect(report.contains("7 mål med indikatorer: 4 helt uppfyllt, 3 delvis uppfyllt."))
        let reportEn = RunJob(language: .en).outputs(of: job.analyze(dataset))["report.md"] ?? ""
        #expect(reportEn.contains("7 goals with indicators: 4 fully met, 3 partly met."))
    }

    @Test func twoRunsAreByteIdentical() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let job = RunJob()
        let first = root.appendingPathComponent("a")
        let second = root.appendingPathComponent("b")
        _ = try job.run(directory: TestSupport.bundledDatasetDirectory, displayName: "x", output: first)
        _ = try job.run(directory: TestSupport.bundledDatasetDirectory, displayName: "x", output: second)
        let names = try Self.files(in: first)
        #expect(names == (try Self.files(in: second)))
        #expect(
            Set(names).isSuperset(of: [
                "accuracy.csv", "goals.csv", "indicators.csv", "report.html", "report.md", "summary.json",
            ]))
        #expect(names.filter { $0.hasPrefix("charts/") }.count > 40)
        for name in names {
            let a = try Data(contentsOf: first.appendingPathComponent(name))
            let b = try Data(contentsOf: second.appendingPathComponent(name))
            #expect(a == b, "\(name)")
        }
        // Nothing but the output directories is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == ["a", "b"])
    }

    /// `run` streams indicators.csv and summary.json to disk as they are rendered; they
    /// equal the in-memory documents (and so the whole document serialised at once).
    @Test func streamedFilesEqualTheDocumentsInMemory() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let job = RunJob()
        let output = root.appendingPathComponent("out")
        _ = try job.run(directory: TestSupport.bundledDatasetDirectory, displayName: "x", output: output)
        let inMemory = job.outputs(of: job.analyze(try TestSupport.loadBundledDataset()))
        for name in ["indicators.csv", "summary.json", "goals.csv", "report.md", "accuracy.csv"] {
            let written = try String(contentsOf: output.appendingPathComponent(name), encoding: .utf8)
            #expect(written == inMemory[name], "\(name)")
        }
        // The streamed document is the document serialised whole.
        let analysis = job.analyze(try TestSupport.loadBundledDataset())
        var streamed = ""
        SummaryDocument.write(analysis, to: &streamed)
        let whole: JSONValue = .object([
            ("schema_version", .string(SummaryDocument.schemaVersion)),
            (
                "dataset",
                .object([("name", .string(analysis.dataset.name)), ("title", .string(analysis.dataset.title))])
            ),
            ("assessment_year", analysis.year.map { .integer($0) } ?? .null),
            ("goals", .array(analysis.goals.map(SummaryDocument.goal))),
            ("probability_calibration", SummaryDocument.calibration(analysis.calibration)),
            ("next_year", .array(analysis.nextYear.map(SummaryDocument.nextYear))),
            ("indicators", .array(analysis.series.map(SummaryDocument.indicator))),
        ])
        #expect(streamed == whole.serialized(layout: SummaryDocument.layout))
        // Rendered in blocks on several threads, the same bytes.
        for (threads, blockSize) in [(1, 1), (2, 5), (3, 7), (2, 1000)] {
            var parallel = ""
            SummaryDocument.write(analysis, to: &parallel, threads: threads, blockSize: blockSize)
            #expect(parallel == streamed, "threads \(threads), blocks of \(blockSize)")
        }
    }

    /// Every row of indicators.csv has the header's columns, in the header's order.
    @Test func indicatorRowsFollowTheColumns() throws {
        let analysis = RunJob().analyze(try TestSupport.loadBundledDataset())
        #expect(!analysis.series.isEmpty)
        for summary in analysis.series {
            #expect(IndicatorsTable.row(summary).map(\.column) == IndicatorsTable.columns)
        }
    }

    @Test func badInputLeavesAnExistingOutputUntouched() throws {
        let copy = try TestSupport.copyOfBundledDataset()
        let root = copy.deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try "previous run\n".write(to: output.appendingPathComponent("report.md"), atomically: true, encoding: .utf8)
        try TestSupport.edit(copy, "observations.csv") {
            TestSupport.replacingFirst($0, "alingsas,ks-5.1,2021,82", "alingsas,ks-5.1,2021,sju")
        }
        #expect(throws: InvalidInput.self) {
            try RunJob().run(directory: copy, displayName: "ds", output: output)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path) == ["report.md"])
        #expect(try String(contentsOf: output.appendingPathComponent("report.md"), encoding: .utf8) == "previous run\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == ["dataset", "out"])
    }

    @Test func rerunReplacesTheOutputWhole() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        // An earlier output: marked as Prognos's, with a file the new run does not write.
        try "stale\n".write(to: output.appendingPathComponent("stale.txt"), atomically: true, encoding: .utf8)
        try "".write(to: output.appendingPathComponent(OutputDirectory.markerName), atomically: true, encoding: .utf8)
        _ = try RunJob().run(directory: TestSupport.bundledDatasetDirectory, displayName: "x", output: output)
        let names = try FileManager.default.contentsOfDirectory(atPath: output.path).sorted()
        #expect(
            names == [
                ".prognos-output", "accuracy.csv", "charts", "forecast_checkpoints.csv", "goals.csv", "indicators.csv",
                "report.html", "report.md", "summary.json",
            ])
    }

    @Test func seriesWithoutObservationsIsNotEvaluatedNotACrash() throws {
        var dataset = try TestSupport.loadBundledDataset()
        dataset.observations.removeAll { $0.indicatorID == "ks-7.1" }
        let analysis = RunJob().analyze(dataset)
        let summary = try #require(analysis.series.first { $0.key.indicatorID == "ks-7.1" })
        #expect(summary.points.isEmpty)
        #expect(summary.evaluation?.status == .notEvaluated)
        let goal = try #require(analysis.goals.first { $0.goal.id == "ks-7" })
        #expect(goal.assessment == .partlyMet)
        let csv = IndicatorsTable.csv(analysis)
        #expect(csv.contains("alingsas,ks-7.1,0,,,"))
        #expect(!csv.lowercased().contains("nan"))
    }
}

@Suite struct RunAccuracyTests {
    @Test func longSeriesGetAnAccuracySection() throws {
        var observations: [Observation] = []
        for (index, entity) in ["a", "b", "c"].enumerated() {
            for year in 2015...2023 {
                observations.append(
                    Observation(
                        entityID: entity, indicatorID: "x", year: year,
                        value: 50 + Double(index) + 1.5 * Double(year - 2015) + (year % 2 == 0 ? 0.8 : -0.8)))
            }
        }
        let dataset = Dataset(
            name: "long", entities: ["a", "b", "c"].map { Entity(id: $0, name: $0, kind: .municipality) },
            indicators: [
                Indicator(
                    id: "x", titleSv: "X", titleEn: "X", unit: .index, lowerBound: 0, upperBound: 100,
                    polarity: .higherIsBetter)
            ],
            observations: observations)
        let analysis = RunJob().analyze(dataset)
        #expect(analysis.accuracy.map(\.method) == ["auto", "naive"])
        #expect(analysis.accuracy.allSatisfy { $0.count == 9 && $0.smape.isFinite })
        let report = MarkdownReport.render(analysis, language: .en)
        #expect(report.contains("## Forecast accuracy"))
        #expect(report.contains("| auto | 9 |"))
    }
}

@Suite struct ForecastCheckpointsTableTests {
    /// Prognossäkerhet of the seed, line by line: the result forecasts 0 (month 4), 0 and
    /// −3 798 (month 8) against outcomes 178 and −10 523, each with its own frame; no row
    /// averages two lines.
    @Test func seedCheckpointsLineByLine() throws {
        let text = try #require(CheckpointsTable.csv(try TestSupport.loadBundledDataset(), language: .sv))
        let (table, problems) = CSVTable.parse(text, file: "forecast_checkpoints.csv")
        #expect(problems.isEmpty)
        #expect(table.header.map(\.text) == CheckpointsTable.columns)
        let rows = table.records.map { $0.map(\.text) }
        #expect(rows.count == 3)
        #expect(rows.map { $0[4] } == ["fordjupad_manadsuppfoljning", "delarsbokslut", "delarsbokslut"])
        #expect(rows.map { $0[5] } == ["Fördjupad månadsuppföljning", "Delårsbokslut", "Delårsbokslut"])
        #expect(rows.map { $0[9] } == ["178", "178", "-6725"])
        #expect(rows.map { $0[10] } == ["109067", "109067", "222"])
        #expect(abs((Double(rows[0][11]) ?? 0) - 178.0 / 109_067) < 1e-15)
        // accuracy.csv keeps the method backtest only.
        let outputs = RunJob().outputs(of: RunJob().analyze(try TestSupport.loadBundledDataset()))
        #expect(outputs["forecast_checkpoints.csv"] == text)
        #expect(outputs["accuracy.csv"]?.contains("checkpoint") == false)
    }
}
