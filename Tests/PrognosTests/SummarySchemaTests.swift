import Foundation
import PrognosTestSupport
import Testing

@testable import Prognos
@testable import PrognosAnalysis
@testable import PrognosRender

/// `summary.json` and `Schemas/summary.schema.json` describe the same fields: every
/// object in the document has exactly the properties its schema declares (all of them
/// required, none extra), and enumerated values are among the schema's.
@Suite struct SummarySchemaTests {
    func object(_ any: Any?) throws -> [String: Any] {
        try #require(any as? [String: Any])
    }

    /// Checks `value` against the subset of JSON Schema the summary schema uses.
    func check(_ value: Any, against schema: [String: Any], path: String) throws {
        // An object that may be null (`"type": ["object", "null"]`).
        if value is NSNull, schema["properties"] != nil {
            #expect(
                (schema["type"] as? [String])?.contains("null") == true,
                "\(path): null where the schema wants an object")
            return
        }
        if let allowed = schema["enum"] as? [Any] {
            let matches = allowed.contains { candidate in
                if candidate is NSNull { return value is NSNull }
                return (candidate as? String) == (value as? String) && value is String
            }
            #expect(matches, "\(path): \(value) not in enum")
        }
        if let minimum = schema["minimum"] as? Double, let number = value as? Double {
            #expect(number >= minimum, "\(path): \(number) below the schema's minimum \(minimum)")
        }
        if let properties = schema["properties"] as? [String: Any] {
            let document = try object(value)
            #expect(Set(document.keys) == Set(properties.keys), "\(path): keys differ")
            let required = Set(schema["required"] as? [String] ?? [])
            #expect(required == Set(properties.keys), "\(path): every property is required")
            for (key, child) in document {
                if let childSchema = properties[key] as? [String: Any] {
                    try check(child, against: childSchema, path: path + "." + key)
                }
            }
        }
        if let items = schema["items"] as? [String: Any], let array = value as? [Any] {
            for (index, element) in array.enumerated() {
                try check(element, against: items, path: "\(path)[\(index)]")
            }
        }
    }

    @Test func bundledRunMatchesTheSchema() throws {
        let schemaURL = TestSupport.repositoryRoot.appendingPathComponent("Schemas/summary.schema.json")
        let schema = try object(try JSONSerialization.jsonObject(with: Data(contentsOf: schemaURL)))
        let job = RunJob()
        let text = try #require(job.outputs(of: job.analyze(try TestSupport.loadBundledDataset()))["summary.json"])
        let document = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        let version = try object(schema["properties"])["schema_version"] as? [String: Any]
        #expect(version?["const"] as? String == SummaryDocument.schemaVersion)
        try check(document, against: schema, path: "$")
    }

    /// The comparison objects too: a run on Kolada values with comparison groups.
    @Test func runWithComparisonGroupsMatchesTheSchema() throws {
        let schemaURL = TestSupport.repositoryRoot.appendingPathComponent("Schemas/summary.schema.json")
        let schema = try object(try JSONSerialization.jsonObject(with: Data(contentsOf: schemaURL)))
        let analysis = RunAnalysis(dataset: try TestSupport.koladaWithGroups())
        let text = SummaryDocument.json(analysis)
        #expect(text.contains("\"group_id\""))
        let document = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        try check(document, against: schema, path: "$")
    }
}
