/// Which columns of a table make the design of a regression.
///
/// Terms, in order: `intercept` (unless excluded), each predictor column as named, then
/// the powers of `polynomial.of` from 1 to `polynomial.degree` named `x`, `x^2`, … (the
/// raw power basis, whose coefficients are the ones NIST certifies; ``PivotedQR`` scales
/// the columns, so their very different magnitudes cost no accuracy).
public struct RegressionModel: Sendable, Equatable {
    public var response: String
    public var predictors: [String]
    public var polynomial: (degree: Int, of: String)?
    public var intercept: Bool

    public init(
        response: String, predictors: [String] = [], polynomial: (degree: Int, of: String)? = nil,
        intercept: Bool = true
    ) {
        self.response = response
        self.predictors = predictors
        self.polynomial = polynomial
        self.intercept = intercept
    }

    public static func == (lhs: RegressionModel, rhs: RegressionModel) -> Bool {
        lhs.response == rhs.response && lhs.predictors == rhs.predictors && lhs.intercept == rhs.intercept
            && lhs.polynomial?.degree == rhs.polynomial?.degree && lhs.polynomial?.of == rhs.polynomial?.of
    }

    /// Every column the model reads.
    public var columnsRead: [String] {
        // Each column once, whatever the model repeats.
        var names: [String] = []
        for name in [response] + predictors + [polynomial?.of].compactMap({ $0 }) where !names.contains(name) {
            names.append(name)
        }
        return names
    }

    /// The design matrix and its term names, from the columns named in `columnsRead`
    /// (each `rowCount` long; a table read by `NumericTable` gives them).
    public func design(columns table: [String: [Double]], rowCount: Int) -> (design: Matrix, terms: [String]) {
        var columns: [[Double]] = []
        var terms: [String] = []
        if intercept {
            columns.append([Double](repeating: 1, count: rowCount))
            terms.append("intercept")
        }
        for name in predictors {
            columns.append(table[name] ?? [])
            terms.append(name)
        }
        if let polynomial, polynomial.degree >= 1 {
            let base = table[polynomial.of] ?? []
            var power = base
            for k in 1...polynomial.degree {
                if k > 1 { power = zip(power, base).map { $0 * $1 } }
                columns.append(power)
                terms.append(k == 1 ? polynomial.of : "\(polynomial.of)^\(k)")
            }
        }
        return (Matrix(columns: columns), terms)
    }
}
