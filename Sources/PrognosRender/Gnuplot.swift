import Foundation

/// One long-lived gnuplot process that renders many charts.
///
/// Each chart is a script ending in `set output` back to nothing and a marker line that
/// gnuplot prints to standard error (`print "@@done <n>"`). What gnuplot writes to
/// standard error before the marker are that chart's warnings: they are returned, not
/// fatal. A chart fails only when its file is missing or empty afterwards. A missing
/// gnuplot is an error at start-up. Text is UTF-8 (`set encoding utf8`).
///
/// gnuplot runs with a UTF-8 locale (`LC_ALL=C.UTF-8`, whatever the caller's, so that
/// the degree sign and `å` convert without a locale, as under cron or in a container)
/// and, when the user's cache directory cannot be written, with `XDG_CACHE_HOME` in the
/// temporary directory, so that fontconfig does not complain.
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
        process.environment = Self.environment(ProcessInfo.processInfo.environment)
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

    /// The environment gnuplot runs with: the caller's, with a UTF-8 locale and a
    /// writable cache directory.
    static func environment(_ inherited: [String: String]) -> [String: String] {
        var environment = inherited
        environment["LC_ALL"] = "C.UTF-8"
        environment["LANG"] = "C.UTF-8"
        let fileManager = FileManager.default
        let cache = inherited["XDG_CACHE_HOME"] ?? inherited["HOME"].map { $0 + "/.cache" }
        let writable =
            cache.map { directory in
                var isDirectory: ObjCBool = false
                if fileManager.fileExists(atPath: directory, isDirectory: &isDirectory) {
                    return isDirectory.boolValue && fileManager.isWritableFile(atPath: directory)
                }
                return fileManager.isWritableFile(atPath: (directory as NSString).deletingLastPathComponent)
            } ?? false
        if !writable {
            let fallback = fileManager.temporaryDirectory.appendingPathComponent("prognos-cache-\(getuid())").path
            try? fileManager.createDirectory(atPath: fallback, withIntermediateDirectories: true)
            environment["XDG_CACHE_HOME"] = fallback
        }
        return environment
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

    /// Runs one chart's script, which writes `output`, and waits until gnuplot has
    /// finished it; gnuplot's warnings on the way.
    ///
    /// - Throws: ``Failure`` when gnuplot ends, or when `output` is missing or empty
    ///   afterwards (the message has gnuplot's words).
    @discardableResult
    public func render(_ script: String, chart: String, output: String) throws(Failure) -> [String] {
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
                throw Failure(
                    description: "gnuplot ended while rendering chart \(chart): \(messages.joined(separator: " "))")
            }
            buffer.append(chunk)
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? nil
        guard let size, size > 0 else {
            let words = messages.isEmpty ? "no file was written" : messages.joined(separator: " | ")
            throw Failure(description: "gnuplot drew no chart \(chart): \(words)")
        }
        return messages
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

    /// Text as an inert gnuplot string literal.
    ///
    /// gnuplot expands `` `command` `` (a shell command) and `\\` escapes only inside
    /// double quotes, so text goes in single quotes, where the one special sequence is `''`
    /// for a quote. A line break would end the command, so every control character (and
    /// U+0085, U+2028, U+2029) becomes a space. Where the text has line breaks (`lines`
    /// with more than one element), the literals are joined with gnuplot's `"\n"`.
    /// Charts use non-enhanced terminals, so `^`, `_`, `{`, `}`, `@` and `&` print as
    /// themselves.
    ///
    /// Edge cases: an empty string is `''`; text of only control characters becomes spaces.
    public static func literal(_ text: String) -> String {
        var out = "'"
        for scalar in text.unicodeScalars {
            switch scalar {
            case "'": out += "''"
            case _ where scalar.properties.generalCategory == .control, "\u{2028}", "\u{2029}": out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "'"
    }

    /// Text as an inert tic label: a ``literal(_:)`` with every `%` doubled, since gnuplot
    /// reads a tic label as a format for the tic's value ("Andel (%)" would otherwise be
    /// rejected as a bad format, and "%g" would print the position).
    public static func ticLabel(_ text: String) -> String {
        literal(text.replacingOccurrences(of: "%", with: "%%"))
    }

    /// Lines of text as one gnuplot string expression: each an inert ``literal(_:)``,
    /// joined by line breaks.
    public static func literal(lines: [String]) -> String {
        lines.map { literal($0) }.joined(separator: " . \"\\n\" . ")
    }
}
