import Foundation
import PrognosNumerics
import PrognosSupport

/// `auto` on a panel: a series long enough to judge its own methods gets ``AutoForecaster``;
/// a short one (fewer than `shortBelow` values) gets the method that forecast best the
/// series of its indicator, with a spread learnt from their errors in their own units.
///
/// The pooled backtest: every series of the panel is cut by its last k values, k = 1…`cuts`,
/// and each candidate (the one-series `candidates`, and the ``GlobalLinearModel`` fitted
/// on the cut panel) forecasts the cut values. An error is measured in the series' own
/// typical move, e = (y − ŷ)/s̃ (``PanelScales``), and every candidate's mean |e| is
/// estimated per horizon at each indicator, shrunk towards its kind and the panel
/// (``PanelHierarchy``, prior weight `scorePrior` errors). A candidate is scored only on
/// the cut series it can forecast (Damped needs 6 values), beside Naive's mean |e| on the
/// same values.
///
/// Each indicator takes the candidate with the lowest ratio of its mean |e| to Naive's,
/// averaged over the horizons scored; where it cannot forecast a series, Naive's point
/// forecast stands in, with its spread. The forecast of a series is the distribution
///
///     Y(n + h) ~ ŷ(n + h) + s̃ · σₕ · inflation · T_ν,   σₕ = mean|e|ₕ / E|T_ν|,
///
/// where mean|e|ₕ is the chosen candidate's shrunk mean absolute error at horizon h, T_ν
/// Student's t with ν = `degreesOfFreedom` and E|T_ν| = 2√ν Γ((ν+1)/2) / (√π (ν−1) Γ(ν/2)).
/// Beyond the longest horizon scored, σₕ grows as √h from it. With `biasCorrection` b > 0
/// the location moves by b · s̃ times the chosen candidate's shrunk mean signed error (0 by
/// default: on the short-series selection sets it helped Tourism and ruined AER, whose
/// training years hold a shock common to every series; docs/short-series.md).
///
/// The settings (`cuts` 3, κ 1 and 20, ν 4, the global model's order 3 and ridge 10,
/// `shortBelow` 13, where ``AutoForecaster`` first has a rolling origin) were set before
/// measuring; on the short-series selection sets no alternative swept improved the means by
/// more than 0.01 (docs/short-series.md "What is open").
///
/// Edge cases: a panel whose series are all long goes to ``AutoForecaster`` alone; where
/// no cut series has two values, nothing is scored and each short series gets Naive with a
/// spread of one typical move per year, growing as √h; a series with fewer than 2 values gets none.
public struct PanelAuto: PanelForecaster {
    public var name: String
    public var longSeries: AutoForecaster
    public var shortBelow: Int
    public var candidates: [any Forecaster]
    public var global: GlobalLinearModel?
    public var cuts: Int
    public var scalePrior: Double
    public var scorePrior: Double
    public var degreesOfFreedom: Double
    public var inflation: Double
    /// How much of the chosen candidate's pooled mean error (in moves) is added to its
    /// forecasts: 0 keeps them as they are, 1 removes the bias of the pooled backtest.
    public var biasCorrection: Double = 0
    /// How many horizons the choice averages the ratios over (from the first).
    public var scoreHorizons = Int.max
    /// How many of the best candidates' point forecasts are averaged (1: the best alone).
    public var combine = 1
    /// At most about this many series are backtested (``backtestSample(hierarchy:count:limit:)``).
    public var backtestLimit = 20_000
    /// The method for series of `shortBelow` values or more, when not `longSeries`.
    public var longMethod: (any Forecaster)? = nil
    /// Whether bounded and small quantities are forecast on a transformed scale
    /// (``transform(for:)``).
    public var transforms = true

    public static let defaultCandidates: [any Forecaster] = [
        RandomWalk(drift: false), ExponentialSmoothing(trend: .none), RandomWalk(drift: true),
        ExponentialSmoothing(trend: .damped), ThetaForecaster(),
    ]

