import ArgumentParser
import Foundation
import Prognos

struct FetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Fetch data from where it lives into a canonical dataset.",
        subcommands: [FetchKoladaCommand.self]
    )
}

struct FetchKoladaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kolada",
        abstract: "Fetch KPI values from the Kolada API v3 into a canonical dataset.",
        discussion: """
            Asks for the KPIs' titles, the municipalities' names and the values of every \
            KPI × municipality (× year), at most 25 ids per path segment, following every \
            next page. Answers of 429 and 5xx, dropped connections and cut bodies are \
            retried with backoff (Retry-After honoured); a request that fails for good is \
            named and nothing is written. With --cache every raw answer is kept, and a \
            rerun uses them without the network; `prognos ingest kolada DIR/*.json` reads \
            them into the same dataset. datapackage.json names the API and the fetch date.
            """
    )

    @Option(name: .long, help: "KPI ids, comma-separated (N00090,U07451).")
    var kpi: String

    @Option(name: .long, help: "Municipality ids, comma-separated, with their leading zeros (1489,0180).")
    var municipality: String?

    @Option(name: .long, help: "A municipality group id (G…) whose members are the municipalities.")
    var group: String?

    @Option(name: .long, help: "Years, Y1-Y2 or one year (default: every year the API has).")
    var years: String?

    @Flag(
        name: .customLong("with-groups"), help: "Add each municipality's comparison groups and their members' series.")
    var withGroups = false

    @Option(name: .customLong("base-url"), help: "The API's address.")
    var baseURL: String = KoladaFetch.defaultBaseURL

    @Option(name: .long, help: "Keep the raw answers here, and use those already kept.")
    var cache: String?

    @Flag(name: .long, help: "With --cache: fetch again what is cached, and update the cache.")
    var refresh = false

    @Option(name: .long, help: "Seconds a request may take.")
    var timeout: Double = 30

    @Option(name: .long, help: "Attempts per request before it counts as failed (429, 5xx, dropped or cut answers).")
    var attempts: Int = 5

    @OptionGroup var leniency: LenientOption
    @OptionGroup var output: IngestOutputOptions

    func validate() throws {
        guard (municipality == nil) != (group == nil) else {
            throw ValidationError("give --municipality or --group, one of them")
        }
        guard !Self.list(kpi).isEmpty else { throw ValidationError("--kpi names no KPI") }
        if let years, Self.span(years) == nil {
            throw ValidationError("--years must be Y1-Y2 or one year, e.g. 2018-2025, not \(years)")
        }
        guard timeout > 0 else { throw ValidationError("--timeout must be above 0") }
        guard (1...20).contains(attempts) else { throw ValidationError("--attempts must be 1 to 20") }
    }

    func run() throws {
        let request = KoladaFetch.Request(
            kpis: Self.list(kpi), municipalities: Self.list(municipality ?? ""), group: group,
            years: years.flatMap(Self.span), withGroups: withGroups, baseURL: baseURL)
        let fetcher = HTTPFetcher(
            settings: HTTPFetcher.Settings(timeout: timeout, attempts: attempts),
            cache: try cache.map { try ResponseCache(directory: URL(fileURLWithPath: $0)) }, refresh: refresh)
        let reading: DatasetReading
        do {
            reading = try KoladaFetch.fetch(
                request, with: fetcher, name: URL(fileURLWithPath: output.out).lastPathComponent,
                lenient: leniency.lenient)
        } catch let failure as FetchError {
            throw InvalidInput([Diagnostic(file: failure.url, reason: failure.reason)])
        }
        for warning in reading.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
        var extra: [String: String] = [:]
        if leniency.lenient { extra["rejected.csv"] = IngestCommand.rejectedCSV(reading.rejected) }
        try IngestCommand.write(reading.dataset, to: output.out, extra: extra, inputs: cache.map { [$0] } ?? [])
        let dataset = reading.dataset
        print(
            "prognos: \(dataset.entities.count) municipalities, \(dataset.indicators.count) KPIs, \(dataset.observations.count) values, \(dataset.entityGroups.count) groups → \(output.out)/"
        )
    }

    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func span(_ text: String) -> ClosedRange<Int>? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        switch parts.count {
        case 1: return parts[0].flatMap { (1000...9999).contains($0) ? $0...$0 : nil }
        case 2:
            guard let first = parts[0], let last = parts[1], (1000...9999).contains(first), first <= last, last <= 9999
            else { return nil }
            return first...last
        default: return nil
        }
    }
}
