import Foundation
import PrognosIngest
import PrognosSupport
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Raw responses kept on disk (`prognos fetch --cache DIR`), so that a rerun works
/// offline and a dataset can say exactly what it was built from.
///
/// Each response body is one file, `<n>-<hash>.json`: its place in the order of first
/// fetches (five digits), so that `ingest kolada DIR/*.json` reads the answers in the
/// order the fetch did, and the FNV-1a hash of its URL; `index.csv` lists `url, file,
/// fetched` (the UTC time of the fetch) in the same order. Files are written to a temporary name and renamed, so a
/// run stopped midway leaves whole responses only; the index is rewritten the same way
/// after every new response.
///
/// Edge cases: a response listed in the index whose file is gone counts as not cached, as
/// does an index row whose file name this cache would not give (no path outside the
/// directory is ever read) or whose fetch time is missing; a cache directory that does
/// not exist is created. One process at a time should write a cache directory.
public final class ResponseCache: Sendable {
    public let directory: URL
    private let entries: Mutex<[(url: String, file: String, fetched: String)]>

    public init(directory: URL) throws {
        self.directory = directory
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var loaded: [(String, String, String)] = []
        if let text = try? String(contentsOf: directory.appendingPathComponent("index.csv"), encoding: .utf8) {
            let (table, _) = CSVTable.parse(text, file: "index.csv")
            // Only names this cache gives its files, so that an edited index cannot point
            // outside the directory; and only entries that say when they were fetched.
            for row in table.records
            where row.count == 3 && Self.isCacheFileName(row[1].text)
                && ISO8601DateFormatter().date(from: row[2].text) != nil
            {
                loaded.append((row[0].text, row[1].text, row[2].text))
            }
        }
        entries = Mutex(loaded.map { (url: $0.0, file: $0.1, fetched: $0.2) })
    }

    /// The cached body of `url`, if any.
    public func body(of url: String) -> Data? {
        guard let file = entries.withLock({ list in list.last { $0.url == url }?.file }) else { return nil }
        return try? Data(contentsOf: directory.appendingPathComponent(file))
    }

    /// When `url` was fetched, as the index records it.
    public func fetched(_ url: String) -> String? {
        entries.withLock { list in list.last { $0.url == url }?.fetched }
    }

    /// Keeps `body` as the response of `url`, fetched at `date`.
    public func store(_ body: Data, for url: String, fetched date: Date) throws {
        let file = entries.withLock { list in
            list.last { $0.url == url }?.file ?? Self.fileName(for: url, position: list.count + 1)
        }
        try Self.writeAtomically(body, to: directory.appendingPathComponent(file))
        let stamp = ISO8601DateFormatter().string(from: date)
        let index = directory.appendingPathComponent("index.csv")
        // The index is built and written under the lock, so that two stores cannot put an
        // older index over a newer one.
        try entries.withLock { list in
            if let position = list.firstIndex(where: { $0.url == url }) {
                list[position].fetched = stamp
            } else {
                list.append((url: url, file: file, fetched: stamp))
            }
            var writer = CSVWriter(header: ["url", "file", "fetched"])
            for entry in list { writer.appendRow([entry.url, entry.file, entry.fetched]) }
            try Self.writeAtomically(Data(writer.text.utf8), to: index)
        }
    }

    /// Whether `name` is one this cache gives: digits, `-`, 16 hex digits, `.json`.
    static func isCacheFileName(_ name: String) -> Bool {
        let parts = name.split(separator: "-")
        guard parts.count == 2, parts[0].count >= 5, parts[0].allSatisfy({ $0.isASCII && $0.isNumber }),
            parts[1].hasSuffix(".json")
        else { return false }
        let hash = parts[1].dropLast(5)
        return hash.count == 16 && hash.allSatisfy { $0.isHexDigit && ($0.isNumber || $0.isLowercase) }
    }

    /// `<position, 5 digits>-<16 hex digits of FNV-1a 64 of the URL>.json`.
    static func fileName(for url: String, position: Int) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in url.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        let number = String(position)
        return String(repeating: "0", count: max(0, 5 - number.count)) + number + "-"
            + String(repeating: "0", count: 16 - hex.count) + hex + ".json"
    }

    private static func writeAtomically(_ data: Data, to url: URL) throws {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString.prefix(8)).tmp")
        try data.write(to: temporary)
        // rename(2) replaces an existing file in one step.
        guard rename(temporary.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
    }
}
