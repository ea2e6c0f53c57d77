import PrognosModel
import PrognosSupport

/// Writes a dataset in the canonical format: `datapackage.json` with a Table Schema per
/// resource (from ``CanonicalSchema``) and one CSV file per resource.
///
/// Optional resources (budget lines, forecast vintages, entity groups) are written only when the
/// dataset has records for them. The result maps each file's path to its text; the
/// caller writes the files (atomically: see `OutputDirectory`).
public enum CanonicalDatasetWriter {
    public static func files(for dataset: Dataset) -> [String: String] {
        var files: [String: String] = [:]
        var written: [ResourceSpec] = []
        func add(_ spec: ResourceSpec, _ rows: [[String]], always: Bool) {
            guard always || !rows.isEmpty else { return }
            var writer = CSVWriter(header: spec.fields.map(\.name), neutralizingFormulas: false)
            for row in rows { writer.appendRow(row) }
            files[spec.path] = writer.text
            written.append(spec)
        }
        let plain: (Double?) -> String = { $0.map(NumberFormatting.exact) ?? "" }
        // The optional English names only when the dataset has any.
        let entityNames = dataset.entities.contains { !$0.nameEn.isEmpty }
        var entitySpec = CanonicalSchema.entities
        if !entityNames { entitySpec.fields.removeAll { $0.name == "name_en" } }
        add(
            entitySpec,
            dataset.entities.map {
                [$0.id, $0.name] + (entityNames ? [$0.nameEn] : []) + [$0.kind.rawValue, $0.koladaID ?? ""]
            }, always: true)
        // The optional `pool` column only when an indicator names a pool.
        let pools = dataset.indicators.contains { $0.pool != nil }
        var indicatorSpec = CanonicalSchema.indicators
        if !pools { indicatorSpec.fields.removeAll { $0.name == "pool" } }
        add(
            indicatorSpec,
            dataset.indicators.map {
                [
                    $0.id, $0.titleSv, $0.titleEn, $0.unit.rawValue, plain($0.lowerBound), plain($0.upperBound),
                    $0.polarity.rawValue, $0.source, $0.koladaKPI ?? "",
                ] + (pools ? [$0.pool ?? ""] : [])
            }, always: true)
        add(
            CanonicalSchema.goals,
            dataset.goals.map {
                [$0.id, $0.parentGoal ?? "", $0.titleSv, $0.titleEn, $0.reportedAssessment?.rawValue ?? ""]
            }, always: true)
        add(
            CanonicalSchema.observations,
            dataset.observations.map {
                [
                    $0.entityID, $0.indicatorID, String($0.year), plain($0.value), $0.status.rawValue,
                    $0.gender.rawValue, $0.note, $0.split == .train ? "" : $0.split.rawValue,
                ]
            }, always: true)
        add(
            CanonicalSchema.targets,
            dataset.targets.map {
                [$0.entityID, $0.indicatorID, $0.goalID, String($0.year), plain($0.value), $0.comparator.rawValue]
            }, always: true)
        let lineTitles = dataset.budgetLines.contains { !$0.titleEn.isEmpty }
        let spending = dataset.budgetLines.contains { $0.amounts != .signed }
        var budgetSpec = CanonicalSchema.budgetLines
        if !lineTitles { budgetSpec.fields.removeAll { $0.name == "title_en" } }
        if !spending { budgetSpec.fields.removeAll { $0.name == "amounts" } }
        add(
            budgetSpec,
            dataset.budgetLines.map {
                [$0.entityID, $0.lineID, $0.titleSv] + (lineTitles ? [$0.titleEn] : [])
                    + [String($0.year), plain($0.budget), plain($0.outcome), $0.parentLineID ?? ""]
                    + (spending ? [$0.amounts == .signed ? "" : $0.amounts.rawValue] : [])
            }, always: false)
        add(
            CanonicalSchema.forecastVintages,
            dataset.forecastVintages.map {
                [
                    $0.entityID, $0.lineID, String($0.year), $0.checkpoint, $0.checkpointMonth.map(String.init) ?? "",
                    plain($0.forecast), plain($0.outcome),
                ]
            }, always: false)
        add(
            CanonicalSchema.entityGroups,
            dataset.entityGroups.flatMap { group in
                group.memberIDs.map { [group.id, group.title, group.forEntityID ?? "", $0] }
            }, always: false)
        files[DataPackageDescriptor.fileName] = descriptor(for: dataset, resources: written).serialized()
        return files
    }

    /// The `datapackage.json` document for a dataset with the given resources.
    public static func descriptor(for dataset: Dataset, resources: [ResourceSpec]) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("profile", .string(CanonicalSchema.profile)),
            ("name", .string(dataset.name)),
        ]
        if !dataset.title.isEmpty { members.append(("title", .string(dataset.title))) }
        if !dataset.description.isEmpty { members.append(("description", .string(dataset.description))) }
        if !dataset.sources.isEmpty {
            members.append(
                (
                    "sources",
                    .array(
                        dataset.sources.map { source in
                            .object(
                                [("title", .string(source.title)), ("path", .string(source.path))]
                                    + (source.fetched.isEmpty ? [] : [("fetched", .string(source.fetched))]))
                        })
                ))
        }
        var custom: [(String, JSONValue)] = []
        if dataset.goalRule != .report { custom.append(("goal_rule", .string(dataset.goalRule.rawValue))) }
        if !dataset.titleEn.isEmpty { custom.append(("title_en", .string(dataset.titleEn))) }
        if !custom.isEmpty { members.append(("prognos", .object(custom))) }
        members.append(("resources", .array(resources.map(resourceDescriptor))))
        return .object(members)
    }

    static func resourceDescriptor(_ spec: ResourceSpec) -> JSONValue {
        let fields: [JSONValue] = spec.fields.map { field in
            var members: [(String, JSONValue)] = [
                ("name", .string(field.name)),
                ("type", .string(field.type.rawValue)),
                ("description", .string(field.description)),
            ]
            var constraints: [(String, JSONValue)] = []
            if field.required { constraints.append(("required", .bool(true))) }
            if let allowed = field.allowed {
                // An empty cell is a missing value ("missingValues"), so the enum need not list "".
                constraints.append(("enum", .array(allowed.map(JSONValue.string))))
            }
            if !constraints.isEmpty { members.append(("constraints", .object(constraints))) }
            return .object(members)
        }
        var schema: [(String, JSONValue)] = [
            ("fields", .array(fields)),
            ("missingValues", .array([.string("")])),
            ("primaryKey", .array(spec.primaryKey.map(JSONValue.string))),
        ]
        if !spec.foreignKeys.isEmpty {
            schema.append(
                (
                    "foreignKeys",
                    .array(
                        spec.foreignKeys.map { key in
                            .object([
                                ("fields", .array(key.fields.map(JSONValue.string))),
                                (
                                    "reference",
                                    .object([
                                        ("resource", .string(key.resource == spec.name ? "" : key.resource)),
                                        ("fields", .array(key.referencedFields.map(JSONValue.string))),
                                    ])
                                ),
                            ])
                        })
                ))
        }
        return .object([
            ("name", .string(spec.name)),
            ("path", .string(spec.path)),
            ("profile", .string("tabular-data-resource")),
            ("title", .string(spec.title)),
            ("format", .string("csv")),
            ("mediatype", .string("text/csv")),
            ("encoding", .string("utf-8")),
            ("schema", .object(schema)),
        ])
    }
}
