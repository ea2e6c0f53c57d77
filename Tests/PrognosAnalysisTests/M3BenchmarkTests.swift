import Foundation
import PrognosTestSupport
import Testing

@testable import PrognosAnalysis
@testable import PrognosForecast
@testable import PrognosIngest

/// The M3 yearly benchmark (`Datasets/m3-yearly`, 645 series, horizon 6): published
/// figures reproduced, and `auto`'s intervals calibrated.
@Suite struct M3BenchmarkTests {
    static let series: [Backtest.EvaluationSeries] = {
        let directory = TestSupport.repositoryRoot.appendingPathComponent("Datasets/m3-yearly")
        guard let dataset = try? DatasetLoader.load(directory: directory, displayName: "m3-yearly").dataset else {
            return []
        }
        return Backtest.series(of: dataset)
    }()

    static func overall(_ method: any Forecaster) -> AccuracyTable.Row? {
        let results = Backtest.run(method: method, series: series, holdout: nil, origins: 1, threads: 2)
        return AccuracyTable.rows(method: method.name, series: results).last
    }

    @Test func datasetHasAllSeries() {
        #expect(Self.series.count == 645)
        #expect(Self.series.allSatisfy { $0.testCount == 6 })
    }

    /// Naive must reproduce the published figures exactly (17.88, 3.172, ±0.005).
    @Test func naiveReproducesThePublishedFigures() throws {
        let row = try #require(Self.overall(RandomWalk(drift: false)))
        #expect(row.horizon == "all")
        #expect(row.count == 645 * 6)
        #expect(abs(row.smape - 17.88) <= 0.005, "\(row.smape)")
        #expect(abs(row.mase - 3.172) <= 0.005, "\(row.mase)")
    }

    /// Theta within 0.15 of forecast::thetaf's 16.76 sMAPE and 2.774 MASE.
    @Test func thetaIsWithinTheToleranceOfThetaf() throws {
        let row = try #require(Self.overall(ThetaForecaster()))
        #expect(abs(row.smape - 16.76) <= 0.15, "\(row.smape)")
        #expect(abs(row.mase - 2.774) <= 0.15, "\(row.mase)")
    }

    /// SES and Comb near the published original submissions (sMAPE 17.82 and 17.07, within
    /// 1.0; MASE within 0.2).
    @Test func sesAndCombAreNearThePublishedSubmissions() throws {
        let published: [(String, Double, Double)] = [("ses", 17.82, 3.171), ("comb", 17.07, 2.876)]
        for (code, smape, mase) in published {
            let method = try #require(MethodRegistry.method(code))
            let row = try #require(Self.overall(method))
            #expect(abs(row.smape - smape) <= 1.0, "\(code) sMAPE \(row.smape) vs \(smape)")
            #expect(abs(row.mase - mase) <= 0.2, "\(code) MASE \(row.mase) vs \(mase)")
        }
    }

    /// Holt and Damped, with the trend's smoothing limited to β < 0.12 (chosen on four
    /// selection sets; docs/forecasting.md "Four selection sets"), forecast better than the original
    /// submissions (sMAPE 20.02 and 17.36, MASE 3.182 and 3.032) and at least as well as
    /// statsforecast's AutoETS restricted to A,A,N and A,Ad,N on the same files
    /// (`make peers`: 17.690 / 2.805 and 16.812 / 2.755); DOTM, fitted as statsforecast
    /// fits it, at least as well as statsforecast's DynamicOptimizedTheta (15.787 / 2.576).
    @Test func holtDampedAndDOTMAreAtLeastAsGoodAsThePeers() throws {
        let peers: [(String, Double, Double)] = [
            ("holt", 17.690, 2.805), ("damped", 16.812, 2.755), ("dotm", 15.787, 2.576),
        ]
        for (code, smape, mase) in peers {
            let method = try #require(MethodRegistry.method(code))
            let row = try #require(Self.overall(method))
            #expect(row.smape <= smape, "\(code) sMAPE \(row.smape) vs statsforecast \(smape)")
            #expect(row.mase <= mase, "\(code) MASE \(row.mase) vs statsforecast \(mase)")
        }
    }

    /// `auto`'s 95 % intervals cover 90–97 % of the test points, with an MSIS well below Naive's.
    @Test func autoIntervalsAreCalibrated() throws {
        let auto = try #require(Self.overall(AutoForecaster()))
        let naive = try #require(Self.overall(RandomWalk(drift: false)))
        #expect(auto.coverage95 >= 0.90 && auto.coverage95 <= 0.97, "\(auto.coverage95)")
        #expect(auto.msis < 0.75 * naive.msis, "\(auto.msis) vs naive \(naive.msis)")
        // Below the published mean of ETS, ARIMA and Theta (16.03 / 2.688), the forecasting
        // issue's first bar.
        #expect(auto.smape < 16.03, "\(auto.smape)")
        #expect(auto.mase < 2.688, "\(auto.mase)")
    }

    /// The calibration protocol of the goals issue: auto's probabilities beat the best peer
    /// measured (statsforecast AutoETS, Brier 0.184) and the Gaussian-from-Theta baseline,
    /// with an expected calibration error of at most 0.03.
    @Test func autoProbabilitiesAreBetterCalibratedThanTheBaseline() {
        let auto = CalibrationReport.evaluate(method: AutoForecaster(), series: Self.series, holdout: nil, threads: 2)
        let theta = CalibrationReport.evaluate(method: ThetaForecaster(), series: Self.series, holdout: nil, threads: 2)
        #expect(auto.count == 645 * 6 * 7)
        #expect(auto.brier < 0.184, "\(auto.brier)")
        // The goals issue's calibration goal, met with settings chosen without the test part
        // (docs/forecasting.md "Four selection sets").
        #expect(auto.expectedCalibrationError <= 0.03, "\(auto.expectedCalibrationError)")
        #expect(auto.brier < theta.brier)
        #expect(auto.logLoss < theta.logLoss)
        #expect(auto.expectedCalibrationError < theta.expectedCalibrationError)
    }
}
