import Foundation
import Prognos

/// Printing problems to standard error.
enum Diagnostics {
    static func print(_ invalid: InvalidInput) {
        var text = invalid.diagnostics.map(\.description).joined(separator: "\n")
        let count = invalid.diagnostics.count
        text += "\n\(count) problem\(count == 1 ? "" : "s") found\n"
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data(("prognos: " + message + "\n").utf8))
    }
}
