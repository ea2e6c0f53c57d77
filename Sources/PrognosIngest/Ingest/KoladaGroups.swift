import Foundation
import PrognosModel

/// Reads Kolada's municipality groups (`municipality_group_members.csv`: `group_id,
/// group_title, member_id, member_title`) into entity groups of a dataset.
///
/// Only members present among the dataset's entities are kept, and a group is kept when
/// it then has two members or more, or one member and an entity it was made for. A
/// group is *for* an entity when one comma-separated part of its title is that entity's
/// name and the entity is not a member: "Liknande kommuner socioekonomi, Alingsås, 2024"
/// is made for Alingsås (entity 1489, named from `municipalities.csv`) and lists the
/// seven municipalities most like it. Entities named by their ids only (no
/// `--municipalities`) are never matched. Groups and members keep the file's order.
enum KoladaGroups {
    /// A group as Kolada lists it, before its members are matched to the dataset's entities.
    struct Listed {
        var id: String
        var title: String
        var members: [String]
        var line: Int
    }

    static func read(_ data: Data, file: String, entities: [Entity], diagnostics: inout [Diagnostic]) -> [EntityGroup] {
        select(parse(data, file: file, diagnostics: &diagnostics), entities: entities)
    }

    /// The groups of `municipality_group_members.csv`, in the file's order.
    static func parse(_ data: Data, file: String, diagnostics: inout [Diagnostic]) -> [Listed] {
        let (table, problems) = CSVTable.parse(String(decoding: data, as: UTF8.self), file: file)
        diagnostics += problems
        var column: [String: Int] = [:]
        for (position, field) in table.header.enumerated() { column[field.text] = position }
        var missing = false
        for name in ["group_id", "group_title", "member_id"] where column[name] == nil {
            diagnostics.append(
                Diagnostic(file: file, line: 1, column: 1, reason: "the header has no column \"\(name)\""))
            missing = true
        }
        guard !missing, let idColumn = column["group_id"], let titleColumn = column["group_title"],
            let memberColumn = column["member_id"]
        else { return [] }
        var groups: [Listed] = []
        var position: [String: Int] = [:]
        for record in table.records {
            guard record.count == table.header.count else {
                diagnostics.append(
                    Diagnostic(
                        file: file, line: record.first?.line ?? 0, column: 1,
                        reason: "\(record.count) fields where the header has \(table.header.count)"))
                continue
            }
            let id = record[idColumn].text
            let title = record[titleColumn].text
            let member = record[memberColumn].text
            guard !id.isEmpty, !member.isEmpty else {
                let field = id.isEmpty ? record[idColumn] : record[memberColumn]
                diagnostics.append(
                    Diagnostic(file: file, line: field.line, column: field.column, reason: "empty group or member id"))
                continue
            }
            if let index = position[id] {
                if groups[index].title != title {
                    let field = record[titleColumn]
                    diagnostics.append(
                        Diagnostic(
                            file: file, line: field.line, column: field.column,
                            reason: "group \"\(id)\" has another title on line \(groups[index].line)"))
                    continue
                }
                groups[index].members.append(member)
            } else {
                position[id] = groups.count
                groups.append(Listed(id: id, title: title, members: [member], line: record[idColumn].line))
            }
        }
        return groups
    }

    /// The listed groups that matter to `entities`, by the rule above.
    static func select(_ groups: [Listed], entities: [Entity]) -> [EntityGroup] {
        let present = Set(entities.map(\.id))
        var byName: [String: [String]] = [:]
        for entity in entities where entity.name != entity.id { byName[entity.name, default: []].append(entity.id) }
        var result: [EntityGroup] = []
        for group in groups {
            var seen = Set<String>()
            let members = group.members.filter { present.contains($0) && seen.insert($0).inserted }
            let allMembers = Set(group.members)
            let focus = group.title.components(separatedBy: ",")
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .compactMap { part -> String? in
                    guard let ids = byName[part], ids.count == 1, let id = ids.first, !allMembers.contains(id) else {
                        return nil
                    }
                    return id
                }
                .first
            guard members.count >= 2 || (focus != nil && !members.isEmpty) else { continue }
            result.append(EntityGroup(id: group.id, title: group.title, forEntityID: focus, memberIDs: members))
        }
        return result
    }
}
