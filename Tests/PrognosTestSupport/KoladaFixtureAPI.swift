import Foundation
import PrognosIngest
import PrognosSupport
import Synchronization

/// A Kolada API v3 for tests, built from the reference files in `Tests/Fixtures/kolada`
/// (values, KPI catalogue, municipalities, groups): the endpoints `prognos fetch kolada`
/// uses, with v3's envelope (`values`, `count`, `next_url`), paging by `page` and
/// `per_page` (at most `pageSize` per page, so that small fixtures page too), and 400 for a
/// path segment of more than 25 ids. Faults are injected by path, each once.
package final class KoladaFixtureAPI: Sendable {
    package enum Fault: Sendable {
        case status(Int, retryAfter: String?)
        case slow(TimeInterval)
        case truncated
    }

    package let server: HTTPTestServer
    private let faults: Faults

    /// The faults still to inject, shared with the server's handler.
    final class Faults: Sendable {
        let list = Mutex<[(path: String, fault: Fault)]>([])
    }

    package init(pageSize: Int = 10) throws {
        let data = try Self.fixtureData()
        let faults = Faults()
        self.faults = faults
        let box = Mutex<String>("")
        server = try HTTPTestServer { path, query in
            let fault = faults.list.withLock { list -> Fault? in
                guard let index = list.firstIndex(where: { path.contains($0.path) }) else { return nil }
                return list.remove(at: index).fault
            }
            if let fault {
                switch fault {
                case .status(let status, let retryAfter):
                    return HTTPTestServer.Response(
                        status: status, headers: retryAfter.map { ["Retry-After": $0] } ?? [:],
                        body: Data("{\"error\": \"injected\"}".utf8))
                case .slow(let seconds):
                    var response = Self.answer(
                        path: path, query: query, data: data, base: box.withLock { $0 }, pageSize: pageSize)
                    response.delay = seconds
                    return response
                case .truncated:
                    var response = Self.answer(
                        path: path, query: query, data: data, base: box.withLock { $0 }, pageSize: pageSize)
                    response.truncated = true
                    return response
                }
            }
            return Self.answer(path: path, query: query, data: data, base: box.withLock { $0 }, pageSize: pageSize)
        }
        let base = server.base
        box.withLock { $0 = base }
    }

    /// `http://127.0.0.1:<port>/v3`.
    package var baseURL: String { server.base + "/v3" }

    /// Injects `fault` into the next request whose path contains `path`.
    package func inject(_ fault: Fault, into path: String) {
        faults.list.withLock { $0.append((path, fault)) }
    }

    // MARK: The fixtures as API objects

    struct FixtureData: Sendable {
        var kpis: [String: JSONValue]
        var municipalities: [String: JSONValue]
        var groups: [(id: String, object: JSONValue)]
        /// kpi|municipality|year → data object.
        var data: [(key: (kpi: String, municipality: String, year: Int), object: JSONValue)]
    }

    static func fixtureData() throws -> FixtureData {
        let directory = TestSupport.koladaFixtures
        func table(_ name: String) throws -> [[String: String]] {
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            let (parsed, _) = CSVTable.parse(text, file: name)
            let header = parsed.header.map(\.text)
            return parsed.records.map { record in
                Dictionary(uniqueKeysWithValues: zip(header, record.map(\.text)))
            }
        }
        var kpis: [String: JSONValue] = [:]
        for row in try table("kpi_catalogue_subset.csv") {
            kpis[row["id"] ?? ""] = .object([
                ("id", .string(row["id"] ?? "")), ("title", .string(row["title"] ?? "")),
                ("municipality_type", .string(row["municipality_type"] ?? "")),
                ("is_divided_by_gender", .bool(row["is_divided_by_gender"] == "True")),
            ])
        }
        var municipalities: [String: JSONValue] = [:]
        for row in try table("municipalities.csv") {
            municipalities[row["id"] ?? ""] = .object([
                ("id", .string(row["id"] ?? "")), ("title", .string(row["title"] ?? "")),
                ("type", .string(row["type"] ?? "")),
            ])
        }
        var order: [String] = []
        var titles: [String: String] = [:]
        var members: [String: [JSONValue]] = [:]
        for row in try table("municipality_group_members_subset.csv") {
            let id = row["group_id"] ?? ""
            if titles[id] == nil {
                order.append(id)
                titles[id] = row["group_title"] ?? ""
            }
            members[id, default: []].append(
                .object([("id", .string(row["member_id"] ?? "")), ("title", .string(row["member_title"] ?? ""))]))
        }
        let groups = order.map { id in
            (
                id,
                JSONValue.object([
                    ("id", .string(id)), ("title", .string(titles[id] ?? "")), ("members", .array(members[id] ?? [])),
                ])
            )
        }
        var data: [(key: (kpi: String, municipality: String, year: Int), object: JSONValue)] = []
        for row in try table("values_tidy.csv") {
            guard let year = Int(row["year"] ?? "") else { continue }
            let value = JSONValue.number(Double(row["value"] ?? ""))
            let cell = JSONValue.object([
                ("gender", .string(row["gender"] ?? "T")), ("count", .integer(1)), ("status", .string("")),
                ("value", value),
            ])
            data.append(
                (
                    (row["kpi"] ?? "", row["municipality"] ?? "", year),
                    .object([
                        ("kpi", .string(row["kpi"] ?? "")), ("municipality", .string(row["municipality"] ?? "")),
                        ("period", .integer(year)), ("values", .array([cell])),
                    ])
                ))
        }
        return FixtureData(kpis: kpis, municipalities: municipalities, groups: groups, data: data)
    }

    /// The answer to one request.
    static func answer(path: String, query: [String: String], data: FixtureData, base: String, pageSize: Int)
        -> HTTPTestServer.Response
    {
        let parts = path.split(separator: "/").map(String.init)
        guard parts.first == "v3", parts.count >= 2 else { return HTTPTestServer.Response(status: 404) }
        let segments = Array(parts.dropFirst())
        for segment in segments where segment.split(separator: ",").count > 25 {
            return HTTPTestServer.Response(status: 400, body: Data("{\"error\": \"at most 25 ids\"}".utf8))
        }
        func ids(_ index: Int) -> [String] {
            index < segments.count ? segments[index].split(separator: ",").map(String.init) : []
        }
        var items: [JSONValue]
        switch segments[0] {
        case "kpi": items = ids(1).compactMap { data.kpis[$0] }
        case "municipality": items = ids(1).compactMap { data.municipalities[$0] }
        case "municipality_groups":
            let wanted = Set(ids(1))
            items = data.groups.filter { wanted.isEmpty || wanted.contains($0.id) }.map(\.object)
        case "data":
            var filters: [String: Set<String>] = [:]
            var index = 1
            while index + 1 < segments.count {
                filters[segments[index]] = Set(segments[index + 1].split(separator: ",").map(String.init))
                index += 2
            }
            guard filters.count >= 2 else { return HTTPTestServer.Response(status: 400) }
            items = data.data.filter { entry in
                (filters["kpi"].map { $0.contains(entry.key.kpi) } ?? true)
                    && (filters["municipality"].map { $0.contains(entry.key.municipality) } ?? true)
                    && (filters["year"].map { $0.contains(String(entry.key.year)) } ?? true)
            }.map(\.object)
        default: return HTTPTestServer.Response(status: 404)
        }
        let perPage = min(pageSize, Int(query["per_page"] ?? "") ?? pageSize)
        let page = max(1, Int(query["page"] ?? "") ?? 1)
        let start = min(items.count, (page - 1) * perPage)
        let slice = Array(items[start..<min(items.count, start + perPage)])
        let next: JSONValue =
            start + perPage < items.count ? .string("\(base)\(path)?page=\(page + 1)&per_page=\(perPage)") : .null
        let body = JSONValue.object([
            ("values", .array(slice)), ("count", .integer(slice.count)), ("next_url", next),
        ])
        return HTTPTestServer.Response(body: Data(body.serialized(numbers: .plain).utf8))
    }
}