    public init(
        longSeries: AutoForecaster = AutoForecaster(), shortBelow: Int = 13,
        candidates: [any Forecaster] = PanelAuto.defaultCandidates, global: GlobalLinearModel? = GlobalLinearModel(),
        cuts: Int = 3, scalePrior: Double = 1, scorePrior: Double = 20, degreesOfFreedom: Double = 4,
        inflation: Double = 1,
        name: String = "auto"
    ) {
        self.name = name
        self.longSeries = longSeries
        self.shortBelow = shortBelow
        self.candidates = candidates
        self.global = global
        self.cuts = cuts
        self.scalePrior = scalePrior
        self.scorePrior = scorePrior
        self.degreesOfFreedom = degreesOfFreedom
        self.inflation = inflation
    }

    /// The `global` method: the global linear model on every series, long or short, with
    /// the spread of its pooled errors.
    public static let globalOnly = PanelAuto(shortBelow: Int.max, candidates: [], name: "global")

    /// The panel method for a run's one-series method: `auto` (``AutoForecaster``) gets
    /// `auto` on the panel; any other method forecasts every short series itself, with
    /// the spread of its own errors on the panel's cut series (one candidate, no global
    /// model), and the long series as before.
    public static func forRun(_ method: any Forecaster) -> PanelAuto {
        if let auto = method as? AutoForecaster { return PanelAuto(longSeries: auto) }
        var single = PanelAuto(candidates: [method], global: nil, name: method.name)
        single.longMethod = method
        return single
    }

    /// The candidates' names, the global model last.
    public var candidateNames: [String] { candidates.map(\.name) + (global == nil ? [] : ["global"]) }

    /// What the pooled backtest found: per indicator node, the chosen candidate and the
    /// spread per horizon in moves.
    struct Choice: Sendable {
        /// Per node, the candidates combined (best first; one unless `combine` > 1).
        var members: [[Int]]
        var spread: [[Double]]
        /// The chosen candidate's mean signed error per horizon, in moves.
        var bias: [[Double]]
        /// Per node, how many series and how many one-step errors the backtest scored.
        var series: [Int]
        var errors: [Int]
        /// Per backtested series and horizon, the sum and count of the chosen forecast's |e|.
        var seriesErrors: [[(sum: Double, count: Int)]] = []

        /// Without a backtest: the first candidate everywhere (Naive for `auto`; the
        /// method itself for ``forRun(_:)``'s single candidate), its one-step error taken
        /// to be one typical move (mean |e| = 1), growing as √h.
        static func naive(nodes: Int, horizon: Int, degreesOfFreedom: Double) -> Choice {
            let sigma = (1...max(1, horizon)).map {
                Double($0).squareRoot() / PanelAuto.meanAbsoluteT(degreesOfFreedom)
            }
            return Choice(
                members: Array(repeating: [0], count: nodes), spread: Array(repeating: sigma, count: nodes),
                bias: Array(repeating: Array(repeating: 0, count: max(1, horizon)), count: nodes),
                series: Array(repeating: 0, count: nodes), errors: Array(repeating: 0, count: nodes))
        }
    }

    public func forecast(_ panel: [PanelSeries], horizon: Int, threads: Int) -> [Forecast?] {
        let long: any Forecaster = longMethod ?? longSeries
        let slots = WorkerSlots<Forecast>(count: panel.count)
        performAdaptively(count: panel.count, threads: threads) { index in
            let y = panel[index].values
            if y.count >= shortBelow, let forecast = long.forecast(y, horizon: horizon) { slots.store(index, forecast) }
        }
        var results = slots.all()
        let short = panel.indices.filter { panel[$0].values.count < shortBelow && panel[$0].values.count >= 2 }
        guard !short.isEmpty, horizon >= 1 else { return results }
        let fitted = fit(panel, horizon: horizon, threads: threads)
        let finals = WorkerSlots<Forecast>(count: short.count)
        performAdaptively(count: short.count, threads: threads) { k in
            if let forecast = fitted.forecast(series: short[k], horizon: horizon) { finals.store(k, forecast) }
        }
        for (k, forecast) in finals.all().enumerated() { results[short[k]] = forecast }
        return results
    }

