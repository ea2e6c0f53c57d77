import Foundation
import Testing

@testable import PrognosLinear
@testable import PrognosNumerics

@Suite struct LinearTrendTests {
    @Test func exactLineThroughTwoPoints() throws {
        let trend = try #require(LinearTrend(years: [2021, 2022], values: [91, 96]))
        #expect(abs(trend.slope - 5) < 1e-12)
        #expect(trend.slopeStandardError == nil)
        #expect(abs(trend.value(atYear: 2023) - 101) < 1e-12)
    }

    /// Closed form for a straight line: b = Sxy / Sxx, se(b) = √(RSS / (n − 2) / Sxx).
    @Test func agreesWithTheClosedForm() throws {
        let years = [2018, 2021, 2022, 2023]
        let values = [2.1, 2.5, 2.4, 2.6]
        let trend = try #require(LinearTrend(years: years, values: values))
        let meanX = Double(years.reduce(0, +)) / 4
        let meanY = values.reduce(0, +) / 4
        var sxx = 0.0
        var sxy = 0.0
        for (x, y) in zip(years, values) {
            sxx += (Double(x) - meanX) * (Double(x) - meanX)
            sxy += (Double(x) - meanX) * (y - meanY)
        }
        let slope = sxy / sxx
        var rss = 0.0
        for (x, y) in zip(years, values) {
            let fitted = meanY + slope * (Double(x) - meanX)
            rss += (y - fitted) * (y - fitted)
        }
        let se = (rss / 2 / sxx).squareRoot()
        #expect(abs(trend.slope - slope) <= 1e-12 * abs(slope))
        #expect(abs((trend.slopeStandardError ?? .nan) - se) <= 1e-10 * se)
    }

    /// Slope and standard error 0 exactly, no p-value (a fit's rounding-sized slope and
    /// standard error had given one at random: 1.0, 0.98 and 0.20 for these three).
    @Test func constantSeriesHasNoPValue() throws {
        for level in [100.0, 37.3, 0.1] {
            let trend = try #require(LinearTrend(years: Array(2015...2022), values: Array(repeating: level, count: 8)))
            #expect(trend.slope == 0 && trend.slopeStandardError == 0 && trend.slopePValue == nil, "\(level)")
            #expect(trend.value(atYear: 2030) == level)
        }
        let two = try #require(LinearTrend(years: [2022, 2023], values: [5, 5]))
        #expect(two.slope == 0 && two.slopeStandardError == nil && two.slopePValue == nil)
    }

    @Test func needsTwoDistinctYears() {
        #expect(LinearTrend(years: [2023], values: [1]) == nil)
        #expect(LinearTrend(years: [], values: []) == nil)
        #expect(LinearTrend(years: [2023, 2023], values: [1, 2]) == nil)
    }

    @Test func collinearDesignIsRejected() {
        // Two identical columns: R has a zero on its diagonal.
        let design: [Double] = [1, 1, 2, 2, 3, 3]
        #expect(throws: LinearAlgebraError.rankDeficient(rank: 1, columns: [1])) {
            try LeastSquaresSolution(design: Matrix(rows: 3, columns: 2, rowMajor: design), response: [1, 2, 3])
        }
    }
}

@Suite struct LogLinearTrendTests {
    @Test func recoversAConstantGrowthRate() throws {
        let years = Array(2015...2023)
        let values = years.map { 100 * pow(1.07, Double($0 - 2015)) }
        let trend = try #require(LogLinearTrend(years: years, values: values))
        #expect(abs(trend.growthRate - 0.07) < 1e-13)
        #expect(abs(trend.value(atYear: 2024) - 100 * pow(1.07, 9)) < 1e-9)
    }

    @Test func intervalMapsTheSlopeInterval() throws {
        let years = [2019, 2020, 2021, 2022, 2023]
        let values = [10.0, 11.5, 11.9, 13.4, 14.1]
        let trend = try #require(LogLinearTrend(years: years, values: values))
        let interval = try #require(trend.growthRateInterval(level: 0.95))
        #expect(interval.lower < trend.growthRate && trend.growthRate < interval.upper)
        let fit = try RegressionFit(
            design: Matrix(columns: [[1, 1, 1, 1, 1], years.map { Double($0) - 2021 }]),
            response: values.map { log($0) }, hasIntercept: true)
        let critical = StudentT(degreesOfFreedom: 3).quantile(0.975)
        #expect(abs(interval.upper - expm1(fit.coefficients[1] + critical * fit.standardErrors[1])) < 1e-15)
    }

    @Test func rejectsNonPositiveValues() {
        #expect(LogLinearTrend(years: [2020, 2021], values: [1, 0]) == nil)
        #expect(LogLinearTrend(years: [2020, 2021], values: [1, -2]) == nil)
    }
}

@Suite struct WeightedRegressionTests {
    /// Integer weights equal repeating rows: WLS with w = (1, 2, 1, 3) gives OLS on the
    /// data with rows 2 and 4 repeated (coefficients; the residual degrees of freedom differ).
    @Test func weightsActLikeRepeatedRows() throws {
        let x: [Double] = [1, 2, 3, 4]
        let y: [Double] = [1.2, 1.9, 3.4, 3.8]
        let weighted = try RegressionFit(
            design: Matrix(columns: [[1, 1, 1, 1], x]), response: y, hasIntercept: true, weights: [1, 2, 1, 3])
        let repeatedX: [Double] = [1, 2, 2, 3, 4, 4, 4]
        let repeatedY: [Double] = [1.2, 1.9, 1.9, 3.4, 3.8, 3.8, 3.8]
        let ordinary = try RegressionFit(
            design: Matrix(columns: [[Double](repeating: 1, count: 7), repeatedX]), response: repeatedY,
            hasIntercept: true)
        for j in 0..<2 {
            #expect(abs(weighted.coefficients[j] - ordinary.coefficients[j]) <= 1e-14 * abs(ordinary.coefficients[j]))
        }
        #expect(
            abs(weighted.residualSumOfSquares - ordinary.residualSumOfSquares) <= 1e-13 * ordinary.residualSumOfSquares)
    }
}
