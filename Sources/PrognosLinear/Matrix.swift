/// A dense matrix of doubles in column-major storage, the layout BLAS and LAPACK use.
///
/// Element (i, j) is `storage[i + j * rows]`; column j is the contiguous run
/// `storage[j * rows ..< (j + 1) * rows]`.
public struct Matrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    public var storage: [Double]

    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        self.rows = rows
        self.columns = columns
        self.storage = [Double](repeating: value, count: rows * columns)
    }

    /// A matrix whose columns are the given arrays (all of the same length).
    public init(columns: [[Double]]) {
        let rows = columns.first?.count ?? 0
        self.rows = rows
        self.columns = columns.count
        var storage: [Double] = []
        storage.reserveCapacity(rows * columns.count)
        for column in columns {
            precondition(column.count == rows, "columns of unequal length")
            storage.append(contentsOf: column)
        }
        self.storage = storage
    }

    /// A matrix from row-major values (`rowMajor[i * columns + j]` is element (i, j)).
    public init(rows: Int, columns: Int, rowMajor: [Double]) {
        precondition(rowMajor.count == rows * columns, "wrong number of values")
        self.rows = rows
        self.columns = columns
        var storage = [Double](repeating: 0, count: rows * columns)
        for i in 0..<rows {
            for j in 0..<columns { storage[i + j * rows] = rowMajor[i * columns + j] }
        }
        self.storage = storage
    }

    public subscript(row: Int, column: Int) -> Double {
        get { storage[row + column * rows] }
        set { storage[row + column * rows] = newValue }
    }

    /// Column j as a contiguous slice of the storage.
    public func column(_ j: Int) -> ArraySlice<Double> {
        storage[(j * rows)..<((j + 1) * rows)]
    }

    /// Row i (a copy).
    public func row(_ i: Int) -> [Double] {
        (0..<columns).map { self[i, $0] }
    }
}
