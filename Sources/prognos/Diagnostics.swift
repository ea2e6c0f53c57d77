import Foundation
import Prognos

/// Printing problems to standard error.
enum Diagnostics {
    static func print(_ invalid: InvalidInput) {
        var text = invalid.description
        let count = invalid.count
        text +=
            "\n\(count) problem\(count == 1 ? "" : "s") found"
            + (invalid.omitted > 0 ? " (the first \(invalid.diagnostics.count) listed)" : "") + "\n"
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data(("prognos: " + message + "\n").utf8))
    }
}
