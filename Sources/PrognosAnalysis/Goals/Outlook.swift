import Foundation
import PrognosForecast
import PrognosModel

/// The predictive distribution of a series' value in a future year, and where its
/// uncertainty comes from.
///
/// - A series with fewer than ``PanelAuto/shortBelow`` values in its latest run of
///   consecutive years is forecast by `auto` on the dataset's panel (``PanelOutlooks``):
///   the method that forecast its indicator's series best in the pooled backtest, with a
///   spread in the series' own typical moves, on a logit scale for a bounded quantity
///   and on log1p's for a small count or FTE figure (``Transform``).
/// - A longer series, or any series when there is no panel, is forecast by `method`
///   (`auto`: ``AutoForecaster``) on its latest run, with its own spread ("own history").
///   Without a panel, a run of one or two values gets no outlook.
/// - Censored at the indicator's bounds.
///
/// `basis` says where the spread comes from, as a code and in plain words
/// (``UncertaintyBasis``). Nil when there is no value at all, no forecast, or the year is
/// more than ``maximumHorizon`` years after the last value.
public struct Outlook: Sendable {
    public let distribution: PredictiveDistribution
    public let basis: UncertaintyBasis
    public let method: String
    public let year: Int
    /// The distribution's central 80 % and 95 % intervals, computed once with it (each is
    /// two quantiles, an iterative inversion for Student t) rather than by every output
    /// that prints them.
    public let interval80: (lower: Double, upper: Double)
    public let interval95: (lower: Double, upper: Double)

    /// The basis's code (`own`, `indicator`, `kind`, `panel`, `own_moves`).
    public var source: String { basis.code }

    public init(distribution: PredictiveDistribution, basis: UncertaintyBasis, method: String, year: Int) {
        self.distribution = distribution
        self.basis = basis
        self.method = method
        self.year = year
        interval80 = distribution.interval(0.8)
        interval95 = distribution.interval(0.95)
    }

    /// The furthest a forecast reaches, in years after the last value: beyond it there is
    /// no outlook (a target for the year 9999 is not forecast year by year).
    public static let maximumHorizon = 30

    /// - Parameter row: the series' row in the dataset's ``Panel`` (what `panel` knows it by).
    public static func make(
        points: [SeriesPoint], year: Int, indicator: Indicator?, row: Int?, panel: PanelOutlooks?,
        method: any Forecaster
    ) -> Outlook? {
        guard let last = points.last, year > last.year, year - last.year <= maximumHorizon else { return nil }
        let run = SeriesPoint.latestConsecutiveRun(points)
        let h = year - last.year
        if let panel, let (distribution, name, basis) = panel.forecast(row: row, run: run, horizon: h) {
            return Outlook(
                distribution: distribution.bounded(lower: indicator?.lowerBound, upper: indicator?.upperBound),
                basis: basis, method: name, year: year)
        }
        guard run.count >= 3, let forecast = method.forecast(run, horizon: h), let d = forecast.distributions.last
        else {
            return nil
        }
        return Outlook(
            distribution: d.bounded(lower: indicator?.lowerBound, upper: indicator?.upperBound),
            basis: .ownHistory(values: run.count), method: forecast.method, year: year)
    }
}
