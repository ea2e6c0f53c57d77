import Foundation

/// One long-lived gnuplot process that renders many charts.
///
/// Each chart is a script ending in `set output` back to nothing and a marker line that
/// gnuplot prints to standard error (`print "@@done <n>"`); everything gnuplot writes to
/// standard error before the marker is an error of that chart, reported with its name.
/// A missing gnuplot is an error at start-up. Text is UTF-8 (`set encoding utf8`).
public final class GnuplotSession {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    private let process = Process()
    private let input = Pipe()
    private let errors = Pipe()
    private var buffer = Data()
    private var counter = 0

    /// Starts gnuplot, found on PATH (or at `executable`).
    public init(executable: String? = nil) throws(Failure) {
        let path = executable ?? Self.locate()
        guard let path else {
            throw Failure(description: "gnuplot was not found on PATH: install gnuplot-nox (Scripts/bootstrap does)")
        }
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = []
        process.standardInput = input
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw Failure(description: "cannot start gnuplot at \(path): \(error.localizedDescription)")
        }
        try send("set encoding utf8\n")
    }

    static func locate() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/gnuplot"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    private func send(_ text: String) throws(Failure) {
        do {
            try input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
        } catch {
            throw Failure(description: "gnuplot stopped accepting commands: \(error.localizedDescription)")
        }
    }

    /// Runs one chart's script and waits until gnuplot has finished it.
    public func render(_ script: String, chart: String) throws(Failure) {
        counter += 1
        let marker = "@@done \(counter)"
        try send(script + "\nunset output\nprint \"\(marker)\"\n")
        var messages: [String] = []
        while true {
            if let range = buffer.firstRange(of: Data("\n".utf8)) {
                let line = String(decoding: buffer[buffer.startIndex..<range.lowerBound], as: UTF8.self)
                buffer.removeSubrange(buffer.startIndex..<range.upperBound)
                if line == marker { break }
                if !line.trimmingCharacters(in: .whitespaces).isEmpty { messages.append(line) }
                continue
            }
            let chunk = errors.fileHandleForReading.availableData
            if chunk.isEmpty {
                throw Failure(description: "gnuplot ended while rendering chart \(chart): \(messages.joined(separator: " "))")
            }
            buffer.append(chunk)
        }
        if !messages.isEmpty {
            throw Failure(description: "gnuplot failed on chart \(chart): \(messages.joined(separator: " | "))")
        }
    }

    /// Ends the process.
    public func close() {
        try? input.fileHandleForWriting.write(contentsOf: Data("exit\n".utf8))
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    deinit {
        if process.isRunning { close() }
    }

    /// A string as a gnuplot double-quoted literal (a newline becomes `\\n`, a line break in titles).
    public static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n") + "\""
    }
}