    /// The scale a series is forecast on: logit for a quantity with both bounds, log1p for a
    /// non-negative count or FTE figure (unit `count` or `fte`, lower bound 0), else the
    /// identity (``Transform``). Off when `transforms` is false.
    public func transform(for series: PanelSeries) -> Transform {
        guard transforms else { return .identity }
        if let lower = series.lowerBound, let upper = series.upperBound, upper > lower {
            return .logit(lower: lower, upper: upper)
        }
        if series.lowerBound == 0, Self.smallQuantityKinds.contains(series.unit), series.values.allSatisfy({ $0 >= 0 })
        {
            return .log1p
        }
        return .identity
    }

    /// A series' spread from its comparison group (``PanelSeries/peers``): per horizon h
    /// scored, the chosen forecast's mean |e| over the peers' backtested errors, shrunk
    /// towards its indicator's (κ = `scorePrior` errors),
    ///
    ///     θ̂(group) = (Σ|e| + κ · θ̂(indicator)) / (N + κ),
    ///
    /// growing as √h beyond the horizons scored. Only series with a backtested peer get one.
    func groupSpreads(
        _ panel: [PanelSeries], hierarchy: PanelHierarchy, choice: Choice, sample: [Int], horizon: Int
    ) -> [Int: (spread: [Double], peers: Int, errors: Int)] {
        guard !choice.seriesErrors.isEmpty, panel.contains(where: { !$0.peers.isEmpty }) else { return [:] }
        var position = [Int](repeating: -1, count: panel.count)
        for (k, index) in sample.enumerated() { position[index] = k }
        let expectedAbsolute = Self.meanAbsoluteT(degreesOfFreedom)
        let steps = choice.seriesErrors.first?.count ?? 0
        var result: [Int: (spread: [Double], peers: Int, errors: Int)] = [:]
        for index in panel.indices where !panel[index].peers.isEmpty && steps > 0 {
            let node = hierarchy.indicatorNode[index]
            var scored = 0
            var sums = [(sum: Double, count: Int)](repeating: (0, 0), count: steps)
            for peer in panel[index].peers where peer >= 0 && peer < panel.count && position[peer] >= 0 {
                let errors = choice.seriesErrors[position[peer]]
                if errors.first.map({ $0.count > 0 }) ?? false { scored += 1 }
                for h in 0..<steps {
                    sums[h].sum += errors[h].sum
                    sums[h].count += errors[h].count
                }
            }
            guard scored > 0 else { continue }
            var sigma: [Double] = []
            for h in 0..<horizon {
                if h < steps {
                    let indicator = choice.spread[node][h] * expectedAbsolute
                    let theta = (sums[h].sum + scorePrior * indicator) / (Double(sums[h].count) + scorePrior)
                    sigma.append(max(theta, 1e-9) / expectedAbsolute)
                } else {
                    sigma.append(sigma[steps - 1] * (Double(h + 1) / Double(steps)).squareRoot())
                }
            }
            result[index] = (sigma, scored, sums[0].count)
        }
        return result
    }

    /// The series the pooled backtest scores (indices into the panel, in order): all of
    /// them when there are at most `limit`; else from each indicator with m series, every
    /// ⌈m/k⌉-th from its first, k = max(8, ⌊limit / indicators⌋), so that a country's worth
    /// of series costs a bounded backtest and every indicator keeps some of its own.
    static func backtestSample(hierarchy: PanelHierarchy, count: Int, limit: Int) -> [Int] {
        guard count > limit else { return Array(0..<count) }
        var perNode = [Int](repeating: 0, count: hierarchy.nodeCount)
        for index in 0..<count { perNode[hierarchy.indicatorNode[index]] += 1 }
        let indicators = max(1, perNode.filter { $0 > 0 }.count)
        let cap = max(8, limit / indicators)
        var seen = [Int](repeating: 0, count: hierarchy.nodeCount)
        var sample: [Int] = []
        for index in 0..<count {
            let node = hierarchy.indicatorNode[index]
            let stride = max(1, (perNode[node] + cap - 1) / cap)
            if seen[node] % stride == 0 { sample.append(index) }
            seen[node] += 1
        }
        return sample
    }

    /// The units whose non-negative series are forecast on log1p's scale.
    public static let smallQuantityKinds: Set<String> = ["count", "fte"]

