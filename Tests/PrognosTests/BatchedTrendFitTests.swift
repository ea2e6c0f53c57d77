import Foundation
import Testing

@testable import Prognos
@testable import PrognosLinear
@testable import PrognosModel
@testable import PrognosSupport

/// The batched path (complete series through one operator, series with gaps one by one)
/// against the one-at-a-time path
/// (``LinearTrend``: refined QR per series), and its determinism across thread counts.
@Suite struct BatchedTrendFitTests {
    static let years = Array(2004...2023)

    /// m series of random level, trend and noise; in `missingShare` of them each value
    /// is missing with probability 0.1.
    static func panel(series m: Int, missingShare: Double, seed: UInt64) -> [Double] {
        var random = SplitMix64(seed: seed)
        let n = years.count
        var values = [Double](repeating: 0, count: m * n)
        for s in 0..<m {
            let level = 50 + 30 * random.nextNormal()
            let slope = 2 * random.nextNormal()
            let noise = 0.1 + 3 * random.nextUnit()
            let sparse = random.nextUnit() < missingShare
            for i in 0..<n {
                let missing = sparse && random.nextUnit() < 0.1
                values[s * n + i] = missing ? .nan : level + slope * Double(i - n / 2) + noise * random.nextNormal()
            }
        }
        return values
    }

    func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
        if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
        return abs(a - b) <= tolerance * max(abs(b), 1e-300)
    }

    /// Share 0: every series complete, fitted straight from the panel's memory; share 0.5:
    /// half the series have gaps and are gathered per mask group.
    @Test(arguments: [0.0, 0.5])
    func agreesWithTheOneAtATimePath(missingShare: Double) throws {
        let n = Self.years.count
        let m = 600
        let values = Self.panel(series: m, missingShare: missingShare, seed: 7)
        let batch = BatchedTrendFit(values: values, years: Self.years, threads: 2)
        var compared = 0
        for s in 0..<m {
            let present = (0..<n).filter { !values[s * n + $0].isNaN }
            let trend = try #require(
                LinearTrend(years: present.map { Self.years[$0] }, values: present.map { values[s * n + $0] }))
            #expect(batch.pointCounts[s] == present.count)
            #expect(close(batch.slopes[s], trend.slope), "series \(s) slope")
            let interceptAtCentre = trend.intercept + trend.slope * (batch.centerYear - trend.centerYear)
            #expect(close(batch.intercepts[s], interceptAtCentre), "series \(s) intercept")
            #expect(close(batch.slopeStandardErrors[s], trend.slopeStandardError ?? .nan), "series \(s) se")
            compared += 1
        }
        #expect(compared == m)
    }

    @Test func identicalBytesWhateverTheThreadCount() {
        let values = Self.panel(series: 5000, missingShare: 0.3, seed: 11)
        let one = BatchedTrendFit(values: values, years: Self.years, threads: 1)
        let two = BatchedTrendFit(values: values, years: Self.years, threads: 2)
        let four = BatchedTrendFit(values: values, years: Self.years, threads: 4)
        for other in [two, four] {
            #expect(one.slopes.map(\.bitPattern) == other.slopes.map(\.bitPattern))
            #expect(one.intercepts.map(\.bitPattern) == other.intercepts.map(\.bitPattern))
            #expect(one.slopeStandardErrors.map(\.bitPattern) == other.slopeStandardErrors.map(\.bitPattern))
            #expect(
                one.residualStandardDeviations.map(\.bitPattern) == other.residualStandardDeviations.map(\.bitPattern))
        }
    }

    /// Complete series are fitted two at a time; a series' result must not depend on
    /// its partner or on whether it had one. Dropping the first series shifts every
    /// pairing (and leaves an odd count); seven years leave a scalar tail of three.
    @Test func aSeriesFitDoesNotDependOnItsNeighbour() throws {
        let years = Array(2017...2023)
        let n = years.count
        var random = SplitMix64(seed: 13)
        let m = 2 * BatchedTrendFit.chunkSize + 7
        let values = (0..<(m * n)).map { i in 5 + 0.7 * Double(i % n) + random.nextNormal() }
        let all = BatchedTrendFit(values: values, years: years, threads: 2)
        let shifted = BatchedTrendFit(values: Array(values[n...]), years: years, threads: 1)
        #expect(all.slopes.dropFirst().map(\.bitPattern) == shifted.slopes.map(\.bitPattern))
        #expect(all.intercepts.dropFirst().map(\.bitPattern) == shifted.intercepts.map(\.bitPattern))
        #expect(
            all.residualStandardDeviations.dropFirst().map(\.bitPattern)
                == shifted.residualStandardDeviations.map(\.bitPattern))
        #expect(all.slopeStandardErrors.dropFirst().map(\.bitPattern) == shifted.slopeStandardErrors.map(\.bitPattern))
        for s in [0, 1, m / 2, m - 2, m - 1] {
            let trend = try #require(LinearTrend(years: years, values: Array(values[(s * n)..<((s + 1) * n)])))
            #expect(close(all.slopes[s], trend.slope), "series \(s) slope")
            #expect(close(all.slopeStandardErrors[s], trend.slopeStandardError ?? .nan), "series \(s) se")
        }
    }

    @Test func shortAndEmptySeries() {
        let n = 4
        let values: [Double] = [
            1, 2, 3, 4,  // complete
            .nan, 5, .nan, 9,  // two points: exact line, no standard error
            .nan, .nan, 7, .nan,  // one point
            .nan, .nan, .nan, .nan,  // none
        ]
        let fit = BatchedTrendFit(values: values, years: [2020, 2021, 2022, 2023], threads: 1)
        #expect(fit.pointCounts == [4, 2, 1, 0])
        #expect(abs(fit.slopes[0] - 1) < 1e-14)
        #expect(abs(fit.slopes[1] - 2) < 1e-14)
        #expect(fit.slopeStandardErrors[1].isNaN)
        #expect(fit.slopes[2].isNaN && fit.slopes[3].isNaN)
        #expect(abs(fit.slopeStandardErrors[0]) < 1e-14)
        _ = n
    }

    /// A grid of 150 years (no limit on its length), complete and with gaps.
    @Test func longGrids() throws {
        let years = Array(1874...2023)
        let n = years.count
        var random = SplitMix64(seed: 5)
        var values: [Double] = []
        for s in 0..<40 {
            for i in 0..<n {
                let missing = s % 2 == 1 && random.nextUnit() < 0.2
                values.append(missing ? .nan : 10 + 0.3 * Double(i) + random.nextNormal())
            }
        }
        let batch = BatchedTrendFit(values: values, years: years, threads: 2)
        for s in 0..<40 {
            let present = (0..<n).filter { !values[s * n + $0].isNaN }
            let trend = try #require(
                LinearTrend(years: present.map { years[$0] }, values: present.map { values[s * n + $0] }))
            #expect(close(batch.slopes[s], trend.slope), "series \(s)")
            #expect(close(batch.slopeStandardErrors[s], trend.slopeStandardError ?? .nan), "series \(s) se")
        }
    }
}

