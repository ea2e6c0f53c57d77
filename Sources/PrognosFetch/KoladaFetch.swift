import Foundation
import PrognosIngest
import PrognosModel

/// `prognos fetch kolada`: KPI values from the Kolada API v3, read into a canonical
/// dataset exactly as `ingest kolada` reads the same responses (``KoladaReader``).
///
/// The requests, in order (`../shared/reference/kolada/FORMAT.md` documents the API):
/// 1. with a group, `/municipality_groups/<GID>`: its members are the municipalities;
/// 2. `/kpi/<ids>`: the KPIs' titles, from which their units follow;
/// 3. `/municipality/<ids>`: the municipalities' names;
/// 4. with `withGroups`, `/municipality_groups` (all pages): the comparison groups made
///    for each municipality ("Liknande kommuner …, Alingsås, 2025": a comma-separated
///    part of the title is its name and it is not a member); their members' names and
///    values are fetched too;
/// 5. `/data/kpi/<ids>/municipality/<ids>[/year/<years>]`, every combination.
///
/// Every path segment lists at most ``segmentLimit`` ids (the API refuses more); every
/// request asks for ``pageSize`` values per page and follows `next_url` (or v2's
/// `next_page`) to the end. Each answer must be a JSON object with a `values` array, or
/// it is fetched again (``HTTPFetcher``).
///
/// The dataset's `datapackage.json` names the API and the day of the fetch (the
/// earliest, when answers came from a cache of several days) in `sources`.
public enum KoladaFetch {
    /// At most this many ids in one path segment.
    public static let segmentLimit = 25
    /// Values asked for per page (the API's maximum).
    public static let pageSize = 5000
    /// The public API.
    public static let defaultBaseURL = "https://api.kolada.se/v3"

    public struct Request: Sendable {
        public var kpis: [String]
        /// The municipalities (ids with their leading zeros), unless `group` names them.
        public var municipalities: [String]
        /// A municipality group (`G…`) whose members are the municipalities.
        public var group: String?
        public var years: ClosedRange<Int>?
        public var withGroups: Bool
        public var baseURL: String

        public init(
            kpis: [String], municipalities: [String] = [], group: String? = nil, years: ClosedRange<Int>? = nil,
            withGroups: Bool = false, baseURL: String = KoladaFetch.defaultBaseURL
        ) {
            self.kpis = kpis
            self.municipalities = municipalities
            self.group = group
            self.years = years
            self.withGroups = withGroups
            self.baseURL = baseURL
        }
    }

    /// Fetches the request's responses and reads them (strictly, or leniently).
    public static func fetch(_ request: Request, with fetcher: HTTPFetcher, name: String, lenient: Bool = false)
        throws -> DatasetReading
    {
        let (inputs, earliest) = try responses(for: request, with: fetcher)
        var reading = try KoladaReader.read(inputs, name: name, lenient: lenient)
        let day = ISO8601DateFormatter.string(
            from: earliest, timeZone: TimeZone(identifier: "UTC") ?? .current, formatOptions: [.withFullDate])
        reading.dataset.sources = [DatasetSource(title: "Kolada API v3", path: request.baseURL, fetched: day)]
        reading.dataset.description = "Fetched by `prognos fetch kolada` from \(request.baseURL)."
        return reading
    }

