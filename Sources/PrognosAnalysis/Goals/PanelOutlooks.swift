import Foundation
import PrognosForecast
import PrognosModel

/// `auto` on a dataset's short series as one panel (``PanelAuto``): what every
/// ``Outlook`` and ``TargetLikelihood`` of a series with fewer than
/// ``PanelAuto/shortBelow`` values in its latest run of consecutive years draws on.
///
/// The panel holds each series' latest run of consecutive years, for every indicator
/// that has a short series: the short series themselves and the long series of the same
/// indicators, whose cut values the pooled backtest also scores. A series' indicator is
/// its node (all its entities and genders together); its kind is the pool the dataset
/// names for the indicator (`indicators.csv`, column `pool`), else its unit.
/// Indicators whose series are all long are left out: ``AutoForecaster`` judges those by
/// their own rolling origins, so a dataset of long series costs nothing here.
///
/// Edge cases: an empty panel (no short series) forecasts nothing; a series outside the
/// panel, or a horizon beyond the one fitted, gets no forecast from it.
public struct PanelOutlooks: Sendable {
    let fitted: PanelAuto.Fitted?
    /// For each row of the dataset's ``Panel``, its index in the fitted panel, or −1.
    let member: [Int]
    let shortBelow: Int

    /// - Parameter year: the furthest year a forecast will be asked for (a target's);
    ///   the backtest reaches from each short series' last value to it, at least 1 and at
    ///   most ``Outlook/maximumHorizon`` years ahead.
    /// - Parameter peers: for a series, the entities of the other members of its
    ///   comparison group ("liknande kommuner"), if it has one: their series of the same
    ///   indicator and gender are the first level its spread is shrunk from.
    public init(
        panel: Panel, indicators: [String: Indicator], until year: Int?, method: PanelAuto = PanelAuto(),
        peers: ((SeriesKey) -> [String]?)? = nil, threads: Int
    ) {
        shortBelow = method.shortBelow
        // First the latest runs' columns (a dataset of long series costs one pass), then
        // the runs of the members, copied straight from the panel's grid.
        let width = panel.years.count
        var shortIndicators = Set<String>()
        var horizon = 1
        // Each row's latest run as a range of columns (consecutive years, all present).
        var runs = [Range<Int>](repeating: 0..<0, count: panel.keys.count)
        panel.values.withUnsafeBufferPointer { values in
            for (row, key) in panel.keys.enumerated() {
                var count = 0
                var lastOffset = -1
                for offset in stride(from: width - 1, through: 0, by: -1) {
                    let present = !values[row * width + offset].isNaN
                    if lastOffset < 0 {
                        if present {
                            lastOffset = offset
                            count = 1
                        }
                        continue
                    }
                    guard present, panel.years[offset] == panel.years[lastOffset] - count else { break }
                    count += 1
                }
                guard lastOffset >= 0 else { continue }
                runs[row] = (lastOffset - count + 1)..<(lastOffset + 1)
                guard count < method.shortBelow else { continue }
                shortIndicators.insert(key.indicatorID)
                if let year { horizon = max(horizon, min(Outlook.maximumHorizon, year - panel.years[lastOffset])) }
            }
        }
        var member = [Int](repeating: -1, count: panel.keys.count)
        var series: [PanelSeries] = []
        var kinds: [String: (kind: String, unit: String, lower: Double?, upper: Double?)] = [:]
        for (row, key) in panel.keys.enumerated() where shortIndicators.contains(key.indicatorID) && !runs[row].isEmpty
        {
            let columns = runs[row]
            let run = Array(panel.values[(row * width + columns.lowerBound)..<(row * width + columns.upperBound)])
            if kinds[key.indicatorID] == nil {
                let indicator = indicators[key.indicatorID]
                // A pool the dataset names stands in for the unit; the transform still
                // follows the unit (a pool of counts may be named "injuries").
                let kind = indicator.map(Backtest.kind) ?? ""
                kinds[key.indicatorID] = (
                    kind, indicator?.unit.rawValue ?? "", indicator?.lowerBound, indicator?.upperBound
                )
            }
            let kind = kinds[key.indicatorID] ?? ("", "", nil, nil)
            member[row] = series.count
            series.append(
                PanelSeries(
                    values: run, indicator: key.indicatorID, kind: kind.kind, lowerBound: kind.lower,
                    upperBound: kind.upper,
                    unit: kind.unit))
        }
        if let peers {
            for (row, key) in panel.keys.enumerated() where member[row] >= 0 {
                guard let others = peers(key), !others.isEmpty else { continue }
                series[member[row]].peers = others.compactMap { entity in
                    panel.row(of: SeriesKey(entityID: entity, indicatorID: key.indicatorID, gender: key.gender))
                        .flatMap { member[$0] >= 0 ? member[$0] : nil }
                }
            }
        }
        self.member = member
        fitted = series.isEmpty ? nil : method.fit(series, horizon: horizon, threads: threads)
    }

    /// Whether the series of panel row `row` with a run of `count` values is forecast here.
    func covers(row: Int?, count: Int) -> Bool {
        guard let row, row >= 0, row < member.count else { return false }
        return member[row] >= 0 && count < shortBelow && fitted != nil
    }

    /// The forecast of a short series `horizon` years after the last value of `run` (its
    /// latest run of consecutive years, or a prefix of it), with where its spread comes from.
    func forecast(row: Int?, run: [Double], horizon: Int) -> (
        distribution: PredictiveDistribution, method: String, basis: UncertaintyBasis
    )? {
        guard covers(row: row, count: run.count), let row, let fitted else { return nil }
        let index = member[row]
        guard let forecast = fitted.forecast(series: index, horizon: horizon, values: run),
            let distribution = forecast.distributions.last, let source = fitted.source(series: index)
        else { return nil }
        var shown = source
        shown.values = run.count
        return (distribution, source.method, UncertaintyBasis.panel(shown))
    }

    /// The typical one-year move of a short series, on its forecasting scale, with that scale.
    func typicalMove(row: Int?) -> (move: Double, transform: Transform)? {
        guard let row, row >= 0, row < member.count, member[row] >= 0, let fitted,
            let move = fitted.typicalMove(series: member[row]), let source = fitted.source(series: member[row])
        else { return nil }
        return (move, source.transform)
    }
}
