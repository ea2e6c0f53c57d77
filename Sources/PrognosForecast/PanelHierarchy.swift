/// The three levels a panel pools at: each series' indicator, the indicator's kind, and
/// the whole panel. Nodes are numbered: 0 is the whole panel, then the kinds, then the
/// indicators, each in the order of its first series (so the same panel always gives the
/// same numbers).
///
/// A statistic is estimated at every node from the observations that fall in it, and
/// shrunk towards its parent's estimate with a prior weight of κ observations:
///
///     θ̂(node) = (N · mean(node) + κ · θ̂(parent)) / (N + κ),
///
/// θ̂(whole panel) being its plain mean. An indicator with many observations keeps its
/// own value; one with none takes its kind's, and a kind with none the panel's.
struct PanelHierarchy: Sendable {
    /// For each series, its indicator's node.
    let indicatorNode: [Int]
    /// For each node, its parent (−1 for the panel).
    let parent: [Int]
    let nodeCount: Int
    /// Each node's name, as the summaries state it ("" for the whole panel).
    let names: [String]
    /// For each node, its level: 0 the panel, 1 a kind, 2 an indicator.
    let level: [Int]

    init(_ panel: [PanelSeries]) {
        var kinds: [String: Int] = [:]
        var kindOrder: [String] = []
        for series in panel where kinds[series.kind] == nil {
            kinds[series.kind] = kindOrder.count
            kindOrder.append(series.kind)
        }
        var indicators: [String: Int] = [:]
        var indicatorOrder: [(String, Int)] = []
        var indicatorNode: [Int] = []
        indicatorNode.reserveCapacity(panel.count)
        for series in panel {
            let kind = 1 + (kinds[series.kind] ?? 0)
            let key = series.kind + "\u{1F}" + series.indicator
            if let node = indicators[key] {
                indicatorNode.append(node)
            } else {
                let node = 1 + kindOrder.count + indicatorOrder.count
                indicators[key] = node
                indicatorOrder.append((series.indicator, kind))
                indicatorNode.append(node)
            }
        }
        self.indicatorNode = indicatorNode
        parent = [-1] + Array(repeating: 0, count: kindOrder.count) + indicatorOrder.map(\.1)
        names = [""] + kindOrder + indicatorOrder.map(\.0)
        level = [0] + Array(repeating: 1, count: kindOrder.count) + Array(repeating: 2, count: indicatorOrder.count)
        nodeCount = 1 + kindOrder.count + indicatorOrder.count
    }

    /// The nodes from a series' indicator up to the panel.
    func path(series index: Int) -> [Int] {
        var nodes: [Int] = []
        var node = indicatorNode[index]
        while node >= 0 {
            nodes.append(node)
            node = parent[node]
        }
        return nodes
    }

    /// Sums and counts at every node; `add` puts an observation into a series' indicator,
    /// its kind and the panel.
    struct Sums: Sendable {
        var sum: [Double]
        var count: [Double]

        init(nodes: Int) {
            sum = Array(repeating: 0, count: nodes)
            count = Array(repeating: 0, count: nodes)
        }
    }

    func add(_ value: Double, series index: Int, to sums: inout Sums) {
        var node = indicatorNode[index]
        while node >= 0 {
            sums.sum[node] += value
            sums.count[node] += 1
            node = parent[node]
        }
    }

    /// Every node's shrunk estimate (see the type), NaN where the panel has no observation.
    ///
    /// - Parameter rootPrior: when given, the whole panel's estimate is shrunk towards it
    ///   as well, θ̂(panel) = (N · mean + κ · prior)/(N + κ): a small panel does not take a
    ///   handful of errors at their word.
    func shrunk(_ sums: Sums, priorWeight kappa: Double, rootPrior: Double? = nil) -> [Double] {
        var estimate = [Double](repeating: .nan, count: nodeCount)
        // Parents come before their children in the numbering.
        for node in 0..<nodeCount {
            let n = sums.count[node]
            let mean = n > 0 ? sums.sum[node] / n : 0
            let p = parent[node]
            if p < 0, let rootPrior {
                estimate[node] = (sums.sum[node] + kappa * rootPrior) / (n + kappa)
            } else if p < 0 || estimate[p].isNaN {
                estimate[node] = n > 0 ? mean : .nan
            } else {
                estimate[node] = (sums.sum[node] + kappa * estimate[p]) / (n + kappa)
            }
        }
        return estimate
    }
}
