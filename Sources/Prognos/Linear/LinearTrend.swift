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
    public let centreYear: Double
    public let slopeStandardError: Double?
    public let slopePValue: Double?
    public let pointCount: Int

    /// Fits the trend through the points; `nil` with fewer than two distinct years.
    public init?(years: [Int], values: [Double]) {
        guard years.count == values.count, Set(years).count >= 2 else { return nil }
        let centre = Double(years.reduce(0, +)) / Double(years.count)
        if let first = values.first, values.allSatisfy({ $0 == first }) {
            self.intercept = first
            self.slope = 0
            self.centreYear = centre
            self.pointCount = years.count
            self.slopeStandardError = years.count > 2 ? 0 : nil
            self.slopePValue = nil
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
        self.centreYear = centre
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

    /// The trend's value in a year.
    public func value(atYear year: Int) -> Double {
        intercept + slope * (Double(year) - centreYear)
    }
}
