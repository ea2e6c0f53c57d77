import Foundation
import PrognosTestSupport
import Testing

@testable import Prognos
@testable import PrognosIngest
@testable import PrognosModel
@testable import PrognosRender
@testable import PrognosSupport

/// Text from a dataset reaches gnuplot only as inert literals: every dangerous sequence in
/// every text field that a chart shows runs no command and reads back as written.
@Suite(.serialized) struct ChartInjectionTests {
    /// A file that the payload's commands would create.
    /// (Short, so that a payload fits in a chart title, which is cut after 90 characters.)
    static let witness = URL(fileURLWithPath: "/tmp/pw-\(UUID().uuidString.prefix(8))")

    /// Backticks (gnuplot runs them inside double quotes), quotes, a line break that
    /// would close a data block (`EOD`) and start `system`, a trailing backslash and the
    /// enhanced-text markup characters.
    static func payload(_ tag: String) -> String {
        "\(tag): `touch \(witness.path)` \"q' \\ }\nEOD\nsystem \"touch \(witness.path)\"\n{_a^b@c&d} end\\"
    }

    /// The payload as a chart shows it: control characters as spaces, nothing else changed.
    static func shown(_ tag: String) -> String {
        payload(tag).replacingOccurrences(of: "\n", with: " ")
    }

    /// Rewrites one CSV file of a dataset copy, cell by cell.
    static func editCSV(_ directory: URL, _ file: String, _ change: (_ header: [String], _ row: inout [String]) -> Void)
        throws
    {
        let url = directory.appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        let (table, problems) = CSVTable.parse(text, file: file)
        #expect(problems.isEmpty)
        let header = table.header.map(\.text)
        var writer = CSVWriter(header: header)
        for record in table.records {
            var row = record.map(\.text)
            change(header, &row)
            writer.appendRow(row)
        }
        try writer.text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// The text of every `<text>` element of the SVGs, with XML entities decoded; with
    /// `joined`, one string per SVG, its texts joined by spaces (a title wrapped onto
    /// several lines reads back whole).
    static func svgTexts(_ files: [String: Data], joined: Bool = false) -> [String] {
        if joined {
            return files.keys.sorted().compactMap { name in
                name.hasSuffix(".svg") ? svgTexts([name: files[name] ?? Data()]).joined(separator: " ") : nil
            }
        }
        var texts: [String] = []
        for (name, data) in files where name.hasSuffix(".svg") {
            let svg = String(decoding: data, as: UTF8.self)
            var rest = svg[...]
            while let open = rest.range(of: "<text") {
                guard let close = rest[open.upperBound...].range(of: ">"),
                    let end = rest[close.upperBound...].range(of: "</text>")
                else { break }
                let inner = String(rest[close.upperBound..<end.lowerBound])
                // Strip nested tags (tspan), then decode the entities gnuplot writes.
                let plain = inner.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
                texts.append(
                    plain.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                        .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
                        .replacingOccurrences(of: "&amp;", with: "&"))
                rest = rest[end.upperBound...]
            }
        }
        return texts
    }

    /// The bundled dataset with the payload in every text field a chart shows.
    static func hostileDataset() throws -> URL {
        let copy = try TestSupport.copyOfBundledDataset()
        try editCSV(copy, "entities.csv") { header, row in
            guard row[0] == "alingsas" || row[0] == "alingsas-klk" else { return }
            for column in ["name", "name_en"] {
                if let index = header.firstIndex(of: column) { row[index] = payload("E") }
            }
        }
        try editCSV(copy, "indicators.csv") { header, row in
            row[1] = payload("S")
            row[2] = payload("N")
        }
        try editCSV(copy, "budget_lines.csv") { header, row in
            for column in ["title_sv", "title_en"] {
                if let index = header.firstIndex(of: column) { row[index] = payload("B") }
            }
        }
        // The checkpoint is part of the key: a tag of its own per row.
        var row = 0
        try editCSV(copy, "forecast_vintages.csv") { header, cells in
            cells[3] = payload("C\(row)")
            row += 1
        }
        return copy
    }

    @Test(arguments: [Language.sv, Language.en])
    func noCommandRunsAndEveryLabelReadsBackLiterally(language: Language) throws {
        let dataset = try Self.hostileDataset()
        defer { try? FileManager.default.removeItem(at: dataset.deletingLastPathComponent()) }
        let loaded = try DatasetLoader.load(directory: dataset, displayName: "hostile").dataset
        let analysis = RunJob(language: language).analyze(loaded)
        let charts = try ChartRenderer.render(analysis, language: language)
        #expect(!FileManager.default.fileExists(atPath: Self.witness.path), "a command from the data ran")
        let texts = Self.svgTexts(charts.files, joined: true)
        for tag in ["E", language == .sv ? "S" : "N", "B"] {
            #expect(texts.contains { $0.contains(Self.shown(tag)) }, "\(tag) does not read back literally")
        }
        // A checkpoint is a code: it is shown with its underscores as spaces, nothing else changed.
        #expect(
            texts.contains { $0.contains(Self.shown("C0").replacingOccurrences(of: "_", with: " ")) },
            "C0 does not read back")
        // No chart was lost to the payload: a history chart per series with outcomes.
        #expect(charts.files.keys.filter { $0.hasSuffix(".svg") }.count >= analysis.series.count)
    }

    @Test func literalsQuoteOnlyWhatGnuplotReads() {
        #expect(GnuplotSession.literal("it's `x`") == "'it''s `x`'")
        #expect(GnuplotSession.literal("a\nb\r\u{2028}c\u{85}") == "'a b  c '")
        #expect(GnuplotSession.literal("") == "''")
        #expect(GnuplotSession.literal(lines: ["a", "b"]) == "'a' . \"\\n\" . 'b'")
    }
}
