import Foundation
import PrognosAnalysis
import PrognosIngest
import PrognosModel
import PrognosSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Prognos's own next-year forecasts, kept between runs (`prognos run --archive DIR`), so
/// that a later run can say how accurate Prognos has been on this organisation's series
/// (``ArchiveAccuracy``).
///
/// The store is one CSV file, `DIR/forecasts.csv` (``columns``), guarded by an advisory
/// lock on `DIR/forecasts.lock` (`flock`): a run reads under a shared lock and records
/// under an exclusive one, reading the file again, adding the forecasts whose key it does
/// not hold yet (``ArchivedForecast/key``: a rerun on the same data adds nothing), and
/// replacing the file by a complete new one (written beside it, flushed, renamed). So
/// concurrent runs neither corrupt the file nor duplicate a forecast, and a run stopped
/// midway leaves the file as it was.
///
/// Why CSV and not SQLite: a few thousand rows a year per organisation, read whole by each
/// run; a text file any spreadsheet, `pandas` or `sqlite3 .import` opens, diffable, with
/// no new dependency. A run of a whole country (a million series a year) would rewrite a
/// file of about 150 MB per run; there a database is the better store (the issue "A whole
/// country's indicators in half a minute").
///
/// Edge cases: a missing directory is created; a row that cannot be read is an error
/// naming the file, line and column (the file is Prognos's, but people may edit it);
/// forecasts of other datasets (by name) stay in the file and are not read.
public struct ForecastArchive: Sendable {
    public let directory: URL
    public static let fileName = "forecasts.csv"
    public static let columns = [
        "made", "dataset", "entity_id", "indicator_id", "gender", "last_year", "year", "method", "median", "lower80",
        "upper80", "lower95", "upper95", "target", "comparator", "p_target_met", "uncertainty_source",
    ]

    public init(directory: URL) throws {
        self.directory = directory
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    var file: URL { directory.appendingPathComponent(Self.fileName) }

    /// The archived forecasts of `dataset`.
    public func forecasts(dataset: String) throws -> [ArchivedForecast] {
        try locked(LOCK_SH) { try readAll() }.filter { $0.dataset == dataset }
    }

    /// Adds the forecasts whose key the archive does not hold; returns how many it added.
    @discardableResult
    public func record(_ forecasts: [ArchivedForecast]) throws -> Int {
        try locked(LOCK_EX) {
            let existing = try readAll()
            var keys = Set(existing.map(\.key))
            let added = forecasts.filter { keys.insert($0.key).inserted }
            guard !added.isEmpty else { return 0 }
            var writer = CSVWriter(header: Self.columns)
            for forecast in existing + added { writer.appendRow(Self.fields(forecast)) }
            let temporary = directory.appendingPathComponent(".\(Self.fileName).\(UUID().uuidString.prefix(8)).tmp")
            guard FileManager.default.createFile(atPath: temporary.path, contents: Data(writer.text.utf8)) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary.path])
            }
            let descriptor = open(temporary.path, O_RDONLY)
            if descriptor >= 0 {
                fsync(descriptor)
                close(descriptor)
            }
            guard rename(temporary.path, file.path) == 0 else {
                try? FileManager.default.removeItem(at: temporary)
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.path])
            }
            return added.count
        }
    }

    private func locked<Value>(_ mode: Int32, _ body: () throws -> Value) throws -> Value {
        let lockPath = directory.appendingPathComponent("forecasts.lock").path
        let descriptor = open(lockPath, O_RDWR | O_CREAT, 0o644)
        guard descriptor >= 0 else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: lockPath])
        }
        defer { close(descriptor) }
        while flock(descriptor, mode) != 0 {
            guard errno == EINTR else { throw CocoaError(.fileLocking, userInfo: [NSFilePathErrorKey: lockPath]) }
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }

    private func readAll() throws -> [ArchivedForecast] {
        guard let data = FileManager.default.contents(atPath: file.path) else { return [] }
        let name = file.path
        let (table, problems) = CSVTable.parse(String(decoding: data, as: UTF8.self), file: name)
        if !problems.isEmpty { throw InvalidInput(problems) }
        guard table.header.map(\.text) == Self.columns else {
            throw InvalidInput([
                Diagnostic(
                    file: name, line: 1, column: 1,
                    reason: "not a Prognos forecast archive (its header is not \(Self.columns.joined(separator: ",")))")
            ])
        }
        var result: [ArchivedForecast] = []
        var diagnostics: [Diagnostic] = []
        for record in table.records {
            guard record.count == Self.columns.count, let forecast = Self.forecast(record) else {
                let line = record.first?.line ?? 0
                diagnostics.append(Diagnostic(file: name, line: line, column: 1, reason: "not a readable forecast row"))
                continue
            }
            result.append(forecast)
        }
        if !diagnostics.isEmpty { throw InvalidInput(diagnostics) }
        return result
    }

    static func fields(_ f: ArchivedForecast) -> [String] {
        let number = NumberFormatting.exact as (Double) -> String
        // A text starting with ' gets another, so that reading drops exactly one whether
        // CSVWriter added it (a formula-like text) or this did.
        func text(_ value: String) -> String { value.hasPrefix("'") ? "'" + value : value }
        return [
            text(f.made), text(f.dataset), text(f.entityID), text(f.indicatorID), f.gender.rawValue,
            String(f.lastYear), String(f.year), text(f.method), number(f.median), number(f.interval80.lower),
            number(f.interval80.upper), number(f.interval95.lower), number(f.interval95.upper),
            f.target.map(number) ?? "", f.comparator?.rawValue ?? "", f.probability.map(number) ?? "", text(f.basis),
        ]
    }

    static func forecast(_ record: [CSVField]) -> ArchivedForecast? {
        // Text cells that began with =, +, -, @, a tab, a CR or ' were written with one more
        // ' in front (``fields(_:)``, ``CSVWriter/neutralized(_:)``); read back as they were.
        let text = record.map { field in
            field.text.hasPrefix("'") ? String(field.text.dropFirst()) : field.text
        }
        func number(_ index: Int) -> Double? { Double(text[index]) }
        guard let gender = Gender(rawValue: text[4]), let lastYear = Int(text[5]), let year = Int(text[6]),
            let median = number(8), let l80 = number(9), let u80 = number(10), let l95 = number(11),
            let u95 = number(12)
        else { return nil }
        return ArchivedForecast(
            made: text[0], dataset: text[1], entityID: text[2], indicatorID: text[3], gender: gender,
            lastYear: lastYear, year: year, method: text[7], median: median, interval80: (l80, u80),
            interval95: (l95, u95), target: number(13), comparator: TargetComparator(rawValue: text[14]),
            probability: number(15), basis: text[16])
    }
}
