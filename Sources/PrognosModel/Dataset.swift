/// A whole canonical dataset in memory: the records of every resource.
///
/// Records keep the order of their files. A `Dataset` produced by
/// ``CanonicalDatasetReader`` has passed validation: every reference resolves, keys are
/// unique and values lie within their indicators' bounds.
public struct Dataset: Sendable, Equatable {
    /// The Data Package's `name` (lower-case, `-`, `_`, `.`).
    public var name: String
    public var title: String
    public var description: String
    public var entities: [Entity]
    public var indicators: [Indicator]
    public var observations: [Observation]
    public var targets: [Target]
    public var goals: [Goal]
    public var budgetLines: [BudgetLine]
    public var forecastVintages: [ForecastVintage]
    /// Groups of entities to compare with and to pool over (`entity_groups.csv`).
    public var entityGroups: [EntityGroup] = []
    /// How goals are assessed from their indicators (`datapackage.json`, `prognos.goal_rule`).
    public var goalRule: GoalRule = .report
    /// The title in English (`datapackage.json`, `prognos.title_en`), empty when not given.
    public var titleEn: String = ""
    /// Where the data came from (`datapackage.json`, `sources`), empty when not given.
    public var sources: [DatasetSource] = []

    /// The title in `language` (English falls back to the title), else the name.
    public func title(_ language: Language) -> String {
        let chosen = language == .en && !titleEn.isEmpty ? titleEn : title
        return chosen.isEmpty ? name : chosen
    }

    public init(
        name: String, title: String = "", description: String = "",
        entities: [Entity] = [], indicators: [Indicator] = [], observations: [Observation] = [],
        targets: [Target] = [], goals: [Goal] = [], budgetLines: [BudgetLine] = [],
        forecastVintages: [ForecastVintage] = []
    ) {
        self.name = name
        self.title = title
        self.description = description
        self.entities = entities
        self.indicators = indicators
        self.observations = observations
        self.targets = targets
        self.goals = goals
        self.budgetLines = budgetLines
        self.forecastVintages = forecastVintages
    }

    /// Indicators by id.
    public var indicatorsByID: [String: Indicator] {
        Dictionary(indicators.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Entities by id.
    public var entitiesByID: [String: Entity] {
        Dictionary(entities.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The latest year with an observation, if any: the default year of assessment.
    public var latestObservedYear: Int? {
        // Field by field in place: iterating would copy every observation.
        observations.withUnsafeBufferPointer { observations in
            var latest: Int? = nil
            for index in observations.indices where observations[index].year > (latest ?? Int.min) {
                latest = observations[index].year
            }
            return latest
        }
    }
}