    /// The pooled backtest of a panel, on each series' transformed scale: what
    /// ``Fitted/forecast(series:horizon:)`` forecasts the short series with.
    public func fit(_ panel: [PanelSeries], horizon: Int, threads: Int) -> Fitted {
        let transforms = panel.map { transform(for: $0) }
        // On all cores: a country's worth of series is millions of logarithms.
        let slots = WorkerSlots<PanelSeries>(count: panel.count)
        performAdaptively(count: panel.count, threads: threads) { index in
            var copy = panel[index]
            let g = transforms[index]
            if g != .identity {
                copy.values = copy.values.map { g.apply($0) }
                copy.lowerBound = nil
                copy.upperBound = nil
            }
            slots.store(index, copy)
        }
        let transformed = zip(slots.all(), panel).map { $0 ?? $1 }
        let unitSize = transforms.map { $0 != .identity }
        let hierarchy = PanelHierarchy(transformed)
        let scales = PanelScales.shrunk(transformed, hierarchy: hierarchy, priorWeight: scalePrior, unitSize: unitSize)
        let reach = max(1, horizon)
        // The backtest and the global model's fit on a sample of each indicator's series
        // (all of them in a panel of up to `backtestLimit`): the sample keeps every
        // indicator's first series and the panel's order, so its hierarchy numbers the
        // nodes as the whole panel's does.
        let sample = Self.backtestSample(hierarchy: hierarchy, count: transformed.count, limit: backtestLimit)
        // (Peers are positions in the whole panel: a sample's copies go without them.)
        let sampled =
            sample.count == transformed.count
            ? transformed
            : sample.map { index -> PanelSeries in
                var copy = transformed[index]
                copy.peers = []
                return copy
            }
        let sampledHierarchy = sample.count == transformed.count ? hierarchy : PanelHierarchy(sampled)
        let sampledScales = sample.map { scales[$0] }
        let sampledUnitSize = sample.map { unitSize[$0] }
        let choice = choose(
            sampled, hierarchy: sampledHierarchy, scales: sampledScales, unitSize: sampledUnitSize, horizon: reach,
            trackSeries: transformed.contains { !$0.peers.isEmpty }, threads: threads)
        let fit = global?.fit(sampled, scales: sampledScales, hierarchy: sampledHierarchy, horizon: reach)
        let chosen =
            choice ?? Choice.naive(nodes: hierarchy.nodeCount, horizon: reach, degreesOfFreedom: degreesOfFreedom)
        let groups = groupSpreads(transformed, hierarchy: hierarchy, choice: chosen, sample: sample, horizon: reach)
        return Fitted(
            method: self, panel: transformed, transforms: transforms, hierarchy: hierarchy, scales: scales,
            choice: chosen, scored: choice != nil, fit: fit, horizon: reach, groups: groups)
    }

    /// Candidate c's point forecasts of one series, nil where it cannot forecast it.
    func points(
        _ y: [Double], candidate c: Int, series index: Int, scale: Double, fit: GlobalLinearModel.Fit?,
        hierarchy: PanelHierarchy, horizon: Int
    ) -> [Double]? {
        guard !y.isEmpty else { return nil }
        if c < candidates.count {
            guard y.count >= candidates[c].minimumLength, let forecast = candidates[c].forecast(y, horizon: horizon)
            else { return nil }
            return forecast.distributions.map(\.location)
        } else if let global, let fit {
            return global.points(y, series: index, scale: scale, fit: fit, hierarchy: hierarchy, horizon: horizon)
        }
        return nil
    }

    /// E|T_ν| = 2√ν Γ((ν+1)/2) / (√π (ν−1) Γ(ν/2)) for ν > 1 (1 at ν = 4; √(2/π) as ν → ∞).
    static func meanAbsoluteT(_ nu: Double) -> Double {
        guard nu > 1 else { return 1 }
        guard nu < 1e6 else { return (2 / Double.pi).squareRoot() }
        let logRatio = LogGamma.logGamma((nu + 1) / 2) - LogGamma.logGamma(nu / 2)
        return 2 * nu.squareRoot() * Foundation.exp(logRatio) / (Double.pi.squareRoot() * (nu - 1))
    }
}
