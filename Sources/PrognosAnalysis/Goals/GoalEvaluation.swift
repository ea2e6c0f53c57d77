import Foundation
import PrognosForecast
import PrognosModel
import PrognosNumerics
import PrognosSupport

/// A goal's assessment in a year from the targets that follow it up, with the
/// probabilities of the goal being fully and at least partly met.
public struct GoalEvaluation: Sendable {
    public let goal: Goal
    /// The target year assessed; `nil` when the goal has no targets.
    public let year: Int?
    public let evaluations: [TargetEvaluation]
    public let assessment: Assessment
    /// P(the rule gives fully met), by simulation; nil without targets.
    public let probabilityFullyMet: Double?
    /// P(the rule gives fully or partly met — or largely met), by simulation.
    public let probabilityAtLeastPartlyMet: Double?

    public var metCount: Int { count(.met) }

    /// How many of the goal's indicators have `status`.
    public func count(_ status: IndicatorStatus) -> Int {
        evaluations.filter { $0.status == status }.count
    }

    /// Draws of the joint outcome used for the probabilities.
    public static let simulationDraws = 20_000

    /// Assesses `goal` in `year` from its targets with that year; when it has none in
    /// that year, from its earliest later target year, else its latest earlier one.
    ///
    /// - Parameters:
    ///   - series: the observed points of each series the targets name.
    ///   - likelihood: the probability of meeting each target, if computed.
    public init(
        goal: Goal, targets: [Target], year: Int, series: (SeriesKey) -> [SeriesPoint],
        likelihood: (Target) -> TargetLikelihood? = { _ in nil }, rule: GoalRule = .report
    ) {
        self.goal = goal
        let own = targets.filter { $0.goalID == goal.id }
        let chosenYear = TargetSelection.year(among: own.map(\.year), preferring: year)
        self.year = chosenYear
        let evaluations = own.filter { $0.year == chosenYear }.map { target in
            TargetEvaluation(
                target: target, points: series(SeriesKey(entityID: target.entityID, indicatorID: target.indicatorID)),
                likelihood: likelihood(target))
        }
        self.evaluations = evaluations
        self.assessment = rule.assess(evaluations.map(\.status))
        if evaluations.isEmpty {
            probabilityFullyMet = nil
            probabilityAtLeastPartlyMet = nil
        } else {
            let (fully, partly) = Self.simulate(evaluations, rule: rule, seed: Self.seed(goal.id))
            probabilityFullyMet = fully
            probabilityAtLeastPartlyMet = partly
        }
    }

    /// Monte Carlo over the indicators' outcomes, independent of each other: each draw
    /// takes every uncertain outcome from its distribution (by inverting its cdf at a
    /// uniform draw u), applies the indicator rule (met / improving on the outcome before /
    /// not met) and the goal rule. Known final outcomes stay fixed. The generator is
    /// seeded from the goal's id, so the same input gives the same probabilities.
    ///
    /// The outcome Q(u) = clamp(location + scale·z(u)) is non-decreasing in u, so each
    /// comparison the rule makes is a comparison of u with a threshold computed once per
    /// indicator (``Threshold``): the draws never evaluate a quantile, which for Student t
    /// costs an incomplete-beta inversion.
    static func simulate(_ evaluations: [TargetEvaluation], rule: GoalRule, seed: UInt64) -> (Double, Double) {
        var random = SplitMix64(seed: seed)
        var fully = 0
        var partly = 0
        var statuses = [IndicatorStatus](repeating: .notEvaluated, count: evaluations.count)
        let uncertain = evaluations.contains { $0.likelihood?.distribution != nil }
        let draws = uncertain ? simulationDraws : 1
        let prepared = evaluations.map(PreparedDraw.init)
        for _ in 0..<draws {
            for (i, evaluation) in prepared.enumerated() {
                statuses[i] = evaluation.draw(&random)
            }
            switch rule.assess(statuses) {
            case .fullyMet:
                fully += 1
                partly += 1
            case .largelyMet, .partlyMet:
                partly += 1
            case .notMet, .notEvaluated:
                break
            }
        }
        return (Double(fully) / Double(draws), Double(partly) / Double(draws))
    }

    /// One indicator's draw, prepared: a fixed status, or the thresholds in u at which
    /// the drawn outcome meets the target and beats the outcome before.
    struct PreparedDraw {
        enum Kind {
            case fixed(IndicatorStatus)
            /// A point-mass distribution: the status is fixed, but a u is still drawn
            /// (as for any uncertain outcome), so the other indicators' draws do not shift.
            case drawnConstant(IndicatorStatus)
            case drawn(met: Threshold, better: Threshold?)
        }

