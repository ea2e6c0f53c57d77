import Foundation
import PrognosTestSupport
import Testing

@testable import Prognos
@testable import PrognosIngest
@testable import PrognosLinear
@testable import PrognosModel
@testable import PrognosRender
@testable import PrognosSupport

/// The repros of the security and reliability review, each through the built binary
/// where a user would meet it: no crash on a dataset that `validate` accepts, resources
/// that are regular files inside the dataset, inert text in every output, gnuplot that
/// runs without a locale, and causes named in words.
@Suite struct ReliabilityTests {
    func run(_ arguments: [String], in directory: URL, environment: [String: String]? = nil) throws
        -> (status: Int32, stdout: String, stderr: String)
    {
        try TestSupport.runBinary(arguments, in: directory, environment: environment)
    }

    /// A temporary directory with a copy of the bundled dataset as `ds`.
    func workspace() throws -> (root: URL, dataset: URL) {
        let dataset = try TestSupport.copyOfBundledDataset()
        let root = dataset.deletingLastPathComponent()
        try FileManager.default.moveItem(at: dataset, to: root.appendingPathComponent("ds"))
        return (root, root.appendingPathComponent("ds"))
    }

    // MARK: Crashes on valid datasets

    @Test func targetsWithoutOutcomesRun() throws {
        let (root, dataset) = try workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        try TestSupport.edit(dataset, "observations.csv") { String($0.prefix { $0 != "\n" }) + "\n" }
        #expect(try run(["validate", "ds"], in: root).status == 0)
        for command in [
            ["run", "ds", "--out", "o"], ["targets", "ds", "--out", "t"], ["evaluate", "ds", "--out", "e"],
            ["calibrate", "ds", "--out", "c"],
        ] {
            let result = try run(command, in: root)
            #expect(result.status == 0, "\(command[0]): \(result.stderr)")
        }
    }

    @Test(arguments: ["1e19", "9e18", "-9e18", "1e308", "-1e308"])
    func extremeValuesFromAWideTableRun(_ value: String) throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let table = "Indikator;Enhet;2020;2021;2022;Mål 2023\nKostnad;tkr;1;\(value);3;4\nAndel;%;50;51;52;60\n"
        try table.write(to: root.appendingPathComponent("w.csv"), atomically: true, encoding: .utf8)
        let ingest = try run(["ingest", "wide", "w.csv", "--out", "ds"], in: root)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let result = try run(["run", "ds", "--out", "o"], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(NumberFormatting.rounded(1e19, digits: 1, decimalSeparator: ",") == "1,0e+19")
    }

    /// Every dataset of the whole-run fuzzer's corpus (inputs that once broke a run) runs,
    /// charts drawn by gnuplot included.
    @Test func theFuzzCorpusRuns() throws {
        let corpus = TestSupport.repositoryRoot.appendingPathComponent("Development/Fuzz/corpus/runs")
        let names = try FileManager.default.contentsOfDirectory(atPath: corpus.path).sorted()
        #expect(names.count >= 2)
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        for name in names {
            let result = try run(["run", corpus.appendingPathComponent(name).path, "--out", name], in: root)
            #expect(result.status == 0, "\(name): \(result.stderr)")
        }
    }

