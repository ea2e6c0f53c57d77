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

    public init(file: String, line: Int = 0, column: Int = 0, reason: String) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
    }

    public var description: String {
        line > 0 ? "\(file):\(line):\(column): \(reason)" : "\(file): \(reason)"
    }
}

/// Input that cannot be used, with every problem found in it.
public struct InvalidInput: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
