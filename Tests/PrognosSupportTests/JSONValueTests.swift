import Testing

@testable import PrognosSupport

@Suite struct JSONValueTests {
    static let document: JSONValue = .object([
        ("name", .string("a \"quoted\" name")),
        (
            "points",
            .array([
                .object([("year", .integer(2004)), ("value", .number(50.4)), ("status", .string("final"))]),
                .object([("year", .integer(2005)), ("value", .number(.nan)), ("flag", .bool(true))]),
                .object([("nested", .object([("x", .integer(1))]))]),
                .object([]),
                .integer(7),
            ])
        ),
    ])

    @Test func expandedPutsEveryValueOnItsOwnLine() {
        #expect(
            Self.document.serialized() == """
                {
                  "name": "a \\"quoted\\" name",
                  "points": [
                    {
                      "year": 2004,
                      "value": 50.4,
                      "status": "final"
                    },
                    {
                      "year": 2005,
                      "value": null,
                      "flag": true
                    },
                    {
                      "nested": {
                        "x": 1
                      }
                    },
                    {},
                    7
                  ]
                }

                """)
    }

    /// Records of scalars in an array take one line each; an object holding an object does not.
    @Test func recordsOnOneLine() {
        #expect(
            Self.document.serialized(layout: .recordsOnOneLine) == """
                {
                  "name": "a \\"quoted\\" name",
                  "points": [
                    {"year": 2004, "value": 50.4, "status": "final"},
                    {"year": 2005, "value": null, "flag": true},
                    {
                      "nested": {
                        "x": 1
                      }
                    },
                    {},
                    7
                  ]
                }

                """)
    }
}
