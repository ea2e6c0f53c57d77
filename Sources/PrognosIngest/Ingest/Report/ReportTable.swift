import Foundation

/// A tab-separated table in a report's text: a header line and the rows under it.
///
/// The table runs from its header to the first line that is blank or holds no tab.
/// Cells are trimmed and stripped of the markup a PDF-to-text export leaves around them
/// (`<i>…</i>`, `<p>…</p>`, `**…**`).
struct ReportTable: Sendable {
    /// The header's cells.
    var header: [String]
    /// The cells of each row under the header.
    var rows: [[String]]
    /// The 0-based line index of the header in the text.
    var headerLine: Int

    /// The 0-based line index of row `index`.
    func line(ofRow index: Int) -> Int { headerLine + 1 + index }

    /// The 0-based index of the table's last line.
    var lastLine: Int { headerLine + rows.count }

    /// The table whose header is `lines[start]`, or nil when that line holds no tab.
    static func read(_ lines: [String], at start: Int) -> ReportTable? {
        guard start < lines.count, lines[start].contains("\t") else { return nil }
        var rows: [[String]] = []
        var index = start + 1
        while index < lines.count, lines[index].contains("\t"),
            !lines[index].trimmingCharacters(in: .whitespaces).isEmpty
        {
            rows.append(cells(lines[index]))
            index += 1
        }
        return ReportTable(header: cells(lines[start]), rows: rows, headerLine: start)
    }

    static func cells(_ line: String) -> [String] {
        line.components(separatedBy: "\t").map(clean)
    }

    /// A cell without markup and surrounding white space.
    static func clean(_ cell: String) -> String {
        var text = cell
        for tag in ["<i>", "</i>", "<p>", "</p>", "<b>", "</b>", "**"] where text.contains(tag) {
            text = text.replacingOccurrences(of: tag, with: "")
        }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// The cell at `column` of `row`, or "" past the row's end.
    static func cell(_ row: [String], _ column: Int) -> String {
        column < row.count ? row[column] : ""
    }
}
