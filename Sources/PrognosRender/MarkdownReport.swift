import Foundation
import PrognosAnalysis
import PrognosModel

/// `report.md`: the run for people, as Markdown. It renders the same ``ReportDocument`` as
/// `report.html`: headings, paragraphs, pipe tables and the charts as image links under
/// `charts/`. Signal colours are emoji; links to goals are plain text.
public enum MarkdownReport {
    /// - Parameter sample: the series other than the goals' that get their own rows and
    ///   charts (default: all); the tables say how many are left out.
    public static func render(_ analysis: RunAnalysis, language: Language, sample: SeriesSample? = nil) -> String {
        let charted = ChartedSeries(
            dataset: analysis.dataset, sample: sample, forecastComparisons: analysis.forecastComparisons)
        return render(ReportDocument(analysis, language: language, charted: charted.contains))
    }

    public static func render(_ document: ReportDocument) -> String {
        var out = "# " + cell(document.title) + "\n\n"
        for block in document.blocks {
            switch block {
            case .heading(let heading):
                out += String(repeating: "#", count: max(1, min(6, heading.level))) + " " + cell(heading.text) + "\n\n"
            case .paragraph(let spans):
                out += inline(spans) + "\n\n"
            case .table(let table):
                out += "| " + table.columns.map { cell($0.title) }.joined(separator: " | ") + " |\n"
                out += "|" + table.columns.map { $0.alignment == .right ? "---:|" : "---|" }.joined() + "\n"
                for row in table.rows { out += "| " + row.map(inline).joined(separator: " | ") + " |\n" }
                out += "\n"
            case .figures(let figures):
                guard !figures.isEmpty else { continue }
                for figure in figures { out += "![\(cell(figure.caption))](charts/\(figure.chart).svg)\n" }
                out += "\n"
            case .rule:
                out += "---\n\n"
            }
        }
        return out
    }

    /// A run of spans as Markdown inline text (every piece of text escaped by ``cell(_:)``).
    static func inline(_ spans: [ReportDocument.Span]) -> String {
        spans.map { span in
            switch span {
            case .text(let s), .link(let s, _): return cell(s)
            case .strong(let s): return "**" + cell(s) + "**"
            case .signal(let signal, let label): return signal.emoji + " " + cell(label)
            case .code(let s): return "`" + s.filter { $0 != "`" } + "`"
            }
        }.joined()
    }

    static func genderLabel(_ gender: Gender, _ text: ReportText) -> String {
        switch gender {
        case .total: return text.pick("Totalt", "Total")
        case .women: return text.pick("Kvinnor", "Women")
        case .men: return text.pick("Män", "Men")
        }
    }

    /// Text from data as inert Markdown inline text, safe in a table cell or a heading.
    ///
    /// Every character that can open Markdown syntax inside a line gets a backslash
    /// (CommonMark lets any ASCII punctuation be escaped): `\\`, `` ` ``, `*`, `_`, `[`,
    /// `]`, `<`, `>`, `&`, `|`, `~`, so no link, image, raw HTML, entity, emphasis, code
    /// span or cell break comes from data. Line breaks and other control characters become
    /// spaces, so a title cannot end a heading or a table row.
    ///
    /// Edge cases: `#`, `-`, `+` and `1.` start blocks only at the start of a line, and
    /// text from data never stands there, so they stay as they are (`ks-1.1` reads as
    /// written).
    static func cell(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "&", "|", "~":
                out.unicodeScalars.append("\\")
                out.unicodeScalars.append(scalar)
            case _ where scalar.properties.generalCategory == .control, "\u{2028}", "\u{2029}":
                out.unicodeScalars.append(" ")
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
