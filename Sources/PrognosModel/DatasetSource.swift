/// Where a dataset's data came from: one entry of the Frictionless `sources` list of
/// `datapackage.json`, with the date it was fetched (`prognos fetch`), so that a dataset
/// says exactly what it was built from. Kolada revises published values, so the same
/// request on another day can give other numbers.
public struct DatasetSource: Sendable, Equatable, Codable {
    /// A readable name ("Kolada API v3").
    public var title: String
    /// The address or file the data came from.
    public var path: String
    /// The day it was fetched, `YYYY-MM-DD` (UTC); empty when not known.
    public var fetched: String

    public init(title: String, path: String, fetched: String = "") {
        self.title = title
        self.path = path
        self.fetched = fetched
    }
}
