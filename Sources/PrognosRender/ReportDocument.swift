import PrognosModel

/// The human-readable report as one document, independent of its format.
///
/// `report.md` (``MarkdownReport``) and `report.html` (``HTMLReport``) are two renderings
/// of the same document (``ReportDocument/init(_:language:charted:)``), so they carry the
/// same headings, paragraphs, tables and charts and cannot drift apart. The document holds
/// text, never markup: every string in it is inert and each renderer escapes it for its
/// format (``MarkdownReport/cell(_:)``, ``HTMLReport/escape(_:)``).
public struct ReportDocument: Sendable {
    public var language: Language
    /// The page's title (the first heading, and the HTML `<title>`).
    public var title: String
    public var blocks: [Block]

    public enum Block: Sendable {
        case heading(Heading)
        case paragraph([Span])
        case table(Table)
        /// Charts shown side by side (one per line in Markdown).
        case figures([Figure])
        /// The end of the report's body, before its colophon.
        case rule
    }

    public struct Heading: Sendable {
        /// 2 for a section, 3 for a subsection (the title is level 1).
        public var level: Int
        public var text: String
        /// The HTML id a summary row links to, if any.
        public var anchor: String?
    }

    /// A run of inline text.
    public enum Span: Sendable, Equatable {
        case text(String)
        case strong(String)
        /// A status or assessment label in its signal colour (an emoji in Markdown, a
        /// coloured badge in HTML).
        case signal(Signal, String)
        /// Text linking to a heading's anchor in the same report (plain text in Markdown).
        case link(String, anchor: String)
        /// A fixed file or column name of Prognos's own (never text from data).
        case code(String)
    }

    public enum Alignment: Sendable { case left, right }

    public struct Column: Sendable {
        public var title: String
        public var alignment: Alignment

        public static func text(_ title: String) -> Column { Column(title: title, alignment: .left) }
        public static func number(_ title: String) -> Column { Column(title: title, alignment: .right) }
    }

    public struct Table: Sendable {
        public var columns: [Column]
        /// Each row has one cell per column; each cell is a run of spans.
        public var rows: [[[Span]]]
    }

    /// A chart of the run, by its base name under `charts/` (without extension).
    public struct Figure: Sendable {
        public var chart: String
        /// What the chart shows, in words (the Markdown image's alternative text).
        public var caption: String
    }
}

extension ReportDocument.Table {
    /// A table of plain-text cells.
    init(columns: [ReportDocument.Column], textRows: [[String]]) {
        self.init(columns: columns, rows: textRows.map { $0.map { [.text($0)] } })
    }
}
