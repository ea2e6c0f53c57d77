/// The straight-line trend of a yearly series, value = a + b · (year − ȳear), fitted by
/// ``LeastSquaresFit`` on a centred time column (centring keeps the design well
/// conditioned for calendar years).
///
/// `slope` is the change per year. Its standard error needs at least three points
/// (one residual degree of freedom); with two points the line is exact and
/// `slopeStandardError` is `nil`.
public struct LinearTrend: Sendable, Equatable {
    public let slope: Double
    public let intercept: Double
    public let centreYear: Double
    public let slopeStandardError: Double?
    public let pointCount: Int

    /// Fits the trend through the points; `nil` with fewer than two distinct years.
    public init?(years: [Int], values: [Double]) {
        guard years.count == values.count, Set(years).count >= 2 else { return nil }
        let centre = Double(years.reduce(0, +)) / Double(years.count)
        var design: [Double] = []
        design.reserveCapacity(years.count * 2)
        for year in years {
            design.append(1)
            design.append(Double(year) - centre)
        }
        guard let fit = LeastSquaresFit(design: design, rows: years.count, columns: 2, response: values) else {
            return nil
        }
        self.intercept = fit.coefficients[0]
        self.slope = fit.coefficients[1]
        self.centreYear = centre
        self.pointCount = years.count
        let se = fit.standardError(1)
        self.slopeStandardError = fit.residualDegreesOfFreedom > 0 && se.isFinite ? se : nil
    }

    /// The trend's value in a year.
    public func value(atYear year: Int) -> Double {
        intercept + slope * (Double(year) - centreYear)
    }
}
