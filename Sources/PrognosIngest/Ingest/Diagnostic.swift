/// One problem found in an input, with its location: `file:line:column: reason`.
///
/// Lines and columns count from 1; column is the character position where the
/// offending field starts. A problem with a whole file has line and column 0 and
/// prints as `file: reason`.
public struct Diagnostic: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var reason: String
    /// The offending field's text, where the reader keeps it (``WideTableReader``'s
    /// rejected cells); nil otherwise. Not part of ``description``.
    public var text: String?
    /// The sheet of a workbook the problem is in; then ``description`` names the cell as a
    /// spreadsheet does: `budget.xlsx:Drift!C7: reason`.
    public var sheet: String?

    public init(
        file: String, line: Int = 0, column: Int = 0, reason: String, text: String? = nil, sheet: String? = nil
    ) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
        self.text = text
        self.sheet = sheet
    }

    public var description: String {
        if let sheet {
            return line > 0
                ? "\(file):\(sheet)!\(Self.columnLetters(column))\(line): \(reason)" : "\(file):\(sheet): \(reason)"
        }
        return line > 0 ? "\(file):\(line):\(column): \(reason)" : "\(file): \(reason)"
    }

    /// A spreadsheet's column name: 1 → A, 26 → Z, 27 → AA.
    public static func columnLetters(_ column: Int) -> String {
        var number = max(1, column)
        var letters = ""
        while number > 0 {
            let remainder = (number - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + remainder))) + letters
            number = (number - 1) / 26
        }
        return letters
    }
}

/// Input that cannot be used, with the problems found in it.
///
/// The canonical reader keeps the first ``keptLimit`` problems of a dataset and counts
/// the rest in ``omitted``, so that a file of millions of bad rows costs the memory of
/// a thousand messages, not of millions.
public struct InvalidInput: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    /// Problems found but not kept (past ``keptLimit``).
    public var omitted: Int

    /// How many problems a reader keeps; the rest are counted.
    public static let keptLimit = 1000

    public init(_ diagnostics: [Diagnostic], omitted: Int = 0) {
        self.diagnostics = diagnostics
        self.omitted = omitted
    }

    /// Every problem found, kept or not.
    public var count: Int { diagnostics.count + omitted }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
            + (omitted > 0 ? "\n… and \(omitted) more problem\(omitted == 1 ? "" : "s") not listed" : "")
    }

    /// Keeps the first ``keptLimit`` of `list`, adding the number dropped to `omitted`.
    static func trim(_ list: inout [Diagnostic], omitted: inout Int) {
        guard list.count > keptLimit else { return }
        omitted += list.count - keptLimit
        list.removeSubrange(keptLimit...)
    }
}
