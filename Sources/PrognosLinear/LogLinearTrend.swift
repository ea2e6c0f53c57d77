import Foundation
import PrognosNumerics

/// A constant-growth trend for a positive series: ln y = a + g·(t − t̄), fitted by
/// ``RegressionFit`` on the logarithms.
///
/// The growth rate per year is eᵍ − 1; its confidence interval maps the t interval of g
/// through the same function (monotone, so the interval stays exact). Forecasts on the
/// original scale are medians, exp(a + g·(t − t̄)), not means.
///
/// Edge cases: any value ≤ 0 or non-finite, or fewer than two distinct years, gives nil;
/// with two points the interval is unavailable (nil).
public struct LogLinearTrend: Sendable, Equatable {
    public let logIntercept: Double
    public let logSlope: Double
    public let logSlopeStandardError: Double?
    public let centerYear: Double
    public let residualDegreesOfFreedom: Int

    public init?(years: [Int], values: [Double]) {
        guard years.count == values.count, Set(years).count >= 2, values.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            return nil
        }
        let centre = Double(years.reduce(0, +)) / Double(years.count)
        let design = Matrix(columns: [[Double](repeating: 1, count: years.count), years.map { Double($0) - centre }])
        guard
            let fit = try? RegressionFit(
                design: design, response: values.map { Foundation.log($0) }, hasIntercept: true)
        else { return nil }
        logIntercept = fit.coefficients[0]
        logSlope = fit.coefficients[1]
        centerYear = centre
        residualDegreesOfFreedom = fit.residualDegreesOfFreedom
        logSlopeStandardError = fit.residualDegreesOfFreedom > 0 ? fit.standardErrors[1] : nil
    }

    /// eᵍ − 1, the constant yearly growth rate (0.05 = 5 % a year).
    public var growthRate: Double { Foundation.expm1(logSlope) }

    /// The two-sided confidence interval of the growth rate at `level` (e.g. 0.95).
    public func growthRateInterval(level: Double) -> (lower: Double, upper: Double)? {
        guard let se = logSlopeStandardError, residualDegreesOfFreedom > 0 else { return nil }
        let critical = StudentT(degreesOfFreedom: Double(residualDegreesOfFreedom)).quantile(0.5 + level / 2)
        return (Foundation.expm1(logSlope - critical * se), Foundation.expm1(logSlope + critical * se))
    }

    /// The trend's median value in a year.
    public func value(atYear year: Int) -> Double {
        Foundation.exp(logIntercept + logSlope * (Double(year) - centerYear))
    }
}
