import PrognosModel

/// What every dataset reader returns: ``DatasetLoader``, ``CanonicalDatasetReader``,
/// ``WideTableReader``, ``KoladaReader``, ``CompetitionReader`` and ``ReportTextReader``.
///
/// Every reader has the same shape:
///
/// ```swift
/// static func read(<input>, …, lenient: Bool = false) throws(InvalidInput) -> DatasetReading
/// ```
///
/// - Strict (the default): any row, cell or series the reader cannot use throws
///   ``InvalidInput`` naming each problem's file, line, column and reason; nothing is
///   left out silently.
/// - Lenient: what can be read is kept; each row, cell or series left out is listed in
///   ``rejected`` with its location. Problems that are not about a row (a missing file, a
///   wrong header, an input with nothing readable) still throw.
///
/// ``warnings`` are things read as they are but worth a look (a table of a kind the
/// reader does not read, a page of a Kolada answer that is missing); they never fail a
/// read and never mean data was dropped.
///
/// ## Edge cases
/// - A strict read that succeeds has an empty ``rejected``.
/// - The order of ``rejected`` and ``warnings`` is the input's order (file, then line).
public struct DatasetReading: Sendable {
    public var dataset: Dataset
    /// With `lenient`, the rows, cells and series left out, each with its location.
    public var rejected: [Diagnostic]
    /// Worth a look, never a failure.
    public var warnings: [Diagnostic]

    public init(dataset: Dataset, rejected: [Diagnostic] = [], warnings: [Diagnostic] = []) {
        self.dataset = dataset
        self.rejected = rejected
        self.warnings = warnings
    }
}
