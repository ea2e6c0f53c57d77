/// A goal's assessment in a year from the targets that follow it up.
public struct GoalEvaluation: Sendable, Equatable {
    public let goal: Goal
    /// The target year assessed; `nil` when the goal has no targets.
    public let year: Int?
    public let evaluations: [TargetEvaluation]
    public let assessment: Assessment

    public var metCount: Int { count(.met) }

    /// How many of the goal's indicators have `status`.
    public func count(_ status: IndicatorStatus) -> Int {
        evaluations.filter { $0.status == status }.count
    }

    /// Assesses `goal` in `year` from its targets with that year; when it has none in
    /// that year, from its earliest later target year, else its latest earlier one.
    ///
    /// - Parameter series: the observed points of each series the targets name.
    public init(
        goal: Goal, targets: [Target], year: Int, series: (SeriesKey) -> [SeriesPoint], rule: GoalRule = .report
    ) {
        self.goal = goal
        let own = targets.filter { $0.goalID == goal.id }
        let chosenYear = TargetSelection.year(among: own.map(\.year), preferring: year)
        self.year = chosenYear
        self.evaluations = own.filter { $0.year == chosenYear }.map { target in
            TargetEvaluation(
                target: target,
                points: series(SeriesKey(entityID: target.entityID, indicatorID: target.indicatorID)))
        }
        self.assessment = rule.assess(evaluations.map(\.status))
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
