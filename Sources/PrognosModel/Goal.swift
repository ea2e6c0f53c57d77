/// A goal, followed up by the targets that name it. One row of `goals.csv`.
///
/// Goals form a tree: a committee's goal names the council goal it serves as `parentGoal`.
public struct Goal: Sendable, Equatable, Hashable, BilingualTitled {
    public var id: String
    public var parentGoal: String?
    public var titleSv: String
    public var titleEn: String
    /// The assessment the organisation itself reported, if any.
    public var reportedAssessment: Assessment?

    public init(
        id: String, parentGoal: String? = nil, titleSv: String, titleEn: String,
        reportedAssessment: Assessment? = nil
    ) {
        self.id = id
        self.parentGoal = parentGoal
        self.titleSv = titleSv
        self.titleEn = titleEn
        self.reportedAssessment = reportedAssessment
    }
}
