import Foundation
import PrognosTestSupport
import Testing

@testable import PrognosIngest

/// Reading a file into a string with one copy (``UTF8File``) against Foundation's two:
/// the same text, and invalid UTF-8 told apart from a file that holds U+FFFD itself.
@Suite struct UTF8FileTests {
    static func written(_ bytes: [UInt8]) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("utf8file-\(UUID().uuidString).csv")
        try Data(bytes).write(to: url)
        return url.path
    }

    static func foundation(_ path: String) throws -> (String, Bool) {
        let data = try #require(FileManager.default.contents(atPath: path))
        if let text = String(data: data, encoding: .utf8) { return (text, true) }
        return (String(decoding: data, as: UTF8.self), false)
    }

    @Test(arguments: [
        Array("entity_id,name\nE1,Alingsås\n".utf8),
        [0xEF, 0xBB, 0xBF] + Array("a,b\n1,2\n".utf8),  // a byte-order mark
        Array("a,b\n1,\u{FFFD}\n".utf8),  // U+FFFD in a valid file
        Array("a,b\n1,2".utf8) + [0xFF] + Array("\n".utf8),  // an invalid byte
        Array("a,b\n1,".utf8) + [0xF0, 0x9F, 0x98] + Array("x\n".utf8),  // a cut 4-byte sequence, repaired as 3 bytes
        [0xC3],  // a lone lead byte
        [0xEF, 0xBB, 0xBF],  // a byte-order mark alone
        [0xEF, 0xBB, 0xBF, 0xFF],  // a byte-order mark and an invalid byte
        Array("ok".utf8),
    ])
    func readsAsFoundationDoes(_ bytes: [UInt8]) throws {
        let path = try Self.written(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let contents = try #require(UTF8File.read(atPath: path))
        let (text, valid) = try Self.foundation(path)
        #expect(contents.text == text)
        #expect(Array(contents.text.utf8) == Array(text.utf8))
        #expect(contents.isValidUTF8 == valid)
    }

    @Test func emptyAndMissingFiles() throws {
        let path = try Self.written([])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let empty = try #require(UTF8File.read(atPath: path))
        #expect(empty.text.isEmpty && empty.isValidUTF8)
        #expect(UTF8File.read(atPath: path + ".missing") == nil)
    }

    /// A dataset file that is not UTF-8 is reported, naming the file.
    @Test func invalidUTF8InADatasetIsReported() throws {
        let directory = try TestSupport.copyOfBundledDataset()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("entities.csv")
        var bytes = Array(try Data(contentsOf: url))
        bytes.append(contentsOf: Array("x,Alings".utf8) + [0xE5] + Array("s,municipality,\n".utf8))
        try Data(bytes).write(to: url)
        do {
            _ = try DatasetLoader.load(directory: directory, displayName: "ds").dataset
            Issue.record("a file that is not UTF-8 was read")
        } catch {
            #expect(
                error.diagnostics.map(\.description).contains(
                    "ds/entities.csv: not valid UTF-8 (save the file as UTF-8)"))
        }
    }
}
