import Foundation
import PrognosSupport
import ZIPFoundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// An .xlsx workbook's sheets as grids of the texts a CSV export of them would hold, so
/// that ``WideTableReader`` reads a workbook exactly as it reads the export.
///
/// The container is read with ZIPFoundation and each part's XML with Foundation's
/// `XMLParser` (Office Open XML, ECMA-376 part 1, §18): `xl/workbook.xml` (the sheets'
/// names, in order) and its relationships (each sheet's part), `xl/sharedStrings.xml`,
/// `xl/styles.xml` (each cell style's number format) and each sheet's cells and merged
/// ranges.
///
/// A cell's text:
/// - a shared string (`t="s"`), an inline string (`t="inlineStr"`) or a formula's string
///   (`t="str"`): as stored, rich-text runs joined;
/// - a number: 15 significant digits, shortest form (as Excel shows and exports it); with a
///   percent format (built-in 9 and 10, or a custom format with `%`), the number × 100
///   followed by `%`, so that 0,73 shown as 73 % reads as 73 in a percent indicator;
/// - a Boolean: `TRUE` or `FALSE`; an error (`#N/A`): as stored;
/// - every cell of a merged range: the text of its top-left cell.
///
/// Edge cases: a workbook part larger than ``partLimit`` bytes unpacked, an archive that
/// is not ZIP, a missing workbook part, a part that is not UTF-8 and XML that does not
/// parse are errors naming the file and the part; a sheet's part that is missing is an
/// error naming the sheet.
public struct XLSXWorkbook: Sendable {
    public struct Sheet: Sendable {
        public var name: String
        /// Row number → column number → text (both from 1), non-empty cells only.
        public var cells: [Int: [Int: String]]
    }

    public var sheets: [Sheet]

    /// The most bytes one part may unpack to (a defence against ZIP bombs).
    public static let partLimit = 256 << 20

    public static func read(_ data: Data, file: String) throws(InvalidInput) -> XLSXWorkbook {
        func fail(_ reason: String) -> InvalidInput { InvalidInput([Diagnostic(file: file, reason: reason)]) }
        // From a file, not from memory: ZIPFoundation's in-memory archive traps on some
        // damaged archives (a read past the end makes an invalid range), its file-backed one
        // reports them.
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent(
                "prognos-xlsx-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).zip")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let archive: Archive
        do {
            try data.write(to: scratch)
            archive = try Archive(url: scratch, accessMode: .read)
        } catch {
            throw fail("not an .xlsx workbook (not a ZIP archive)")
        }
        func part(_ path: String) throws(InvalidInput) -> Data? {
            guard let entry = archive[path] else { return nil }
            var bytes = Data()
            do {
                _ = try archive.extract(entry) { chunk in
                    bytes.append(chunk)
                    if bytes.count > partLimit { throw CocoaError(.fileReadTooLarge) }
                }
            } catch {
                throw fail("the part \(path) cannot be unpacked (damaged, or larger than \(partLimit >> 20) MB)")
            }
            return bytes
        }
        func parse(_ path: String, _ handler: any XMLParserDelegate) throws(InvalidInput) {
            guard let bytes = try part(path) else { return }
            // Foundation's XMLParser on Linux traps on a name that is not valid UTF-8 (which
            // libxml2 passes on); workbook parts are UTF-8, so anything else is refused first.
            guard String(validating: bytes, as: UTF8.self) != nil else {
                throw fail("the part \(path) is not valid UTF-8")
            }
            let parser = XMLParser(data: bytes)
            parser.shouldResolveExternalEntities = false
            parser.delegate = handler
            // On Linux parse() can return true for a document cut short; parserError tells.
            guard parser.parse(), parser.parserError == nil else {
                throw fail("the part \(path) is not well-formed XML (line \(parser.lineNumber))")
            }
        }
        guard archive["xl/workbook.xml"] != nil else { throw fail("not an .xlsx workbook (no xl/workbook.xml)") }
        let workbook = WorkbookHandler()
        try parse("xl/workbook.xml", workbook)
        let relations = RelationshipsHandler()
        try parse("xl/_rels/workbook.xml.rels", relations)
        let strings = SharedStringsHandler()
        try parse("xl/sharedStrings.xml", strings)
        let styles = StylesHandler()
        try parse("xl/styles.xml", styles)
        var sheets: [Sheet] = []
        for (name, relation) in workbook.sheets {
            guard let target = relations.targets[relation] else {
                throw fail("sheet \"\(name)\" has no part (relationship \(relation) is missing)")
            }
            let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            guard archive[path] != nil else { throw fail("sheet \"\(name)\": its part \(path) is missing") }
            let sheet = SheetHandler(strings: strings.strings, percentStyles: styles.percentStyles)
            try parse(path, sheet)
            if sheet.outOfRange {
                throw InvalidInput([
                    Diagnostic(file: file, reason: "a row or cell reference is outside a sheet's limits", sheet: name)
                ])
            }
            guard let cells = sheet.filledMerges() else {
                throw InvalidInput([
                    Diagnostic(
                        file: file,
                        reason: "its merged ranges cover more than \(SheetHandler.mergedCellLimit) cells", sheet: name)
                ])
            }
            sheets.append(Sheet(name: name, cells: cells))
        }
        return XLSXWorkbook(sheets: sheets)
    }
}

