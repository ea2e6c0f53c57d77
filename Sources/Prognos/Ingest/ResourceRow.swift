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
/// read into a value: the field count, the required values, the primary key.
struct ResourceHeader: Sendable {
    let columnIndex: ColumnIndex
    let count: Int
    /// A required column is missing: no row of the file is read.
    let missingRequired: Bool

    /// Reads the header row; a column named twice and a missing required column are
    /// recorded in `problems`.
    init(_ record: [CSVField], spec: ResourceSpec, file: String, problems: inout [Diagnostic]) {
        var columnIndex = ColumnIndex()
        for field in record {
            if columnIndex[field.text] != nil {
                problems.append(Diagnostic(file: file, line: field.line, column: field.column, reason: "column \"\(field.text)\" appears twice in the header"))
            }
            columnIndex.append(field.text)
        }
        let headerLine = record.first?.line ?? 1
        var missingRequired = false
        for field in spec.fields where field.required && columnIndex[field.name] == nil {
            problems.append(Diagnostic(file: file, line: headerLine, column: 1, reason: "the header has no column \"\(field.name)\""))
            missingRequired = true
        }
        self.columnIndex = columnIndex
        self.count = record.count
        self.missingRequired = missingRequired
    }

    /// The row when it has the header's number of fields and every required value, its
    /// primary key appended to `key`; otherwise nil, with the problems recorded. An empty
    /// `gender` in a key is the total, as the reader reads it.
    func examine(
        _ record: [CSVField], spec: ResourceSpec, file: String, problems: inout [Diagnostic], key: inout [String]
    ) -> ResourceRow? {
        let line = record.first?.line ?? 0
        if record.count != count {
            problems.append(Diagnostic(file: file, line: line, column: 1, reason: "the row has \(record.count) fields, the header has \(count)"))
            return nil
        }
        let row = ResourceRow(fields: record, columnIndex: columnIndex, line: line)
        var complete = true
        for field in spec.fields where field.required && row.text(field.name).isEmpty {
            let position = row.position(field.name)
            problems.append(Diagnostic(file: file, line: position.line, column: position.column, reason: "\"\(field.name)\" is empty"))
            complete = false
        }
        guard complete else { return nil }
        for column in spec.primaryKey {
            let text = row.text(column)
            key.append(column == "gender" && text.isEmpty ? Gender.total.rawValue : text)
        }
        return row
    }

    /// The problem of a row whose key was first seen on line `earlier`.
    func duplicate<Key: Collection<String>>(_ key: Key, spec: ResourceSpec, file: String, line: Int, earlier: Int) -> Diagnostic {
        let described = zip(spec.primaryKey, key).map { "\($0)=\($1)" }.joined(separator: ", ")
        return Diagnostic(file: file, line: line, column: 1, reason: "duplicate \(spec.name) key (\(described)): first on line \(earlier)")
    }
}
