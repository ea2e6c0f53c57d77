import Foundation

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
    /// uniform draw), applies the indicator rule (met / improving on the outcome before /
    /// not met) and the goal rule. Known final outcomes stay fixed. The generator is
    /// seeded from the goal's id, so the same input gives the same probabilities.
    static func simulate(_ evaluations: [TargetEvaluation], rule: GoalRule, seed: UInt64) -> (Double, Double) {
        var random = SplitMix64(seed: seed)
        var fully = 0
        var partly = 0
        var statuses = [IndicatorStatus](repeating: .notEvaluated, count: evaluations.count)
        let uncertain = evaluations.contains { $0.likelihood?.distribution != nil }
        let draws = uncertain ? simulationDraws : 1
        for _ in 0..<draws {
            for (i, evaluation) in evaluations.enumerated() {
                statuses[i] = draw(evaluation, &random)
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

    static func draw(_ evaluation: TargetEvaluation, _ random: inout SplitMix64) -> IndicatorStatus {
        let target = evaluation.target
        let outcome: Double
        let previous: Double?
        if let distribution = evaluation.likelihood?.distribution {
            var u = random.nextUnit()
            while u == 0 { u = random.nextUnit() }
            outcome = distribution.quantile(u)
            previous = evaluation.previousOutcome
        } else if let known = evaluation.outcome, evaluation.basis == .targetYearOutcome {
            outcome = known
            previous = evaluation.previousOutcome
        } else {
            return evaluation.status
        }
        if target.comparator.isMet(outcome: outcome, target: target.value) { return .met }
        if let previous, TargetEvaluation.isBetter(outcome, than: previous, toward: target.comparator) { return .improving }
        return .notMet
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
