/// What ``PanelAuto`` learnt from a panel's pooled backtest, ready to forecast any of its
/// short series, and to say where each forecast's uncertainty comes from.
extension PanelAuto {
    public struct Fitted: Sendable {
        let method: PanelAuto
        /// The panel on each series' transformed scale.
        let panel: [PanelSeries]
        let transforms: [Transform]
        let hierarchy: PanelHierarchy
        let scales: [Double]
        let choice: Choice
        /// Whether the backtest scored any error (else `choice` is Naive's default).
        let scored: Bool
        let fit: GlobalLinearModel.Fit?
        let horizon: Int
        /// Spreads from comparison groups, by series (``PanelAuto/groupSpreads``).
        let groups: [Int: (spread: [Double], peers: Int, errors: Int)]

        /// The forecast of series `index` of the panel, h = 1…`horizon` (at most the
        /// horizon fitted; nil beyond it), on its transformed scale (the distributions
        /// carry the ``Transform``). A single value is forecast by itself (Naive, or the
        /// global model's pooled drift) with the spread of its indicator; none, nil.
        ///
        /// - Parameter values: the series' values when they differ from the panel's (a
        ///   prefix of them, for a target before the last outcome), on the original scale.
        public func forecast(series index: Int, horizon: Int, values: [Double]? = nil) -> Forecast? {
            guard index >= 0, index < panel.count, horizon >= 1, horizon <= self.horizon else { return nil }
            let g = transforms[index]
            let y = values.map { $0.map { g.apply($0) } } ?? panel[index].values
            guard let last = y.last else { return nil }
            let node = hierarchy.indicatorNode[index]
            let scale = scales[index]
            // The mean of the members that can forecast the series; Naive where none can.
            let forecasts = choice.members[node].compactMap {
                method.points(
                    y, candidate: $0, series: index, scale: scale, fit: fit, hierarchy: hierarchy, horizon: horizon)
            }
            let points = (0..<horizon).map { h in PanelAuto.mean(forecasts.map { $0[h] }) ?? last }
            let original = values == nil ? panel[index] : nil
            let distributions = (0..<horizon).map { h in
                PredictiveDistribution(
                    location: points[h] + method.biasCorrection * scale * choice.bias[node][h],
                    scale: scale * (groups[index]?.spread[h] ?? choice.spread[node][h]) * method.inflation,
                    shape: .studentT(degreesOfFreedom: method.degreesOfFreedom),
                    lowerBound: original?.lowerBound, upperBound: original?.upperBound, transform: g)
            }
            return Forecast(method: method.name, distributions: distributions, intervalSource: .crossValidation)
        }

        /// The typical one-step move of series `index` on its transformed scale (``PanelScales``).
        public func typicalMove(series index: Int) -> Double? {
            index >= 0 && index < scales.count ? scales[index] : nil
        }

        /// Where series `index`'s forecast comes from (see ``PanelForecastSource``).
        public func source(series index: Int) -> PanelForecastSource? {
            guard index >= 0, index < panel.count else { return nil }
            let node = hierarchy.indicatorNode[index]
            let kind = hierarchy.parent[node]
            let kappa = method.scorePrior
            let names = method.candidateNames
            // The weight of each level in the shrunk estimate at horizon 1.
            let ownErrors = Double(choice.errors[node])
            let kindErrors = kind >= 0 ? Double(choice.errors[kind]) : 0
            // A comparison group's errors come first, then the indicator's, the kind's and
            // the panel's, each with weight N/(N + κ) of what is left.
            let group = groups[index]
            let groupErrors = Double(group?.errors ?? 0)
            let groupWeight = groupErrors / (groupErrors + kappa)
            let indicatorWeight = (1 - groupWeight) * ownErrors / (ownErrors + kappa)
            let kindWeight = (1 - groupWeight - indicatorWeight) * kindErrors / (kindErrors + kappa)
            let panelWeight = 1 - groupWeight - indicatorWeight - kindWeight
            let level: PanelForecastSource.Level
            if !scored {
                level = .ownMoves
            } else if groupWeight >= max(indicatorWeight, kindWeight, panelWeight) {
                level = .group
            } else if indicatorWeight >= max(kindWeight, panelWeight) {
                level = .indicator
            } else if kindWeight >= panelWeight {
                level = .kind
            } else {
                level = .panel
            }
            return PanelForecastSource(
                level: level,
                method: choice.members[node].map { $0 < names.count ? names[$0] : "naive" }.joined(separator: "+"),
                transform: transforms[index],
                values: panel[index].values.count, indicatorSeries: choice.series[node],
                kind: kind >= 0 ? hierarchy.names[kind] : "", kindSeries: kind >= 0 ? choice.series[kind] : 0,
                panelSeries: choice.series[0], groupSeries: group?.peers ?? 0)
        }
    }
}

/// Where a short series' forecast and its spread come from, for a reader: the level of
/// the pooled backtest that weighs most in its spread, and how many series it holds.
///
/// The spread is s̃ · σₕ: the series' own typical move s̃ (``PanelScales``: its own
/// moves, shrunk towards its indicator's) times the errors, in moves, of the chosen
/// method on the cut series (``PanelHierarchy``: the indicator's, shrunk towards its kind's
/// and the panel's; first from the series' comparison group where it has one). `level` is
/// the level whose weight N/(N + κ) in that estimate is the largest; `ownMoves` when nothing could be backtested (every series too short), and the
/// spread is one typical move per year, growing as √h.
public struct PanelForecastSource: Sendable, Equatable {
    public enum Level: String, Sendable {
        case group, indicator, kind, panel
        case ownMoves = "own_moves"
    }

    public var level: Level
    /// The method chosen for the series' indicator (`naive`, `ses`, `global`, …).
    public var method: String
    public var transform: Transform
    /// The values the series itself has.
    public var values: Int
    /// Series of the indicator, of the kind, and of the whole panel that the backtest scored.
    public var indicatorSeries: Int
    public var kind: String
    public var kindSeries: Int
    public var panelSeries: Int
    /// The comparison group's other series that the backtest scored (0 without a group).
    public var groupSeries: Int = 0
}
