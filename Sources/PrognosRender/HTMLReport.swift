import Foundation
import PrognosAnalysis
import PrognosModel

/// `report.html`: the run for people, self-contained (inline SVG and CSS, no network),
/// readable on a phone and printable. It renders the same ``ReportDocument`` as
/// `report.md`: every heading, paragraph and table of it, and its charts inline.
public enum HTMLReport {
    public static func render(
        _ analysis: RunAnalysis, svg: [String: String], language: Language, sample: SeriesSample? = nil
    ) -> String {
        let charted = ChartedSeries(
            dataset: analysis.dataset, sample: sample, forecastComparisons: analysis.forecastComparisons)
        return render(ReportDocument(analysis, language: language, charted: charted.contains), svg: svg)
    }

    /// - Parameter svg: each drawn chart's SVG text by its base name (``ChartNames``); a
    ///   figure without one is left out.
    public static func render(_ document: ReportDocument, svg: [String: String]) -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="\(document.language.rawValue)"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(document.title))</title>
            <style>
            body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;margin:0 auto;max-width:980px;padding:1rem;color:#222;line-height:1.4}
            h1{font-size:1.6rem}h2{font-size:1.3rem;border-bottom:1px solid #ccc;padding-bottom:.2rem;margin-top:2rem}h3{font-size:1.1rem}
            table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.92rem}
            th,td{border:1px solid #ddd;padding:.3rem .45rem;text-align:left;vertical-align:top}th.n,td.n{text-align:right}td.n{white-space:nowrap}
            th{background:#f3f3f3}.badge{display:inline-block;padding:.1rem .5rem;border-radius:.8rem;color:#fff;font-weight:bold;white-space:nowrap}
            .green{background:#1a9850}.light_green{background:#91cf60}.yellow{background:#e6ab02}.red{background:#d73027}.grey{background:#808080}
            .charts{display:flex;flex-wrap:wrap;gap:.5rem}.charts figure{margin:0;flex:1 1 420px;min-width:0;max-width:100%}
            svg{max-width:100%;height:auto}.table-wrap{overflow-x:auto;max-width:100%}a{white-space:nowrap}
            @media (max-width:600px){body{padding:.5rem}table,tbody,tr,td{display:block;width:auto}thead{display:none}
            tr{border:1px solid #ddd;margin:0 0 .6rem;padding:.2rem 0}td,td.n{border:0;text-align:left;white-space:normal;padding:.15rem .45rem}
            td[data-label]::before{content:attr(data-label) ": ";font-weight:bold}}
            @media print{body{max-width:none}.charts figure{break-inside:avoid}h2{break-after:avoid}}
            </style></head><body>
            <h1>\(escape(document.title))</h1>

            """
        for block in document.blocks {
            switch block {
            case .heading(let heading):
                let level = max(2, min(6, heading.level))
                let id = heading.anchor.map { " id=\"\(escape($0))\"" } ?? ""
                out += "<h\(level)\(id)>\(escape(heading.text))</h\(level)>\n"
            case .paragraph(let spans):
                out += "<p>" + inline(spans) + "</p>\n"
            case .table(let table):
                out += "<div class=\"table-wrap\"><table>\n<thead><tr>"
                for column in table.columns {
                    out += (column.alignment == .right ? "<th class=\"n\">" : "<th>") + escape(column.title) + "</th>"
                }
                out += "</tr></thead>\n<tbody>\n"
                for row in table.rows {
                    out += "<tr>"
                    // Each cell carries its column's title: on a phone a row is shown as a card
                    // of "title: value" lines instead of a table that scrolls sideways.
                    for (index, cell) in row.enumerated() {
                        let column = index < table.columns.count ? table.columns[index] : nil
                        let label = column.map { " data-label=\"\(escape($0.title))\"" } ?? ""
                        out +=
                            (column?.alignment == .right ? "<td class=\"n\"\(label)>" : "<td\(label)>") + inline(cell)
                            + "</td>"
                    }
                    out += "</tr>\n"
                }
                out += "</tbody></table></div>\n"
            case .figures(let figures):
                let shown = figures.map { figure(svg[$0.chart], $0.chart + ".svg", caption: $0.caption) }
                    .joined()
                if !shown.isEmpty { out += "<div class=\"charts\">\n" + shown + "</div>\n" }
            case .rule:
                out += "<hr>\n"
            }
        }
        return out + "</body></html>\n"
    }

    /// A run of spans as HTML (every piece of text escaped by ``escape(_:)``).
    static func inline(_ spans: [ReportDocument.Span]) -> String {
        spans.map { span in
            switch span {
            case .text(let s): return escape(s)
            case .strong(let s): return "<strong>" + escape(s) + "</strong>"
            case .signal(let signal, let label): return badge(signal, label)
            case .link(let s, let anchor): return "<a href=\"#\(escape(anchor))\">" + escape(s) + "</a>"
            case .code(let s): return "<code>" + escape(s) + "</code>"
            }
        }.joined()
    }

    /// An inline SVG figure, marked with the chart file it comes from.
    static func figure(_ svg: String?, _ file: String, caption: String) -> String {
        guard let svg, let start = svg.range(of: "<svg") else { return "" }
        return
            "<figure data-chart=\"charts/\(escape(file))\" title=\"\(escape(caption))\">\(svg[start.lowerBound...])</figure>\n"
    }

    static func badge(_ signal: Signal, _ label: String) -> String {
        "<span class=\"badge \(signal.rawValue)\">\(escape(label))</span>"
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
