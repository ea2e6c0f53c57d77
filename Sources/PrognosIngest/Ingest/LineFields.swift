/// The fields of one line of a CSV file without quotes: the bytes between delimiters,
/// found without making a `String` of any of them.
///
/// Only for lines the generic parser (``CSVParser``) would split the same way: no quote
/// anywhere in the file (``FileBytes/canBeCutAtLineFeeds``) and the line end (LF or
/// CRLF) already removed. Then every delimiter ends a field, and a line of k delimiters
/// has k + 1 fields, as the parser finds them.
struct LineFields {
    /// Where each field starts in the line, and one past the last field's end.
    private var bounds: [Int] = []

    /// Splits `line` at `delimiter`; false, leaving the fields unusable, unless it has
    /// exactly `count` fields.
    mutating func split(_ line: UnsafeBufferPointer<UInt8>, delimiter: UInt8, count: Int) -> Bool {
        bounds.removeAll(keepingCapacity: true)
        bounds.append(0)
        for index in line.indices where line[index] == delimiter {
            guard bounds.count < count else { return false }
            bounds.append(index + 1)
        }
        guard bounds.count == count else { return false }
        bounds.append(line.count + 1)
        return true
    }

    /// The bytes of field `index` of the line last split (`line` is that line).
    func field(_ index: Int, of line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: line[bounds[index]..<(bounds[index + 1] - 1)])
    }
}
