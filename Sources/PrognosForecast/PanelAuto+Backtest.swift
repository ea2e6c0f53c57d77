import Foundation
import PrognosSupport

extension PanelAuto {
    /// The pooled backtest (see ``PanelAuto``): each indicator's candidates and spread, nil
    /// when no cut series could be scored.
    ///
    /// 1. Every series is cut by its last k values, k = 1…`cuts`, and every candidate
    ///    forecasts the cut values (one row of points per series and cut).
    /// 2. Each candidate's mean |e| (in the series' moves) is shrunk indicator → kind →
    ///    panel, the panel's towards a random walk's √h moves, beside Naive's on the same
    ///    values; a node ranks the candidates by the ratio, averaged over the first
    ///    `scoreHorizons` horizons.
    /// 3. The forecast of a node is the mean of its best `combine` candidates' points
    ///    (those that can forecast the series; Naive where none can). Its own errors on the
    ///    cut values, shrunk the same way, give the spread per horizon (and the bias).
    ///
    /// - Parameter trackSeries: whether to keep each series' own error sums (for comparison
    ///   groups, ``groupSpreads(_:hierarchy:choice:sample:horizon:)``; an array per series).
    func choose(
        _ panel: [PanelSeries], hierarchy: PanelHierarchy, scales: [Double], unitSize: [Bool], horizon: Int,
        trackSeries: Bool = false, threads: Int
    ) -> Choice? {
        let names = candidateNames
        let steps = min(horizon, cuts)
        let nodes = hierarchy.nodeCount
        let empty = [PanelHierarchy.Sums](repeating: PanelHierarchy.Sums(nodes: nodes), count: steps)
        var errors = [[PanelHierarchy.Sums]](repeating: empty, count: names.count)
        var naiveErrors = [[PanelHierarchy.Sums]](repeating: empty, count: names.count)
        var scoredSeries = [Bool](repeating: false, count: panel.count)
        // Every cut's rows, kept for the combination's errors: rows[k − 1][series].
        var rows: [[[Double]?]] = []
        for k in 1...max(1, cuts) {
            let cut = panel.map { series -> PanelSeries in
                var shorter = series
                shorter.values = Array(series.values.dropLast(k))
                return shorter
            }
            let cutScales = PanelScales.shrunk(cut, hierarchy: hierarchy, priorWeight: scalePrior, unitSize: unitSize)
            let fit = global?.fit(cut, scales: cutScales, hierarchy: hierarchy, horizon: min(k, steps))
            let slots = WorkerSlots<[Double]>(count: panel.count)
            let reach = min(k, steps)
            performAdaptively(count: panel.count, threads: threads) { index in
                let y = cut[index].values
                guard y.count >= 2 else { return }
                var row: [Double] = []
                row.reserveCapacity(names.count * reach)
                for c in names.indices {
                    let points = self.points(
                        y, candidate: c, series: index, scale: cutScales[index], fit: fit, hierarchy: hierarchy,
                        horizon: reach)
                    row.append(contentsOf: points ?? Array(repeating: .nan, count: reach))
                }
                slots.store(index, row)
            }
            let cutRows = slots.all()
            for (index, row) in cutRows.enumerated() {
                guard let row, row.count == names.count * reach else { continue }
                let actual = panel[index].values
                let origin = actual.count - k
                let last = actual[origin - 1]
                scoredSeries[index] = true
                for c in names.indices {
                    for h in 0..<reach {
                        let e = abs(actual[origin + h] - row[c * reach + h]) / scales[index]
                        let naive = abs(actual[origin + h] - last) / scales[index]
                        guard e.isFinite, naive.isFinite else { continue }
                        hierarchy.add(e, series: index, to: &errors[c][h])
                        hierarchy.add(naive, series: index, to: &naiveErrors[c][h])
                    }
                }
            }
            rows.append(cutRows)
        }
        guard errors.contains(where: { ($0.first?.count.first ?? 0) > 0 }) else { return nil }
        // The whole panel's mean |e| at horizon h is shrunk towards √h typical moves (a
        // random walk's, the scale's own definition), so that a small panel's few errors
        // do not set every spread.
        func shrunkMeans(_ sums: [PanelHierarchy.Sums]) -> [[Double]] {
            sums.enumerated().map { h, s in
                hierarchy.shrunk(s, priorWeight: scorePrior, rootPrior: Double(h + 1).squareRoot())
            }
        }
        let means = errors.map(shrunkMeans)
        let naiveMeans = naiveErrors.map(shrunkMeans)
        var members = [[Int]](repeating: [0], count: nodes)
        for node in 0..<nodes {
            var scored: [(score: Double, candidate: Int)] = []
            for c in names.indices {
                // Relative to Naive on the same values, averaged over the horizons scored.
                let ratios = (0..<min(steps, max(1, scoreHorizons))).compactMap { h -> Double? in
                    let own = means[c][h][node]
                    let naive = naiveMeans[c][h][node]
                    return own.isNaN || !(naive > 0) ? nil : own / naive
                }
                guard !ratios.isEmpty else { continue }
                scored.append((ratios.reduce(0, +) / Double(ratios.count), c))
            }
            // Best first; ties keep the candidates' order (Naive first).
            scored.sort { $0.score < $1.score || ($0.score == $1.score && $0.candidate < $1.candidate) }
            if !scored.isEmpty { members[node] = scored.prefix(max(1, combine)).map(\.candidate) }
        }
        // The combination's own errors on the cut values: its spread and bias, and each
        // series' own sums (for its comparison group's spread).
        var combined = empty
        var signed = empty
        var seriesErrors = [[(sum: Double, count: Int)]](
            repeating: Array(repeating: (0, 0), count: steps), count: trackSeries ? panel.count : 0)
        for k in 1...max(1, cuts) {
            let reach = min(k, steps)
            for (index, row) in rows[k - 1].enumerated() {
                guard let row, row.count == names.count * reach else { continue }
                let actual = panel[index].values
                let origin = actual.count - k
                let chosen = members[hierarchy.indicatorNode[index]]
                for h in 0..<reach {
                    let point = Self.mean(chosen.map { row[$0 * reach + h] }) ?? actual[origin - 1]
                    let error = (actual[origin + h] - point) / scales[index]
                    guard error.isFinite else { continue }
                    hierarchy.add(abs(error), series: index, to: &combined[h])
                    hierarchy.add(error, series: index, to: &signed[h])
                    if trackSeries {
                        seriesErrors[index][h].sum += abs(error)
                        seriesErrors[index][h].count += 1
                    }
                }
            }
        }
        let spreadMeans = shrunkMeans(combined)
        let biasMeans = signed.map { hierarchy.shrunk($0, priorWeight: scorePrior, rootPrior: 0) }
        let expectedAbsolute = Self.meanAbsoluteT(degreesOfFreedom)
        var spread = [[Double]](repeating: [], count: nodes)
        var bias = [[Double]](repeating: [], count: nodes)
        for node in 0..<nodes {
            // Beyond the horizons scored, the spread grows as √h and the bias as h.
            var sigma: [Double] = []
            var shift: [Double] = []
            for h in 0..<horizon {
                if h < steps {
                    sigma.append(max(spreadMeans[h][node], 1e-9) / expectedAbsolute)
                    shift.append(biasMeans[h][node].isNaN ? 0 : biasMeans[h][node])
                } else {
                    sigma.append(sigma[steps - 1] * (Double(h + 1) / Double(steps)).squareRoot())
                    shift.append(shift[steps - 1] * Double(h + 1) / Double(steps))
                }
            }
            spread[node] = sigma
            bias[node] = shift
        }
        var seriesCount = PanelHierarchy.Sums(nodes: nodes)
        for index in panel.indices where scoredSeries[index] { hierarchy.add(1, series: index, to: &seriesCount) }
        return Choice(
            members: members, spread: spread, bias: bias, series: seriesCount.count.map { Int($0) },
            errors: combined[0].count.map { Int($0) }, seriesErrors: seriesErrors)
    }

    /// The mean of the finite values, nil without any.
    static func mean(_ values: [Double]) -> Double? {
        var total = 0.0
        var count = 0
        for value in values where value.isFinite {
            total += value
            count += 1
        }
        return count > 0 ? total / Double(count) : nil
    }
}
