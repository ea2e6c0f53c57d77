import ArgumentParser
import Foundation
import Prognos

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Convert outside formats to a canonical dataset.",
        subcommands: [
            IngestCompetitionCommand.self, IngestWideCommand.self, IngestKoladaCommand.self, IngestReportCommand.self,
        ]
    )
}

struct IngestCompetitionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "competition",
        abstract: "Read a forecasting competition in tidy form (series_id, split, t, value).",
        discussion: """
            The test split becomes the evaluation holdout (observations with split = test). \
            With --meta, series are named from its description, grouped into indicators by \
            category, and dated from start_year. Writes the dataset atomically.
            """
    )

    @Argument(help: "The tidy series file (series_id, split, t, value).")
    var input: String

    @Option(name: .long, help: "The meta file (series_id, category, start_year, description, …).")
    var meta: String?

    @OptionGroup var leniency: LenientOption
    @OptionGroup var output: IngestOutputOptions

    var lenient: Bool { leniency.lenient }
    var out: String { output.out }

    func run() throws {
        let series = try Self.readText(input)
        let metaText = try meta.map(Self.readText)
        let name = URL(fileURLWithPath: out).lastPathComponent
        let reading = try CompetitionReader.read(
            series: series, seriesFile: input, meta: metaText, metaFile: meta ?? "", name: name, lenient: lenient)
        let dataset = reading.dataset
        var extra: [String: String] = [:]
        if lenient { extra["rejected.csv"] = IngestCommand.rejectedCSV(reading.rejected) }
        try IngestCommand.write(dataset, to: out, extra: extra, inputs: [input] + (meta.map { [$0] } ?? []))
        let holdout = dataset.observations.filter { $0.split == .test }.count
        print(
            "prognos: \(dataset.entities.count) series, \(dataset.observations.count) observations (\(holdout) in the holdout) → \(out)/"
        )
    }

    static func readText(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InvalidInput([Diagnostic(file: path, reason: "cannot read the file")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InvalidInput([Diagnostic(file: path, reason: "not valid UTF-8")])
        }
        return text
    }
}

extension IngestCommand {
    /// `rejected.csv` of a lenient read: one row per problem skipped.
    static func rejectedCSV(_ problems: [Diagnostic]) -> String {
        var writer = CSVWriter(header: ["file", "line", "column", "reason"])
        for p in problems { writer.appendRow([p.file, String(p.line), String(p.column), p.reason]) }
        return writer.text
    }

    /// Writes a dataset atomically after checking it reads back as a valid canonical dataset.
    static func write(_ dataset: Dataset, to out: String, extra: [String: String] = [:], inputs: [String] = []) throws {
        let files = CanonicalDatasetWriter.files(for: dataset)
        let descriptorText = files[DataPackageDescriptor.fileName] ?? ""
        let (descriptor, problems) = DataPackageDescriptor.parse(Data(descriptorText.utf8), file: out)
        guard problems.isEmpty, let descriptor else { throw InvalidInput(problems) }
        _ = try CanonicalDatasetReader.read(descriptor: descriptor, files: files, location: out)
        try OutputDirectory.write(
            files.merging(extra) { a, _ in a }.mapValues { Data($0.utf8) }, to: URL(fileURLWithPath: out),
            protecting: inputs.map { URL(fileURLWithPath: $0) })
    }
}

struct IngestWideCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wide",
        abstract: "Read a wide table: one row per indicator (and entity), one column per year.",
        discussion: """
            Handles decimal commas, % suffixes, - or empty for missing, (73) for a preliminary \
            value, spaces and non-breaking spaces as thousands separators, U+2212 as minus, \
            semicolon, tab or comma delimiters and UTF-8 (with or without BOM) or Windows-1252, \
            all detected. Columns like "Mål 2023" become targets. An .xlsx workbook is read \
            the same way: numbers stored as numbers or as Swedish text, percent-formatted \
            fractions as percentages, merged cells filled, every sheet with a year header \
            (ids prefixed by the sheet when there are several) or the one --sheet names; \
            problems name their cell (budget.xlsx:Drift!C7). Strict by default; with \
            --lenient the unreadable cells are left out and listed in DIR/rejected.csv.
            """
    )

    @Argument(help: "The wide table: a CSV export or an .xlsx workbook.")
    var input: String

    @Option(name: .long, help: "The entity's name when the table has no entity column.")
    var entity: String = "organisation"

    @Option(name: .long, help: "The sheet of an .xlsx workbook to read (default: every sheet with a year header).")
    var sheet: String?

    @OptionGroup var leniency: LenientOption
    @OptionGroup var output: IngestOutputOptions

    var lenient: Bool { leniency.lenient }
    var out: String { output.out }

    func run() throws {
        guard let data = FileManager.default.contents(atPath: input) else {
            throw InvalidInput([Diagnostic(file: input, reason: "cannot read the file")])
        }
        let name = URL(fileURLWithPath: out).lastPathComponent
        let output = try WideTableReader.read(
            data, file: input, name: name, defaultEntity: entity, sheet: sheet, lenient: lenient)
        for warning in output.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
        var extra: [String: String] = [:]
        if lenient {
            var writer = CSVWriter(header: ["file", "line", "column", "text", "reason"])
            for r in output.rejected {
                let file = r.sheet.map { "\(r.file):\($0)" } ?? r.file
                writer.appendRow([file, String(r.line), String(r.column), r.text ?? "", r.reason])
            }
            extra["rejected.csv"] = writer.text
        }
        try IngestCommand.write(output.dataset, to: out, extra: extra, inputs: [input])
        let rejected = lenient ? ", \(output.rejected.count) rejected cells" : ""
        print(
            "prognos: \(output.dataset.indicators.count) indicators, \(output.dataset.observations.count) observations, \(output.dataset.targets.count) targets\(rejected) → \(out)/"
        )
    }
}