    @Test func aRepeatedPredictorIsAUsageError() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try "x,y\n1,2\n2,4\n3,7\n".write(to: root.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        let result = try run(["regress", "d.csv", "--y", "y", "--x", "x", "--x", "x"], in: root)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("--x x is given more than once"))
    }

    // MARK: Silent acceptance and unclear messages

    @Test func goalParentCyclesAreInvalid() throws {
        let (root, dataset) = try workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        try TestSupport.edit(dataset, "goals.csv") { text in
            // kf-1 under ks-1, which is under kf-1 already: a → b → a.
            TestSupport.replacingFirst(text, "kf-1,,", "kf-1,ks-1,")
        }
        let result = try run(["validate", "ds"], in: root)
        #expect(result.status == 1)
        #expect(result.stderr.contains("is its own ancestor: kf-1 → ks-1 → kf-1"), "\(result.stderr)")
    }

    @Test func aFractionalKoladaPeriodIsRefused() {
        let json =
            #"{"values": [{"kpi": "N1", "municipality": "0180", "period": 2019.5, "values": [{"gender": "T", "value": 1}]}]}"#
        let result = TestSupport.result(
            try KoladaReader.read([KoladaReader.Input(file: "k.json", data: Data(json.utf8))], name: "k"))
        guard case .failure(let invalid) = result else {
            Issue.record("2019.5 was read as a year")
            return
        }
        #expect(invalid.description.contains("no valid \"period\""))
    }

    @Test func aGarbageMunicipalitiesFileIsAnError() {
        let json =
            #"{"values": [{"kpi": "N1", "municipality": "0180", "period": 2019, "values": [{"gender": "T", "value": 1}]}]}"#
        let result = TestSupport.result(
            try KoladaReader.read(
                [KoladaReader.Input(file: "k.json", data: Data(json.utf8))],
                municipalities: Data("\u{1}\u{2}garbage\n".utf8), name: "k"))
        guard case .failure(let invalid) = result else {
            Issue.record("a municipalities file without id and title was ignored")
            return
        }
        #expect(invalid.description.contains("the municipalities file: has no \"id\" and \"title\" columns"))
    }

    @Test func utf16WideTablesAreRead() throws {
        let text = "Indikator;Enhet;2021;2022\nNKI;index;71;72\n"
        var data = Data([0xFF, 0xFE])
        data.append(text.data(using: .utf16LittleEndian) ?? Data())
        let output = try WideTableReader.read(data, file: "w.csv", name: "w")
        #expect(output.dataset.observations.count == 2)
    }

    @Test func emptyOrRandomReportTextIsInvalid() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try Data().write(to: root.appendingPathComponent("empty.txt"))
        try Data((0..<512).map { UInt8(truncatingIfNeeded: $0 &* 37) }).write(
            to: root.appendingPathComponent("random.txt"))
        for file in ["empty.txt", "random.txt"] {
            let result = try run(["ingest", "report", file, "--out", "r"], in: root)
            #expect(result.status == 1, "\(file): \(result.stderr)")
            #expect(result.stderr.contains("no goal, indicator table"))
            #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("r").path))
        }
    }

    @Test func outOfRangeArgumentsAreUsageErrors() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let synthesize = try run(["synthesize", "--last-year", "99999", "--out", "s"], in: root)
        #expect(synthesize.status == 2)
        #expect(synthesize.stderr.contains("years from 1000 to 9999"))
        let limit = try run(["run", "--detail-limit", "-1", "--out", "o"], in: root)
        #expect(limit.status == 2)
        #expect(limit.stderr.contains("--detail-limit must be 0 or more"), "\(limit.stderr)")
        #expect(LinearAlgebraError.lapack(routine: "dtrtrs", info: -9).description.contains("refused argument 9"))
    }

    @Test func oneOutlyingYearAddsOneColumnToThePanel() throws {
        var dataset = try TestSupport.loadBundledDataset()
        let before = Panel(dataset: dataset)
        guard var outlier = dataset.observations.first else { return }
        outlier.year = 9999
        outlier.entityID = "genomsnitt"
        dataset.observations.append(outlier)
        let after = Panel(dataset: dataset)
        #expect(after.years.count == before.years.count + 1)
        #expect(after.years.last == 9999)
        #expect(after.values.count == after.keys.count * after.years.count)
        // The other series keep their points.
        for key in before.keys {
            guard let a = before.row(of: key), let b = after.row(of: key) else { continue }
            if key.entityID != "genomsnitt" { #expect(before.points(row: a) == after.points(row: b)) }
        }
    }

    // MARK: Memory

    /// The bundled dataset's files, with `observations.csv` replaced.
    static func files(observations: String) throws -> (DataPackageDescriptor, [String: String]) {
        let directory = TestSupport.bundledDatasetDirectory
        let descriptorData = try Data(contentsOf: directory.appendingPathComponent("datapackage.json"))
        let descriptor = try #require(DataPackageDescriptor.parse(descriptorData, file: "datapackage.json").descriptor)
        var files: [String: String] = [:]
        for path in descriptor.resourcePaths.values {
            files[path] = try String(contentsOf: directory.appendingPathComponent(path), encoding: .utf8)
        }
        files["observations.csv"] = observations
        return (descriptor, files)
    }

    @Test func aThousandProblemsAreKeptAndTheRestCountedOnAnyPath() throws {
        // 3,000 rows with a value that is not a number, 1,000 of them duplicates of others.
        var text = "entity_id,indicator_id,year,value,status,gender,note,split\n"
        for index in 0..<3000 { text += "alingsas,ks-1.1,\(1000 + index % 2000),x\(index),final,T,,\n" }
        let (descriptor, files) = try Self.files(observations: text)
        let one = TestSupport.datasetResult(
            try CanonicalDatasetReader.read(descriptor: descriptor, files: files, location: "d", threads: 1))
        let two = TestSupport.datasetResult(
            try CanonicalDatasetReader.read(
                descriptor: descriptor, files: files, location: "d", threads: 2, sliceBytes: 4096))
        let check = TestSupport.result(
            try CanonicalDatasetReader.validate(
                descriptor: descriptor, texts: files.mapValues(ResourceText.init), location: "d", threads: 2,
                sliceBytes: 4096))
        var results: [InvalidInput] = []
        for result in [one.map { _ in () }, two.map { _ in () }, check.map { _ in () }] {
            guard case .failure(let invalid) = result else {
                Issue.record("a dataset of bad values was accepted")
                return
            }
            results.append(invalid)
        }
        for invalid in results {
            #expect(invalid.diagnostics.count == InvalidInput.keptLimit)
            // 2,000 values that are not numbers and 1,000 duplicate keys.
            #expect(invalid.count == 3000)
            #expect(invalid.diagnostics.map(\.description) == results[0].diagnostics.map(\.description))
        }
        #expect(results[0].description.hasSuffix("… and 2000 more problems not listed"))
    }

    @Test func validateCountsWhatLoadReads() throws {
        let counts = try DatasetLoader.validate(directory: TestSupport.bundledDatasetDirectory, displayName: "b")
        let dataset = try TestSupport.loadBundledDataset()
        #expect(counts.observations == dataset.observations.count)
        #expect(counts.targets == dataset.targets.count)
        #expect(counts.entities == dataset.entities.count)
        #expect(counts.goals == dataset.goals.count)
    }

    @Test func validateOfMappedFilesAgreesWithLoad() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        // About 6 MB of observations: more than one 4 MB slice, so read on two threads.
        let made = try run(
            ["synthesize", "--entities", "290", "--indicators", "30", "--years", "20", "--out", "s"], in: root)
        #expect(made.status == 0, "\(made.stderr)")
        let directory = root.appendingPathComponent("s")
        let counts = try DatasetLoader.validate(directory: directory, displayName: "s")
        let dataset = try DatasetLoader.load(directory: directory, displayName: "s").dataset
        #expect(counts.observations == dataset.observations.count)
        #expect(counts.targets == dataset.targets.count)
        // Invalid UTF-8 is not mapped: the same problem as load reports.
        let observations = directory.appendingPathComponent("observations.csv")
        var bytes = try Data(contentsOf: observations)
        bytes.append(contentsOf: [0xFF, 0xFE, 0x0A])
        try bytes.write(to: observations)
        for check in [
            { _ = try DatasetLoader.validate(directory: directory, displayName: "s") },
            { _ = try DatasetLoader.load(directory: directory, displayName: "s").dataset },
        ] {
            do {
                try check()
                Issue.record("invalid UTF-8 was accepted")
            } catch let invalid as InvalidInput {
                #expect(invalid.description.contains("s/observations.csv: not valid UTF-8"))
            }
        }
    }

    // MARK: Resources

    @Test func aSymbolicLinkOutOfTheDatasetIsRefused() throws {
        let (root, dataset) = try workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let outside = root.appendingPathComponent("outside.csv")
        try FileManager.default.moveItem(at: dataset.appendingPathComponent("entities.csv"), to: outside)
        try FileManager.default.createSymbolicLink(
            atPath: dataset.appendingPathComponent("entities.csv").path, withDestinationPath: outside.path)
        let result = try run(["validate", "ds"], in: root)
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("ds/entities.csv") && result.stderr.contains("leads outside the dataset"),
            "\(result.stderr)")
    }

    @Test func aSymbolicLinkInsideTheDatasetIsRead() throws {
        let (root, dataset) = try workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.moveItem(
            at: dataset.appendingPathComponent("entities.csv"), to: dataset.appendingPathComponent("entities-real.csv"))
        try FileManager.default.createSymbolicLink(
            atPath: dataset.appendingPathComponent("entities.csv").path, withDestinationPath: "entities-real.csv")
        #expect(try run(["validate", "ds"], in: root).status == 0)
    }

    @Test func aFIFOOrADirectoryIsRefusedAtOnce() throws {
        let (root, dataset) = try workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let entities = dataset.appendingPathComponent("entities.csv")
        try FileManager.default.removeItem(at: entities)
        #expect(mkfifo(entities.path, 0o600) == 0)
        let started = Date()
        let fifo = try run(["validate", "ds"], in: root)
        #expect(Date().timeIntervalSince(started) < 20)
        #expect(fifo.status == 1)
        #expect(fifo.stderr.contains("is a FIFO"), "\(fifo.stderr)")
        try FileManager.default.removeItem(at: entities)
        try FileManager.default.createDirectory(at: entities, withIntermediateDirectories: false)
        let directory = try run(["validate", "ds"], in: root)
        #expect(directory.status == 1)
        #expect(directory.stderr.contains("is a directory, not a file"), "\(directory.stderr)")
    }

    // MARK: Inert text in Markdown and CSV

    @Test func markdownAndFormulaTextIsInertInTheOutputs() throws {
        let (root, dataset) = try workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        try TestSupport.edit(dataset, "indicators.csv") {
            TestSupport.replacingFirst(
                $0, "\"Företagsklimat enl. ÖJ (Insikt) - Totalt, NKI\"",
                "\"=HYPERLINK(\"\"http://x\"\") [l](http://x) ![i](http://x/i.png) <b>raw</b>\"")
        }
        try TestSupport.edit(dataset, "goals.csv") {
            TestSupport.replacingFirst($0, "\"Kommunens företagsklimat ska förbättras", "\"line\n## injected heading")
        }
        try TestSupport.edit(dataset, "entities.csv") {
            $0.replacingOccurrences(of: "alingsas,Alingsås kommun", with: "alingsas,@SUM(A1)")
        }
        let result = try run(["run", "ds", "--out", "o"], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        let markdown = try String(contentsOf: root.appendingPathComponent("o/report.md"), encoding: .utf8)
        #expect(!markdown.contains("[l](http://x)"))
        #expect(!markdown.contains("![i]"))
        #expect(!markdown.contains("<b>"))
        #expect(markdown.contains("\\[l\\](http://x)"))
        #expect(!markdown.contains("\n## injected heading"))
        #expect(markdown.contains("line ## injected heading"))
        for file in ["indicators.csv", "goals.csv"] {
            let csv = try String(contentsOf: root.appendingPathComponent("o/\(file)"), encoding: .utf8)
            for line in csv.split(separator: "\n") {
                for cell in line.split(separator: ",") {
                    let text = cell.hasPrefix("\"") ? cell.dropFirst() : cell
                    if let first = text.first, "=+@".contains(first) { Issue.record("\(file): a formula cell \(cell)") }
                }
            }
        }
        #expect(CSVWriter.neutralized("=1+1") == "'=1+1")
        #expect(CSVWriter.neutralized("-3.5") == "-3.5")
        #expect(CSVWriter.neutralized("-x") == "'-x")
    }

    // MARK: gnuplot without a locale, odd titles, long ids, empty ranges

    @Test func aRunWithoutLocaleOrWritableCacheSucceeds() throws {
        let (root, _) = try workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        // No LANG or LC_*, and a HOME whose cache cannot be made.
        let result = try run(
            ["run", "ds", "--out", "o"], in: root, environment: ["PATH": path, "HOME": "/nonexistent"])
        #expect(result.status == 0, "\(result.stderr)")
        let svg = try String(contentsOf: root.appendingPathComponent("o/charts/alingsas__ks-1.1.svg"), encoding: .utf8)
        #expect(svg.contains("Företagsklimat"))
    }

    @Test func oddTitlesLongIdsAndFlatRangesDrawEveryChart() throws {
        let (root, dataset) = try workspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let long = String(repeating: "x", count: 300)
        try TestSupport.edit(dataset, "indicators.csv") {
            TestSupport.replacingFirst(
                TestSupport.replacingFirst($0, "\"Företagsklimat enl. ÖJ (Insikt) - Totalt, NKI\"", "}"),
                "\"Företagsklimat enl. ÖJ (Insikt) - Upphandling, NUI\"", "\"ends in \\\\\"")
                + "cnt,Antal,Count,count,,,neutral,,\n"
        }
        try TestSupport.edit(dataset, "entities.csv") { $0 + "\(long),Long,,municipality,\n" }
        try TestSupport.edit(dataset, "observations.csv") { text in
            var text = text
            for (index, value) in ["88.8", "194.4", "1000000", "179.2"].enumerated() {
                text += "\(long),cnt,\(2019 + index),\(value),final,T,,\n"
            }
            return text
        }
        #expect(try run(["validate", "ds"], in: root).status == 0)
        let result = try run(["run", "ds", "--out", "o"], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        let charts = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("o/charts").path)
        #expect(charts.allSatisfy { $0.utf8.count < 160 })
        #expect(charts.contains { $0.hasPrefix(String(repeating: "x", count: 50)) })
    }

    @Test func collidingIdsGetChartsOfTheirOwn() {
        let a = ChartScripts.baseName(SeriesKey(entityID: "x y", indicatorID: "i"))
        let b = ChartScripts.baseName(SeriesKey(entityID: "x_y", indicatorID: "i"))
        let c = ChartScripts.baseName(SeriesKey(entityID: "e", indicatorID: "ks-5.1__K"))
        let d = ChartScripts.baseName(SeriesKey(entityID: "e", indicatorID: "ks-5.1", gender: .women))
        #expect(Set([a, b, c, d]).count == 4)
        #expect(ChartScripts.baseName(SeriesKey(entityID: "alingsas", indicatorID: "ks-1.1")) == "alingsas__ks-1.1")
        #expect(ChartScripts.fileStem([String(repeating: "é", count: 300)]).utf8.count <= 117)
    }
}