    /// Every response of the request, each named by its URL, and the earliest fetch time.
    public static func responses(for request: Request, with fetcher: HTTPFetcher) throws -> (
        [KoladaReader.Input], Date
    ) {
        for id in request.kpis + request.municipalities + (request.group.map { [$0] } ?? []) where !isID(id) {
            throw FetchError(url: request.baseURL, reason: "\"\(id)\" is not a Kolada id (letters and digits only)")
        }
        var session = Session(base: request.baseURL, fetcher: fetcher)
        var municipalities = request.municipalities
        if let group = request.group {
            let items = try session.values(path: "municipality_groups/\(group)")
            municipalities += items.flatMap { item in
                ((item["members"] as? [Any]) ?? []).compactMap { ($0 as? [String: Any])?["id"] as? String }
            }.filter(isID)
        }
        municipalities = unique(municipalities)
        for chunk in chunks(unique(request.kpis)) {
            _ = try session.values(path: "kpi/\(chunk.joined(separator: ","))")
        }
        var names: [String: String] = [:]
        for chunk in chunks(municipalities) {
            for item in try session.values(path: "municipality/\(chunk.joined(separator: ","))") {
                if let id = item["id"] as? String, let title = item["title"] as? String { names[id] = title }
            }
        }
        if request.withGroups {
            let wanted = Set(municipalities)
            var byName: [String: String] = [:]
            for id in municipalities { if let name = names[id] { byName[name] = id } }
            var members: [String] = []
            for item in try session.values(path: "municipality_groups") {
                guard let title = item["title"] as? String else { continue }
                let ids = ((item["members"] as? [Any]) ?? []).compactMap { ($0 as? [String: Any])?["id"] as? String }
                let madeFor = title.components(separatedBy: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                    .compactMap { byName[$0] }.filter { !ids.contains($0) }
                if madeFor.contains(where: wanted.contains) { members += ids }
            }
            let added = unique(members).filter { !wanted.contains($0) && isID($0) }
            for chunk in chunks(added) {
                _ = try session.values(path: "municipality/\(chunk.joined(separator: ","))")
            }
            municipalities += added
        }
        let years = request.years.map { Array($0).map(String.init) }
        for kpis in chunks(unique(request.kpis)) {
            for places in chunks(municipalities) {
                let base = "data/kpi/\(kpis.joined(separator: ","))/municipality/\(places.joined(separator: ","))"
                if let years {
                    for span in chunks(years) {
                        _ = try session.values(path: base + "/year/\(span.joined(separator: ","))")
                    }
                } else {
                    _ = try session.values(path: base)
                }
            }
        }
        return (session.inputs, session.earliest ?? Date())
    }

    /// The requests made so far, and their answers.
    private struct Session {
        let base: String
        let fetcher: HTTPFetcher
        var inputs: [KoladaReader.Input] = []
        var earliest: Date? = nil

        init(base: String, fetcher: HTTPFetcher) {
            self.base = base.hasSuffix("/") ? String(base.dropLast()) : base
            self.fetcher = fetcher
        }

        /// The `values` of every page of `path`.
        mutating func values(path: String) throws(FetchError) -> [[String: Any]] {
            let first = "\(base)/\(path)?per_page=\(KoladaFetch.pageSize)"
            guard let baseURL = URL(string: first) else { throw FetchError(url: first, reason: "not a valid URL") }
            var next: String? = first
            var seen: Set<String> = []
            var result: [[String: Any]] = []
            while let address = next, seen.insert(address).inserted {
                guard let url = URL(string: address) else {
                    throw FetchError(url: address, reason: "not a valid URL")
                }
                let (body, fetched) = try fetcher.get(url) { KoladaFetch.page(of: $0) != nil }
                guard let page = KoladaFetch.page(of: body) else {
                    throw FetchError(url: address, reason: "not a Kolada answer (no \"values\" array)")
                }
                inputs.append(KoladaReader.Input(file: address, data: body))
                earliest = min(earliest ?? fetched, fetched)
                result += page.values
                // A next page is resolved against this one and must stay on the same
                // server (a relative `next_url` works; another host is refused).
                if let link = page.next {
                    guard let resolved = URL(string: link, relativeTo: URL(string: address)),
                        resolved.scheme == baseURL.scheme, resolved.host == baseURL.host, resolved.port == baseURL.port
                    else {
                        throw FetchError(url: address, reason: "its next page \(link) is not on \(base)")
                    }
                    next = resolved.absoluteString
                } else {
                    next = nil
                }
            }
            return result
        }
    }

    /// A page's values and the address of the next page, or nil when `data` is not a
    /// whole Kolada answer.
    static func page(of data: Data) -> (values: [[String: Any]], next: String?)? {
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
            let values = object["values"] as? [Any]
        else { return nil }
        let next = ["next_url", "next_page"].lazy.compactMap { object[$0] as? String }.first { !$0.isEmpty }
        return (values.compactMap { $0 as? [String: Any] }, next)
    }

    static func chunks(_ ids: [String]) -> [[String]] {
        stride(from: 0, to: ids.count, by: segmentLimit).map { Array(ids[$0..<min(ids.count, $0 + segmentLimit)]) }
    }

    /// A Kolada id: ASCII letters and digits (`N00090`, `1489`, `G37326`), so that it can
    /// go into a path as it is.
    static func isID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 64 && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }

    static func unique(_ ids: [String]) -> [String] {
        var seen = Set<String>()
        return ids.filter { seen.insert($0).inserted }
    }
}
