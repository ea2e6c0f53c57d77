import PrognosModel

/// The type of a field in a canonical resource, as Frictionless Table Schema names it.
public enum FieldType: String, Sendable {
    case string
    case integer
    case number
    /// A four-digit calendar year (Table Schema `year`).
    case year
}

/// One column of a canonical resource.
public struct FieldSpec: Sendable {
    public var name: String
    public var type: FieldType
    /// Every row must have a non-empty value.
    public var required: Bool
    /// The allowed values, if the field is an enumeration.
    public var allowed: [String]?
    public var description: String

    init(_ name: String, _ type: FieldType, required: Bool = false, allowed: [String]? = nil, _ description: String) {
        self.name = name
        self.type = type
        self.required = required
        self.allowed = allowed
        self.description = description
    }
}

/// A reference from a field of one resource to the key of another.
public struct ForeignKeySpec: Sendable {
    public var fields: [String]
    public var resource: String
    public var referencedFields: [String]
}

/// One CSV resource of a canonical dataset.
public struct ResourceSpec: Sendable {
    public var name: String
    public var path: String
    /// Whether a dataset must have this resource.
    public var required: Bool
    public var title: String
    public var fields: [FieldSpec]
    public var primaryKey: [String]
    public var foreignKeys: [ForeignKeySpec]
}

/// The canonical dataset format: a Frictionless Data Package whose resources are the
/// CSV files below. This is the single definition; ``CanonicalDatasetWriter`` writes it
/// into `datapackage.json` and ``CanonicalDatasetReader`` checks files against it.
public enum CanonicalSchema {
    /// The `profile` of a canonical `datapackage.json`.
    public static let profile = "tabular-data-package"

    public static let entities = ResourceSpec(
        name: "entities", path: "entities.csv", required: true,
        title: "Entities: municipalities, committees, administrations, stand-alone series",
        fields: [
            FieldSpec("entity_id", .string, required: true, "Unique id of the entity"),
            FieldSpec("name", .string, required: true, "Name of the entity"),
            FieldSpec("name_en", .string, "Name in English (optional; reports in English use it)"),
            FieldSpec(
                "kind", .string, required: true, allowed: EntityKind.allCases.map(\.rawValue),
                "What the entity is"),
            FieldSpec("kolada_id", .string, "Kolada municipality id (e.g. 1489), if any"),
        ],
        primaryKey: ["entity_id"], foreignKeys: [])

    public static let indicators = ResourceSpec(
        name: "indicators", path: "indicators.csv", required: true,
        title: "Indicators: what is measured, unit, bounds and polarity",
        fields: [
            FieldSpec("indicator_id", .string, required: true, "Unique id of the indicator"),
            FieldSpec("title_sv", .string, required: true, "Title in Swedish"),
            FieldSpec("title_en", .string, "Title in English"),
            FieldSpec(
                "unit", .string, required: true, allowed: IndicatorUnit.allCases.map(\.rawValue),
                "Unit of the values"),
            FieldSpec("lower_bound", .number, "Smallest possible value, if bounded"),
            FieldSpec("upper_bound", .number, "Largest possible value, if bounded"),
            FieldSpec(
                "polarity", .string, required: true, allowed: Polarity.allCases.map(\.rawValue),
                "Which direction of change is an improvement"),
            FieldSpec("source", .string, "Where the values come from"),
            FieldSpec("kolada_kpi", .string, "Kolada KPI id measuring the same quantity, if any"),
            FieldSpec(
                "pool", .string,
                "The pool whose indicators short series borrow their spread from, in place of the unit (optional)"),
        ],
        primaryKey: ["indicator_id"], foreignKeys: [])

    public static let observations = ResourceSpec(
        name: "observations", path: "observations.csv", required: true,
        title: "Observations: one outcome per entity, indicator, year and gender",
        fields: [
            FieldSpec("entity_id", .string, required: true, "Entity measured"),
            FieldSpec("indicator_id", .string, required: true, "Indicator measured"),
            FieldSpec("year", .year, required: true, "Year of the outcome"),
            FieldSpec("value", .number, required: true, "The outcome; a missing outcome is an absent row"),
            FieldSpec(
                "status", .string, allowed: ObservationStatus.allCases.map(\.rawValue),
                "final or preliminary; empty means final"),
            FieldSpec(
                "gender", .string, allowed: Gender.allCases.map(\.rawValue),
                "T total, K women, M men; empty means T"),
            FieldSpec("note", .string, "Free text"),
            FieldSpec(
                "split", .string, allowed: DataSplit.allCases.map(\.rawValue),
                "train or test: test rows are a benchmark's evaluation holdout; empty means train"),
        ],
        primaryKey: ["entity_id", "indicator_id", "year", "gender"],
        foreignKeys: [
            ForeignKeySpec(fields: ["entity_id"], resource: "entities", referencedFields: ["entity_id"]),
            ForeignKeySpec(fields: ["indicator_id"], resource: "indicators", referencedFields: ["indicator_id"]),
        ])