// One delegate class per part. Each conforms to XMLParserDelegate itself: on Linux the
// protocol's methods have default implementations in an extension, which a subclass's
// methods would not replace. Elements are matched by their local names, so that a
// workbook written with a namespace prefix (`<x:row>`, as the OpenXML SDK writes) reads
// the same.

/// `x:row` → `row`.
private func localName(_ element: String) -> Substring {
    element.split(separator: ":").last ?? Substring(element)
}

/// `xl/workbook.xml`: the sheets' names and relationship ids, in order.
private final class WorkbookHandler: NSObject, XMLParserDelegate {
    var sheets: [(name: String, relation: String)] = []

    func parser(
        _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        guard localName(element) == "sheet", let name = attributes["name"] else { return }
        let relation = attributes.first { $0.key == "r:id" || $0.key.hasSuffix(":id") }?.value ?? ""
        sheets.append((name, relation))
    }
}

/// `xl/_rels/workbook.xml.rels`: relationship id → part path.
private final class RelationshipsHandler: NSObject, XMLParserDelegate {
    var targets: [String: String] = [:]

    func parser(
        _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        guard localName(element) == "Relationship", let id = attributes["Id"], let target = attributes["Target"]
        else { return }
        targets[id] = target
    }
}

/// `xl/sharedStrings.xml`: each `<si>`'s text, its runs joined, phonetic hints left out.
private final class SharedStringsHandler: NSObject, XMLParserDelegate {
    var strings: [String] = []
    private var current = ""
    private var inText = false
    private var inPhonetic = false

    func parser(
        _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch localName(element) {
        case "si": current = ""
        case "t": inText = !inPhonetic
        case "rPh": inPhonetic = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        switch localName(element) {
        case "si": strings.append(current)
        case "t": inText = false
        case "rPh": inPhonetic = false
        default: break
        }
    }
}

/// `xl/styles.xml`: which cell styles (`<cellXfs>` positions) show numbers as percentages.
private final class StylesHandler: NSObject, XMLParserDelegate {
    private var percentFormats: Set<String> = ["9", "10"]
    private var inCellFormats = false
    private var position = 0
    var percentStyles: Set<Int> = []

    func parser(
        _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch localName(element) {
        case "numFmt":
            if let id = attributes["numFmtId"], let code = attributes["formatCode"], Self.isPercent(code) {
                percentFormats.insert(id)
            }
        case "cellXfs":
            inCellFormats = true
            position = 0
        case "xf" where inCellFormats:
            if let id = attributes["numFmtId"], percentFormats.contains(id) { percentStyles.insert(position) }
            position += 1
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        if localName(element) == "cellXfs" { inCellFormats = false }
    }

    /// A `%` outside quoted text and brackets (`0.0%`, not `"%"` or `[Red]`).
    static func isPercent(_ code: String) -> Bool {
        var quoted = false
        var bracket = false
        var escaped = false
        for character in code {
            if escaped {
                escaped = false
                continue
            }
            switch character {
            case "\\": escaped = true
            case "\"": quoted.toggle()
            case "[" where !quoted: bracket = true
            case "]" where !quoted: bracket = false
            case "%" where !quoted && !bracket: return true
            default: break
            }
        }
        return false
    }
}

/// One sheet's cells and merged ranges.
private final class SheetHandler: NSObject, XMLParserDelegate {
    let strings: [String]
    let percentStyles: Set<Int>
    var cells: [Int: [Int: String]] = [:]
    var merges: [(top: Int, left: Int, bottom: Int, right: Int)] = []
    /// A row or cell reference outside a sheet's limits was seen.
    var outOfRange = false
    static let rowLimit = 1_048_576
    static let columnLimit = 16_384
    /// The most cells merged ranges may fill, all ranges together.
    static let mergedCellLimit = 1_000_000
    private var row = 0
    private var column = 0
    private var type = "n"
    private var style = 0
    private var value = ""
    private var inline = ""
    private var inValue = false
    private var inInlineText = false

