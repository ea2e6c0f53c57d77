import PrognosModel

/// Column positions by name, from a header row: the first column of each name.
///
/// A linear scan comparing names, not a hash table: a canonical file has a handful of
/// columns with short names, which compare in a few nanoseconds, while hashing a name
/// costs tens, and every field of millions of rows is looked up by name.
/// Names are compared only when their UTF-8 lengths agree (a stored count for Swift's
/// strings), which rules out most columns without a string comparison.
struct ColumnIndex: Sendable {
    private var names: [String] = []
    private var lengths: [Int] = []

    /// The position of the first column called `name`, or nil.
    subscript(name: String) -> Int? {
        let length = name.utf8.count
        for index in names.indices where lengths[index] == length && names[index] == name { return index }
        return nil
    }

    /// Adds the header's next column.
    mutating func append(_ name: String) {
        names.append(name)
        lengths.append(name.utf8.count)
    }
}

/// One row of a resource with its fields looked up by column name.
struct ResourceRow: Sendable {
    let fields: [CSVField]
    let columnIndex: ColumnIndex
    let line: Int

    /// The field's text, or "" when the column is absent.
    func text(_ name: String) -> String {
        guard let index = columnIndex[name], index < fields.count else { return "" }
        return fields[index].text
    }

    /// The field's location, or the row's start when the column is absent.
    func position(_ name: String) -> (line: Int, column: Int) {
        guard let index = columnIndex[name], index < fields.count else { return (line, 1) }
        return (fields[index].line, fields[index].column)
    }
}

/// The header row of a resource's file, and the checks every data row gets before it is
/// read into a value: the field count, the required values, the primary key. The
/// required and key columns are resolved once, here, not looked up by name at every row.
struct ResourceHeader: Sendable {
    let columnIndex: ColumnIndex
    let count: Int
    /// A required column is missing: no row of the file is read.
    let missingRequired: Bool
    /// The required columns' names and positions, resolved once for every row's check
    /// (``examine(_:file:problems:key:)`` runs only when none is missing).
    private let requiredColumns: [(name: String, position: Int)]
    /// The primary key's columns in key order: each one's position (nil: absent, read as
    /// "") and whether it is `gender`, whose empty value is the total.
    private let keyColumns: [(position: Int?, isGender: Bool)]

    /// Reads the header row; a column named twice and a missing required column are
    /// recorded in `problems`.
    init(_ record: [CSVField], spec: ResourceSpec, file: String, problems: inout [Diagnostic]) {
        var columnIndex = ColumnIndex()
        for field in record {
            if columnIndex[field.text] != nil {
                problems.append(
                    Diagnostic(
                        file: file, line: field.line, column: field.column,
                        reason: "column \"\(field.text)\" appears twice in the header"))
            }
            columnIndex.append(field.text)
        }
        let headerLine = record.first?.line ?? 1
        var missingRequired = false
        for field in spec.fields where field.required && columnIndex[field.name] == nil {
            problems.append(
                Diagnostic(
                    file: file, line: headerLine, column: 1, reason: "the header has no column \"\(field.name)\""))
            missingRequired = true
        }
        self.columnIndex = columnIndex
        self.count = record.count
        self.missingRequired = missingRequired
        requiredColumns = spec.fields.filter(\.required).compactMap { field in
            columnIndex[field.name].map { (field.name, $0) }
        }
        keyColumns = spec.primaryKey.map { (columnIndex[$0], $0 == "gender") }
    }

    /// The row when it has the header's number of fields and every required value, its
    /// primary key appended to `key`; otherwise nil, with the problems recorded. An empty
    /// `gender` in a key is the total, as the reader reads it.
    func examine(
        _ record: [CSVField], file: String, problems: inout [Diagnostic], key: inout [String]
    ) -> ResourceRow? {
        let line = record.first?.line ?? 0
        if record.count != count {
            problems.append(
                Diagnostic(
                    file: file, line: line, column: 1,
                    reason: "the row has \(record.count) fields, the header has \(count)"))
            return nil
        }
        // The record has the header's number of fields, so every resolved position is in it.
        var complete = true
        for (name, position) in requiredColumns where record[position].text.isEmpty {
            let field = record[position]
            problems.append(
                Diagnostic(file: file, line: field.line, column: field.column, reason: "\"\(name)\" is empty"))
            complete = false
        }
        guard complete else { return nil }
        for (position, isGender) in keyColumns {
            let text = position.map { record[$0].text } ?? ""
            key.append(isGender && text.isEmpty ? Gender.total.rawValue : text)
        }
        return ResourceRow(fields: record, columnIndex: columnIndex, line: line)
    }

    /// The problem of a row whose key was first seen on line `earlier`.
    func duplicate<Key: Collection<String>>(_ key: Key, spec: ResourceSpec, file: String, line: Int, earlier: Int)
        -> Diagnostic
    {
        let described = zip(spec.primaryKey, key).map { "\($0)=\($1)" }.joined(separator: ", ")
        return Diagnostic(
            file: file, line: line, column: 1,
            reason: "duplicate \(spec.name) key (\(described)): first on line \(earlier)")
    }
}
