import Foundation
import PrognosTestSupport
import Testing

@testable import Prognos
@testable import PrognosModel
@testable import PrognosRender

/// The rendered report: charts written, report.html self-contained, and a look at it in
/// headless Chromium (Debian's `chromium`, installed by `make test`).
@Suite(.serialized) struct ReportRenderingTests {
    static func run(language: Language) throws -> URL {
        let root = try TestSupport.temporaryDirectory()
        let output = root.appendingPathComponent("out")
        _ = try RunJob(language: language).run(
            directory: TestSupport.bundledDatasetDirectory, displayName: "x", output: output)
        return output
    }

    /// Every chart the HTML and Markdown reports reference exists; the HTML needs no network.
    func checkReferences(_ output: URL) throws {
        let html = try String(contentsOf: output.appendingPathComponent("report.html"), encoding: .utf8)
        let markdown = try String(contentsOf: output.appendingPathComponent("report.md"), encoding: .utf8)
        var references: [String] = []
        for piece in html.components(separatedBy: "data-chart=\"").dropFirst() {
            references.append(String(piece.prefix { $0 != "\"" }))
        }
        for piece in markdown.components(separatedBy: "](charts/").dropFirst() {
            references.append("charts/" + String(piece.prefix { $0 != ")" }))
        }
        #expect(references.count > 20)
        for reference in references {
            #expect(
                FileManager.default.fileExists(atPath: output.appendingPathComponent(reference).path), "\(reference)")
            let png = output.appendingPathComponent(reference.replacingOccurrences(of: ".svg", with: ".png"))
            #expect(FileManager.default.fileExists(atPath: png.path), "\(png.lastPathComponent)")
        }
        #expect(html.contains("<svg"))
        // Both reports carry the run's own calibration check, the same rows.
        let calibrationRow =
            html.contains("Hur väl sannolikheterna har stämt") || html.contains("How well the probabilities held")
        #expect(calibrationRow && markdown.contains("| Brier | ECE |"))
        #expect(html.contains("<th class=\"n\">Brier</th><th class=\"n\">ECE</th>"))
        try sameTables(markdown: markdown, html: html)
        #expect(!html.contains("http://") || !html.contains("src=\"http"))
        #expect(!html.contains("<script src"))
        #expect(!html.contains("<link"))
    }

    /// report.md and report.html render one document: the same tables, cell by cell (a
    /// signal's emoji in Markdown is its badge's colour in HTML).
    func sameTables(markdown: String, html: String) throws {
        var markdownTables: [[String]] = []
        var current: [String]? = nil
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("|---") { continue }
            guard line.hasPrefix("| ") else {
                if let table = current { markdownTables.append(table) }
                current = nil
                continue
            }
            var cells = line.dropFirst(2).dropLast(2).components(separatedBy: " | ")
            cells = cells.map { cell in
                var text = cell.replacingOccurrences(of: "\\", with: "")
                for signal in Signal.allCases where text.hasPrefix(signal.emoji + " ") {
                    text = String(text.dropFirst(signal.emoji.count + 1))
                }
                return text.replacingOccurrences(of: "**", with: "")
            }
            current = (current ?? []) + cells
        }
        if let table = current { markdownTables.append(table) }
        let htmlTables = html.components(separatedBy: "<table>").dropFirst().map { table in
            let body = table.components(separatedBy: "</table>")[0]
            return body.components(separatedBy: "<t").dropFirst().compactMap { piece -> String? in
                guard ["d>", "d ", "h>", "h "].contains(where: { piece.hasPrefix($0) }) else { return nil }
                guard let start = piece.firstIndex(of: ">") else { return nil }
                let inner = piece[piece.index(after: start)...].components(separatedBy: "</t")[0]
                let text = inner.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
                return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                    .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
            }
        }
        #expect(markdownTables.count == htmlTables.count)
        #expect(markdownTables.count >= 8)
        for (a, b) in zip(markdownTables, htmlTables) { #expect(a == b) }
    }

    /// Chromium renders the page to a PNG; a blank page compresses to a few kilobytes,
    /// a page of tables and charts to far more.
    func screenshot(_ output: URL) throws {
        let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
        let binary = try #require(chromium, "headless Chromium is needed: `make test` installs Debian's chromium")
        let shot = output.deletingLastPathComponent().appendingPathComponent("screenshot.png")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1000,3000",
            "--screenshot=\(shot.path)", output.appendingPathComponent("report.html").absoluteString,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let data = try Data(contentsOf: shot)
        #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(data.count > 60_000, "screenshot of \(data.count) bytes looks blank")
    }

    @Test func swedishReport() throws {
        let output = try Self.run(language: .sv)
        defer { try? FileManager.default.removeItem(at: output.deletingLastPathComponent()) }
        try checkReferences(output)
        let html = try String(contentsOf: output.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("lang=\"sv\""))
        #expect(html.contains("Helt uppfyllt"))
        try screenshot(output)
    }

    @Test func englishReport() throws {
        let output = try Self.run(language: .en)
        defer { try? FileManager.default.removeItem(at: output.deletingLastPathComponent()) }
        try checkReferences(output)
        let html = try String(contentsOf: output.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("lang=\"en\""))
        #expect(html.contains("Fully met"))
        try screenshot(output)
    }

    @Test func gnuplotWarningsAreReturnedAndAMissingChartNamesIt() throws {
        let session = try GnuplotSession()
        defer { session.close() }
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent(
            "prognos-missing-\(UUID().uuidString).svg")
        do {
            try session.render("plot sin(x) with nonsense", chart: "broken.svg", output: missing.path)
            Issue.record("a chart with no file must fail")
        } catch {
            #expect(error.description.contains("broken.svg"))
        }
        // The session goes on after an error; a warning (an empty x range) does not fail a chart.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("prognos-ok-\(UUID().uuidString).svg")
        defer { try? FileManager.default.removeItem(at: file) }
        let warnings = try session.render(
            "set terminal svg\nset output \(GnuplotSession.literal(file.path))\nset title 'åäö − ≥'\n$d << EOD\n1 2\nEOD\nplot $d",
            chart: "ok.svg", output: file.path)
        #expect(warnings.contains { $0.contains("empty x range") })
        let svg = try String(contentsOf: file, encoding: .utf8)
        #expect(svg.contains("åäö"))
    }
}

@Suite struct GnuplotStartTests {
    @Test func aMissingGnuplotIsAClearError() {
        do {
            _ = try GnuplotSession(executable: "/nonexistent/gnuplot")
            Issue.record("expected a failure")
        } catch {
            #expect(error.description.contains("cannot start gnuplot at /nonexistent/gnuplot"))
        }
    }
}