    init(strings: [String], percentStyles: Set<Int>) {
        self.strings = strings
        self.percentStyles = percentStyles
    }

    func parser(
        _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch localName(element) {
        case "row":
            // Rows and columns are kept within a sheet's limits (1 048 576 × 16 384);
            // a cell beyond them is left out and the sheet reported (``outOfRange``).
            let next = attributes["r"].flatMap(Int.init) ?? row + 1
            guard (1...Self.rowLimit).contains(next) else {
                outOfRange = true
                row = Self.rowLimit
                return
            }
            row = next
            column = 0
        case "c":
            if let reference = attributes["r"], let (referenceColumn, referenceRow) = Self.cell(reference) {
                column = referenceColumn
                row = referenceRow
            } else if attributes["r"] != nil || column >= Self.columnLimit {
                outOfRange = true
            } else {
                column += 1
            }
            type = attributes["t"] ?? "n"
            style = attributes["s"].flatMap(Int.init) ?? 0
            value = ""
            inline = ""
        case "v": inValue = true
        case "t": inInlineText = true
        case "mergeCell":
            let corners = (attributes["ref"] ?? "").split(separator: ":").compactMap { Self.cell(String($0)) }
            if corners.count == 2 {
                merges.append((corners[0].row, corners[0].column, corners[1].row, corners[1].column))
            }
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inValue { value += string } else if inInlineText { inline += string }
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        switch localName(element) {
        case "v": inValue = false
        case "t": inInlineText = false
        case "c":
            let text = self.text()
            if !text.isEmpty { cells[row, default: [:]][column] = text }
        default: break
        }
    }

    private func text() -> String {
        switch type {
        case "s": return Int(value).flatMap { strings.indices.contains($0) ? strings[$0] : nil } ?? ""
        case "inlineStr": return inline
        case "str", "e": return value
        case "b": return value == "1" ? "TRUE" : value == "0" ? "FALSE" : value
        default:
            // Not a finite number (text, "nan", "inf", or too large as a percentage): the
            // stored text, which the reader then reports.
            guard let number = Double(value), number.isFinite else { return value }
            if percentStyles.contains(style) {
                guard (number * 100).isFinite else { return value }
                return NumberFormatting.plain(number * 100) + "%"
            }
            return NumberFormatting.plain(number)
        }
    }

    /// The cells with every merged range filled from its top-left cell, within the rows
    /// and columns that hold a cell (a range over a whole column fills only those).
    func filledMerges() -> [Int: [Int: String]]? {
        var filled = cells
        var budget = Self.mergedCellLimit
        let lastRow = cells.keys.max() ?? 0
        let lastColumn = cells.values.compactMap { $0.keys.max() }.max() ?? 0
        for merge in merges {
            guard let text = cells[merge.top]?[merge.left] else { continue }
            for row in merge.top...max(merge.top, min(merge.bottom, lastRow))
            where cells[row] != nil || row == merge.top {
                let span = max(merge.left, min(merge.right, lastColumn)) - merge.left + 1
                budget -= span
                guard budget >= 0 else { return nil }
                for column in merge.left...max(merge.left, min(merge.right, lastColumn)) {
                    filled[row, default: [:]][column] = text
                }
            }
        }
        return filled
    }

    /// `C7` → (column 3, row 7).
    static func cell(_ reference: String) -> (column: Int, row: Int)? {
        var column = 0
        var digits = ""
        for character in reference.uppercased() {
            if let ascii = character.asciiValue, (65...90).contains(ascii), digits.isEmpty {
                column = column * 26 + Int(ascii - 64)
                guard column <= 16_384 else { return nil }
            } else if character.isASCII, character.isNumber {
                digits.append(character)
            } else {
                return nil
            }
        }
        guard column > 0, let row = Int(digits), row > 0, row <= 1_048_576 else { return nil }
        return (column, row)
    }
}