struct IngestKoladaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kolada",
        abstract: "Read Kolada API v2/v3 responses (data and KPI metadata) or tidy Kolada CSV.",
        discussion: """
            Give every page of a paged response as its own file. --catalogue names KPIs from \
            kpi_catalogue.csv, --municipalities names entities from municipalities.csv, --groups \
            makes the comparison groups of municipality_group_members.csv entity groups (a \
            group titled with an entity's name, "Liknande kommuner …, Alingsås, 2024", is that \
            entity's comparison group).
            """
    )

    @Argument(help: "Kolada JSON responses and/or tidy CSV files.")
    var inputs: [String]

    @Option(name: .long, help: "The KPI catalogue (id, title, …).")
    var catalogue: String?

    @Option(name: .long, help: "The municipalities (id, title, type).")
    var municipalities: String?

    @Option(name: .long, help: "Kolada's group members (group_id, group_title, member_id, …): comparison groups.")
    var groups: String?

    @OptionGroup var leniency: LenientOption
    @OptionGroup var output: IngestOutputOptions

    var lenient: Bool { leniency.lenient }
    var out: String { output.out }

    func run() throws {
        var files: [KoladaReader.Input] = []
        for path in inputs {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw InvalidInput([Diagnostic(file: path, reason: "cannot read the file")])
            }
            files.append(KoladaReader.Input(file: path, data: data))
        }
        let catalogueData = try catalogue.map { path -> Data in
            guard let data = FileManager.default.contents(atPath: path) else {
                throw InvalidInput([Diagnostic(file: path, reason: "cannot read the file")])
            }
            return data
        }
        let municipalityData = try municipalities.map { path -> Data in
            guard let data = FileManager.default.contents(atPath: path) else {
                throw InvalidInput([Diagnostic(file: path, reason: "cannot read the file")])
            }
            return data
        }
        let groupInput = try groups.map { path -> KoladaReader.Input in
            guard let data = FileManager.default.contents(atPath: path) else {
                throw InvalidInput([Diagnostic(file: path, reason: "cannot read the file")])
            }
            return KoladaReader.Input(file: path, data: data)
        }
        let output = try KoladaReader.read(
            files, catalogue: catalogueData, municipalities: municipalityData, groups: groupInput,
            name: URL(fileURLWithPath: out).lastPathComponent, lenient: lenient)
        for warning in output.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
        var extra: [String: String] = [:]
        if lenient {
            extra["rejected.csv"] = IngestCommand.rejectedCSV(output.rejected)
        }
        try IngestCommand.write(
            output.dataset, to: out, extra: extra,
            inputs: inputs + [catalogue, municipalities, groups].compactMap { $0 })
        print(
            "prognos: \(output.dataset.entities.count) municipalities, \(output.dataset.indicators.count) KPIs, \(output.dataset.observations.count) values, \(output.dataset.entityGroups.count) groups → \(out)/"
        )
    }
}

struct IngestReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract:
            "Read the text of an annual report (årsbokslut): goals, indicators, staff, budget, forecast checkpoints.",
        discussion: """
            Goal headings (Kommunstyrelsens mål N - …), Bedömning: lines and Indikator: tables \
            (Mål/Utfall/Preliminärt utfall columns) become goals, indicators, targets and \
            outcomes; statistics tables (staff, work injuries, sick leave: a name and year \
            columns) become indicators and outcomes; budget tables (Budget/Bokslut columns) \
            become budget lines with their subtotals; Prognossäkerhet tables become forecast \
            vintages. A cell, row or checkpoint it cannot read is an error with its line \
            (with --lenient it is left out and listed in DIR/rejected.csv); tables of \
            other kinds are skipped with a warning.
            """
    )

    @Argument(help: "The report's text (tab-separated tables).")
    var input: String

    @Option(name: .long, help: "The entity id for the report's goal indicators.")
    var entity: String = "organisation"

    @Option(name: .customLong("budget-entity"), help: "The entity id for the budget tables (default: --entity).")
    var budgetEntity: String?

    @Option(
        name: .customLong("staff-entity"),
        help: "The entity id for the staff and sick-leave tables (default: --entity).")
    var staffEntity: String?

    @OptionGroup var leniency: LenientOption
    @OptionGroup var output: IngestOutputOptions

    var out: String { output.out }

    func run() throws {
        guard let data = FileManager.default.contents(atPath: input) else {
            throw InvalidInput([Diagnostic(file: input, reason: "cannot read the file")])
        }
        let output = try ReportTextReader.read(
            WideTableReader.decode(data), file: input, name: URL(fileURLWithPath: out).lastPathComponent,
            entities: ReportTextReader.Entities(goals: entity, budget: budgetEntity, staff: staffEntity),
            lenient: leniency.lenient)
        for warning in output.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
        var extra: [String: String] = [:]
        if leniency.lenient { extra["rejected.csv"] = IngestCommand.rejectedCSV(output.rejected) }
        try IngestCommand.write(output.dataset, to: out, extra: extra, inputs: [input])
        print(
            "prognos: \(output.dataset.goals.count) goals, \(output.dataset.indicators.count) indicators, \(output.dataset.targets.count) targets, \(output.dataset.observations.count) outcomes, \(output.dataset.budgetLines.count) budget lines, \(output.dataset.forecastVintages.count) forecasts → \(out)/"
        )
    }
}