        let kind: Kind

        init(_ evaluation: TargetEvaluation) {
            let target = evaluation.target
            if let distribution = evaluation.likelihood?.distribution {
                let previous = evaluation.previousOutcome
                guard distribution.scale > 0, distribution.scale.isFinite else {
                    kind = .drawnConstant(
                        Self.status(outcome: distribution.quantile(0.5), target: target, previous: previous))
                    return
                }
                // met: Q(u) ≥ t (at least) or Q(u) ≤ t (at most); better: Q(u) > p or Q(u) < p.
                switch target.comparator {
                case .atLeast:
                    kind = .drawn(
                        met: Threshold(distribution, atLeast: target.value),
                        better: previous.map { Threshold(distribution, above: $0) })
                case .atMost:
                    kind = .drawn(
                        met: Threshold(distribution, above: target.value).negated,
                        better: previous.map { Threshold(distribution, atLeast: $0).negated })
                }
            } else if let known = evaluation.outcome, evaluation.basis == .targetYearOutcome {
                kind = .fixed(Self.status(outcome: known, target: target, previous: evaluation.previousOutcome))
            } else {
                kind = .fixed(evaluation.status)
            }
        }

        static func status(outcome: Double, target: Target, previous: Double?) -> IndicatorStatus {
            if target.comparator.isMet(outcome: outcome, target: target.value) { return .met }
            if let previous, TargetEvaluation.isBetter(outcome, than: previous, toward: target.comparator) {
                return .improving
            }
            return .notMet
        }

        func draw(_ random: inout SplitMix64) -> IndicatorStatus {
            switch kind {
            case .fixed(let status):
                return status
            case .drawnConstant(let status):
                var u = random.nextUnit()
                while u == 0 { u = random.nextUnit() }
                return status
            case .drawn(let met, let better):
                var u = random.nextUnit()
                while u == 0 { u = random.nextUnit() }
                if met.holds(u) { return .met }
                if let better, better.holds(u) { return .improving }
                return .notMet
            }
        }
    }

    /// An event {u : Q(u) ≥ c} or {u : Q(u) > c} of the censored outcome Q(u) =
    /// clamp(g⁻¹(location + scale·z(u))), as u ≥ θ or u > θ (or their complements).
    ///
    /// Within the bounds, Q(u) ≥ c ⟺ z(u) ≥ (g(c) − location)/scale ⟺ u ≥ F_z((g(c) − location)/scale),
    /// z being strictly increasing; a c at or below the lower bound is always reached
    /// (Q ≥ lower), a c above the upper bound never, and Q(u) > c never holds for c at or
    /// above the upper bound (the point mass there is the bound itself).
    struct Threshold {
        var theta: Double
        var strict: Bool
        var complement = false

        init(_ d: PredictiveDistribution, atLeast c: Double) {
            strict = false
            if let lower = d.lowerBound, c <= lower {
                theta = -.infinity
            } else if let upper = d.upperBound, c > upper {
                theta = .infinity
            } else {
                theta = Self.standardCDF(d, d.standardized(c))
            }
        }

        init(_ d: PredictiveDistribution, above c: Double) {
            strict = true
            if let lower = d.lowerBound, c < lower {
                theta = -.infinity
            } else if let upper = d.upperBound, c >= upper {
                theta = .infinity
            } else {
                theta = Self.standardCDF(d, d.standardized(c))
            }
        }

        static func standardCDF(_ d: PredictiveDistribution, _ z: Double) -> Double {
            switch d.shape {
            case .normal: return Normal.cdf(z)
            case .studentT(let df): return StudentT(degreesOfFreedom: df).cdf(z)
            }
        }

        /// The complementary event (Q(u) < c for ≥ c, Q(u) ≤ c for > c).
        var negated: Threshold {
            var copy = self
            copy.complement.toggle()
            return copy
        }

        func holds(_ u: Double) -> Bool {
            let inside = strict ? u > theta : u >= theta
            return inside != complement
        }
    }

    /// FNV-1a of the goal id.
    static func seed(_ id: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}

/// Which of several target years applies when assessing a given year.
public enum TargetSelection {
    /// `preferred` if present; otherwise the earliest later year (the next target to
    /// reach); otherwise the latest earlier year; `nil` when there are none.
    public static func year(among years: [Int], preferring preferred: Int) -> Int? {
        if years.contains(preferred) { return preferred }
        if let later = years.filter({ $0 > preferred }).min() { return later }
        return years.filter { $0 < preferred }.max()
    }
}