/// `prognos run` fits every series' trend at once (``BatchedTrendFit`` on the panel); each
/// equals the one-at-a-time fit of ``LinearTrend/init(years:values:)``: complete series,
/// series with gaps, constant ones, two points, one point.
@Suite struct RunTrendTests {
    @Test func batchedTrendsEqualTheOneAtATimeFit() throws {
        var random = SplitMix64(seed: 21)
        let indicator = Indicator(
            id: "i", titleSv: "I", titleEn: "I", unit: .count, lowerBound: 0, upperBound: nil,
            polarity: .higherIsBetter,
            source: "test")
        var entities: [Entity] = []
        var observations: [Observation] = []
        for e in 0..<60 {
            let id = "e\(e)"
            entities.append(Entity(id: id, name: id, kind: .municipality))
            let level = 50 + 20 * random.nextUnit()
            let slope = random.nextNormal()
            for (k, year) in (2010...2023).enumerated() {
                switch e % 6 {
                case 0:
                    if k >= 12 {
                        observations.append(Observation(entityID: id, indicatorID: "i", year: year, value: level))
                    }  // two points, constant
                case 1:
                    if k == 13 {
                        observations.append(Observation(entityID: id, indicatorID: "i", year: year, value: level))
                    }  // one point
                // Constant.
                case 2: observations.append(Observation(entityID: id, indicatorID: "i", year: year, value: 100))
                case 3:
                    if random.nextUnit() < 0.7 {
                        observations.append(
                            Observation(
                                entityID: id, indicatorID: "i", year: year,
                                value: level + slope * Double(k) + random.nextNormal()))
                    }  // gaps
                default:
                    observations.append(
                        Observation(
                            entityID: id, indicatorID: "i", year: year,
                            value: level + slope * Double(k) + random.nextNormal()))
                }
            }
        }
        let dataset = Dataset(name: "t", entities: entities, indicators: [indicator], observations: observations)
        let analysis = RunJob().analyze(dataset)
        #expect(analysis.series.count == 60)
        var compared = 0
        for summary in analysis.series {
            let single = LinearTrend(years: summary.points.map(\.year), values: summary.points.map(\.value))
            guard let single else {
                #expect(summary.trend == nil, "\(summary.key.entityID)")
                continue
            }
            let batched = try #require(summary.trend, "\(summary.key.entityID)")
            #expect(batched.pointCount == single.pointCount)
            let scale = max(abs(single.slope), 1e-9 * abs(single.value(atYear: 2023)))
            #expect(abs(batched.slope - single.slope) <= 1e-10 * scale, "\(summary.key.entityID) slope")
            #expect(
                abs(batched.value(atYear: 2030) - single.value(atYear: 2030)) <= 1e-10 * abs(single.value(atYear: 2030))
            )
            switch (batched.slopeStandardError, single.slopeStandardError) {
            case (nil, nil): break
            case (let a?, let b?): #expect(abs(a - b) <= 1e-9 * max(b, 1e-300), "\(summary.key.entityID) se")
            default: Issue.record("\(summary.key.entityID): standard error present in one fit only")
            }
            switch (batched.slopePValue, single.slopePValue) {
            case (nil, nil): break
            case (let a?, let b?): #expect(abs(a - b) <= 1e-9, "\(summary.key.entityID) p")
            default: Issue.record("\(summary.key.entityID): p-value present in one fit only")
            }
            compared += 1
        }
        #expect(compared == 50)
    }
}
