import Foundation
import Prognos

/// The noise within the selection sets: the sMAPE and MASE averages of the rule (see
/// ``RuleScores``) recomputed on the sets' series resampled with replacement, the same
/// draw for both settings and for every evaluation of a set, 1,000 times from a fixed
/// seed; the 5th and 95th percentiles form the 90 % interval. It shows how far the
/// series of these sets move the comparison, not how far other data sets would.
struct PairedBootstrap {
    /// sums[set][evaluation][series] = (sMAPE sum, MASE sum) over the series' forecasts
    private let base: [[[(Double, Double)]]]
    private let other: [[[(Double, Double)]]]

    init(base baseMethod: any Forecaster, other otherMethod: any Forecaster, on selection: SelectionSets) {
        base = Self.sums(baseMethod, selection)
        other = Self.sums(otherMethod, selection)
    }

    private static func sums(_ method: any Forecaster, _ selection: SelectionSets) -> [[[(Double, Double)]]] {
        selection.sets.map { evaluations in
            evaluations.map { evaluation in
                evaluation.series.map { series in
                    var smape = 0.0
                    var mase = 0.0
                    for result in Backtest.run(
                        method: method, series: [series], holdout: evaluation.holdout, origins: evaluation.origins,
                        threads: 1)
                    {
                        for cell in result.cells {
                            let forecast = cell.distribution.point
                            let denominator = abs(cell.actual) + abs(forecast)
                            smape += denominator > 0 ? 200 * abs(cell.actual - forecast) / denominator : 0
                            if result.scale > 0 { mase += abs(cell.actual - forecast) / result.scale }
                        }
                    }
                    return (smape, mase)
                }
            }
        }
    }

    /// The averages (sMAPE, MASE) of `other` over `base` for one draw of series per set.
    private func averages(_ draw: [[Int]]) -> (Double, Double) {
        var smape = 0.0
        var mase = 0.0
        for s in base.indices {
            var setSmape = 0.0
            var setMase = 0.0
            for k in base[s].indices {
                var b = (0.0, 0.0)
                var o = (0.0, 0.0)
                for i in draw[s] {
                    b.0 += base[s][k][i].0
                    b.1 += base[s][k][i].1
                    o.0 += other[s][k][i].0
                    o.1 += other[s][k][i].1
                }
                setSmape += o.0 / b.0
                setMase += o.1 / b.1
            }
            smape += setSmape / Double(base[s].count)
            mase += setMase / Double(base[s].count)
        }
        return (smape / Double(base.count), mase / Double(base.count))
    }

    func line(_ label: String, replicates: Int = 1000) -> String {
        var generator = SplitMix64(seed: 2026)
        var smapes: [Double] = []
        var mases: [Double] = []
        for _ in 0..<replicates {
            let draw = base.map { set in
                let n = set[0].count
                return (0..<n).map { _ in Int(generator.next() % UInt64(n)) }
            }
            let (s, m) = averages(draw)
            smapes.append(s)
            mases.append(m)
        }
        smapes.sort()
        mases.sort()
        let all = averages(base.map { Array($0[0].indices) })
        let low = replicates / 20
        let high = replicates - 1 - replicates / 20
        return String(
            format: "%@ sMAPE %.4f [%.4f, %.4f], MASE %.4f [%.4f, %.4f]",
            label.padding(toLength: 36, withPad: " ", startingAt: 0), all.0, smapes[low], smapes[high], all.1,
            mases[low], mases[high])
    }
}

/// Steele, Lea & Flood's SplitMix64: a small seeded generator, so that the intervals are
/// the same in every run.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
