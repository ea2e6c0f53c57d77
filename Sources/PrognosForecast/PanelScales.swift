import Foundation

/// Each series' typical one-step move, the unit its errors are pooled in, shrunk towards
/// what the other series of its indicator suggest.
///
/// A series of m + 1 values has its own scale s = (1/m) Σ |Δyₜ| (the MASE scale) and its
/// size a = (1/(m + 1)) Σ |yₜ|. Its comparison group (``PanelSeries/peers``, when three of
/// its series moved), else its indicator (then its kind, then the panel;
/// ``PanelHierarchy``) has a typical relative move r, the median of s/a over its series
/// with a > 0 and s > 0. The prior scale of the series is r · a, and the scale used is
///
///     s̃² = (m s² + κ (r a)²) / (m + κ),
///
/// so a series with a long history keeps its own, and one with one or two moves, or none
/// (a tax rate unchanged for five years), is not taken to be certain.
///
/// Edge cases: a single value (m = 0) gets the prior r · a; a series of zeros (a = 0), or
/// one whose indicator, kind and panel have no series that moves, keeps its own s; where
/// that too is 0, the scale is 10⁻³ of its size, or 10⁻⁹ for a series of zeros, so that no
/// error is divided by zero.
enum PanelScales {
    ///
    /// - Parameter unitSize: for each series, whether its size is taken to be 1 (a series on
    ///   a logit or log scale, whose moves are already relative; nil: none is).
    static func shrunk(
        _ panel: [PanelSeries], hierarchy: PanelHierarchy, priorWeight kappa: Double, unitSize: [Bool]? = nil
    ) -> [Double] {
        let own = panel.map { $0.values.count >= 2 ? meanAbsoluteChange($0.values) : 0 }
        let size = panel.indices.map { index -> Double in
            let series = panel[index]
            if let unitSize, unitSize[index] { return 1 }
            guard !series.values.isEmpty else { return 0 }
            return series.values.reduce(0) { $0 + abs($1) } / Double(series.values.count)
        }
        // The median relative move at every node, from the series below it.
        var ratios = [[Double]](repeating: [], count: hierarchy.nodeCount)
        for index in panel.indices where size[index] > 0 && own[index] > 0 && own[index].isFinite {
            var node = hierarchy.indicatorNode[index]
            while node >= 0 {
                ratios[node].append(own[index] / size[index])
                node = hierarchy.parent[node]
            }
        }
        let medians = ratios.map { values -> Double in
            guard !values.isEmpty else { return .nan }
            let sorted = values.sorted()
            let middle = sorted.count / 2
            return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        }
        return panel.indices.map { index in
            let m = Double(max(0, panel[index].values.count - 1))
            let s = own[index].isFinite ? own[index] : 0
            var relative: Double? = nil
            // A comparison group's median relative move first, where three of its series moved.
            let peerRatios = panel[index].peers.compactMap { peer -> Double? in
                guard peer >= 0, peer < panel.count, size[peer] > 0, own[peer] > 0, own[peer].isFinite else {
                    return nil
                }
                return own[peer] / size[peer]
            }
            if peerRatios.count >= 3 {
                let sorted = peerRatios.sorted()
                let middle = sorted.count / 2
                relative = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
            }
            var node = relative == nil ? hierarchy.indicatorNode[index] : -1
            while node >= 0 {
                if !medians[node].isNaN {
                    relative = medians[node]
                    break
                }
                node = hierarchy.parent[node]
            }
            var scale = s
            if let relative, size[index] > 0 {
                let prior = relative * size[index]
                scale = ((m * s * s + kappa * prior * prior) / (m + kappa)).squareRoot()
            }
            if !(scale > 0) || !scale.isFinite { scale = size[index] > 0 ? size[index] * 1e-3 : 1e-9 }
            return scale
        }
    }
}