    public static let targets = ResourceSpec(
        name: "targets", path: "targets.csv", required: true,
        title: "Targets: the value an indicator should reach in a year, under a goal",
        fields: [
            FieldSpec("entity_id", .string, required: true, "Entity the target is for"),
            FieldSpec("indicator_id", .string, required: true, "Indicator the target is for"),
            FieldSpec("goal_id", .string, "Goal the target follows up"),
            FieldSpec("year", .year, required: true, "Target year"),
            FieldSpec("value", .number, required: true, "Target value"),
            FieldSpec(
                "comparator", .string, required: true, allowed: TargetComparator.allCases.map(\.rawValue),
                ">= when the outcome must reach at least the value, <= at most"),
        ],
        primaryKey: ["entity_id", "indicator_id", "goal_id", "year"],
        foreignKeys: [
            ForeignKeySpec(fields: ["entity_id"], resource: "entities", referencedFields: ["entity_id"]),
            ForeignKeySpec(fields: ["indicator_id"], resource: "indicators", referencedFields: ["indicator_id"]),
            ForeignKeySpec(fields: ["goal_id"], resource: "goals", referencedFields: ["goal_id"]),
        ])

    public static let goals = ResourceSpec(
        name: "goals", path: "goals.csv", required: true,
        title: "Goals and their parent goals, with the assessment the organisation reported",
        fields: [
            FieldSpec("goal_id", .string, required: true, "Unique id of the goal"),
            FieldSpec("parent_goal", .string, "Goal this one serves, if any"),
            FieldSpec("title_sv", .string, required: true, "Title in Swedish"),
            FieldSpec("title_en", .string, "Title in English"),
            FieldSpec(
                "reported_assessment", .string, allowed: Assessment.allCases.map(\.rawValue),
                "Assessment the organisation reported, if any"),
        ],
        primaryKey: ["goal_id"],
        foreignKeys: [
            ForeignKeySpec(fields: ["parent_goal"], resource: "goals", referencedFields: ["goal_id"])
        ])

    public static let budgetLines = ResourceSpec(
        name: "budget_lines", path: "budget_lines.csv", required: false,
        title: "Budget lines: budget and outcome per line and year",
        fields: [
            FieldSpec("entity_id", .string, required: true, "Entity whose budget it is"),
            FieldSpec("line_id", .string, required: true, "Id of the line"),
            FieldSpec("title_sv", .string, required: true, "Title of the line in Swedish"),
            FieldSpec("title_en", .string, "Title of the line in English (optional)"),
            FieldSpec("year", .year, required: true, "Budget year"),
            FieldSpec("budget", .number, "Budgeted amount, if any"),
            FieldSpec("outcome", .number, "Outcome (bokslut), if known"),
            FieldSpec("parent_line_id", .string, "Subtotal line this line is part of, if any"),
            FieldSpec(
                "amounts", .string, allowed: BudgetLine.Amounts.allCases.map(\.rawValue),
                "How amounts are signed: signed (income positive, costs negative; the default) or spending (expenditure as positive amounts, as in investment tables)"
            ),
        ],
        primaryKey: ["entity_id", "line_id", "year"],
        foreignKeys: [
            ForeignKeySpec(fields: ["entity_id"], resource: "entities", referencedFields: ["entity_id"])
        ])

    public static let forecastVintages = ResourceSpec(
        name: "forecast_vintages", path: "forecast_vintages.csv", required: false,
        title: "Forecast vintages: the organisation's own forecasts of a line at checkpoints",
        fields: [
            FieldSpec("entity_id", .string, required: true, "Entity whose forecast it is"),
            FieldSpec("line_id", .string, required: true, "Budget line forecast"),
            FieldSpec("year", .year, required: true, "Year forecast"),
            FieldSpec("checkpoint", .string, required: true, "Checkpoint at which the forecast was made"),
            FieldSpec("checkpoint_month", .integer, "Month whose figures the forecast used (1–12)"),
            FieldSpec("forecast", .number, required: true, "Forecast outcome"),
            FieldSpec("outcome", .number, "Actual outcome, if known"),
        ],
        primaryKey: ["entity_id", "line_id", "year", "checkpoint"],
        foreignKeys: [
            ForeignKeySpec(fields: ["entity_id"], resource: "entities", referencedFields: ["entity_id"])
        ])

    public static let entityGroups = ResourceSpec(
        name: "entity_groups", path: "entity_groups.csv", required: false,
        title: "Entity groups: comparison groups (Liknande kommuner), counties, networks; one row per member",
        fields: [
            FieldSpec("group_id", .string, required: true, "Id of the group (Kolada: G…)"),
            FieldSpec("title", .string, required: true, "Title of the group, the same on each of its rows"),
            FieldSpec("for_entity_id", .string, "Entity the group was made for (its comparison group), if any"),
            FieldSpec("entity_id", .string, required: true, "A member of the group"),
        ],
        primaryKey: ["group_id", "entity_id"],
        foreignKeys: [
            ForeignKeySpec(fields: ["entity_id"], resource: "entities", referencedFields: ["entity_id"]),
            ForeignKeySpec(fields: ["for_entity_id"], resource: "entities", referencedFields: ["entity_id"]),
        ])

    /// Every resource, in the order a reader should take them (referenced ones first).
    public static let resources: [ResourceSpec] = [
        entities, indicators, goals, observations, targets, budgetLines, forecastVintages, entityGroups,
    ]
}
