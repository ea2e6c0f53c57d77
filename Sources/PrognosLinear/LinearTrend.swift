import PrognosNumerics

/// The straight-line trend of a yearly series, value = a + b · (year − ȳear), fitted by
/// ``RegressionFit`` on a centred time column (centring keeps the design well
/// conditioned for calendar years).
///
/// `slope` is the change per year. Its standard error and two-sided p-value (H₀: b = 0,
/// Student t on n − 2 degrees of freedom) need at least three points; with two points
/// the line is exact and both are `nil`.
///
/// A constant series (every value the same, common for indicators that sit at 100 %) has
/// slope 0 and standard error 0 exactly, and no p-value: t = 0/0 is undefined. (A fit
/// would leave a slope and a standard error of rounding size, around 10⁻¹⁶ of the level,
/// whose ratio, and so the p-value, is arbitrary.)
public struct LinearTrend: Sendable, Equatable {
    public let slope: Double
    public let intercept: Double
    public let centerYear: Double
    public let slopeStandardError: Double?
    public let slopePValue: Double?
    public let pointCount: Int

    /// Fits the trend through the points; `nil` with fewer than two distinct years.
    public init?(years: [Int], values: [Double]) {
        guard years.count == values.count, Set(years).count >= 2 else { return nil }
        let centre = Double(years.reduce(0, +)) / Double(years.count)
        if let constant = Self.constant(values, centre: centre) {
            self = constant
            return
        }
        let design = Matrix(columns: [
            [Double](repeating: 1, count: years.count), years.map { Double($0) - centre },
        ])
        guard let fit = try? RegressionFit(design: design, response: values, hasIntercept: true) else {
            return nil
        }
        self.intercept = fit.coefficients[0]
        self.slope = fit.coefficients[1]
        self.centerYear = centre
        self.pointCount = years.count
        if fit.residualDegreesOfFreedom > 0, fit.standardErrors[1].isFinite {
            self.slopeStandardError = fit.standardErrors[1]
            let p = fit.pValues[1]
            self.slopePValue = p.isFinite ? p : nil
        } else {
            self.slopeStandardError = nil
            self.slopePValue = nil
        }
    }

    /// Row `row` of a batched fit (``BatchedTrendFit``, whose rows are the panel's series)
    /// as a trend, `values` being that row's present values and `yearTotal` the sum of
    /// their years (a constant series' line is centred at their mean): the same line, standard
    /// error and p-value as ``init(years:values:)`` gives (to about 10⁻¹² relative;
    /// `BatchedTrendFitTests`), with the intercept taken at the grid's centre year. Nil
    /// with fewer than two points; a constant series as in ``init(years:values:)``.
    ///
    /// Edge case: a panel without years (targets, no outcomes yet) has a batch of no rows,
    /// while its series exist: nil.
    ///
    /// Not generic over the years on purpose: called from another module, a generic
    /// sequence would be iterated unspecialised, with a heap-allocated coroutine frame per
    /// element read (about 18 allocations per series in `prognos run`).
    package init?(batch: BatchedTrendFit, row: Int, yearTotal: Int, values: [Double]) {
        guard batch.pointCounts.indices.contains(row) else { return nil }
        let count = batch.pointCounts[row]
        guard count >= 2, count == values.count else { return nil }
        if let constant = Self.constant(values, centre: Double(yearTotal) / Double(count)) {
            self = constant
            return
        }
        let slope = batch.slopes[row]
        let intercept = batch.intercepts[row]
        guard slope.isFinite, intercept.isFinite else { return nil }
        self.slope = slope
        self.intercept = intercept
        self.centerYear = batch.centerYear
        self.pointCount = count
        let standardError = batch.slopeStandardErrors[row]
        if count > 2, standardError.isFinite {
            self.slopeStandardError = standardError
            // As RegressionFit's p-values: 2 P(T > |t|), T ~ t(n − 2); t = 0/0 gives none.
            let t = slope / standardError
            let p = t.isNaN ? Double.nan : 2 * StudentT(degreesOfFreedom: Double(count - 2)).survival(abs(t))
            self.slopePValue = p.isFinite ? p : nil
        } else {
            self.slopeStandardError = nil
            self.slopePValue = nil
        }
    }

    /// The trend of a series whose values are all equal, or nil when they are not.
    private static func constant(_ values: [Double], centre: Double) -> LinearTrend? {
        guard let first = values.first, values.allSatisfy({ $0 == first }) else { return nil }
        return LinearTrend(
            slope: 0, intercept: first, centerYear: centre, slopeStandardError: values.count > 2 ? 0 : nil,
            slopePValue: nil, pointCount: values.count)
    }

    private init(
        slope: Double, intercept: Double, centerYear: Double, slopeStandardError: Double?, slopePValue: Double?,
        pointCount: Int
    ) {
        self.slope = slope
        self.intercept = intercept
        self.centerYear = centerYear
        self.slopeStandardError = slopeStandardError
        self.slopePValue = slopePValue
        self.pointCount = pointCount
    }

    /// The trend's value in a year.
    public func value(atYear year: Int) -> Double {
        intercept + slope * (Double(year) - centerYear)
    }
}
