import Foundation
import PrognosFetch
import PrognosIngest
import PrognosModel
import PrognosTestSupport
import Testing

/// `prognos fetch kolada` against a local server that replays the Kolada reference files
/// as v3 answers (``KoladaFixtureAPI``): paging, chunks of at most 25 ids, retries on 429,
/// 500 and cut bodies, timeouts, a failure that names its request, and the cache. The
/// tests never touch the network.
@Suite(.serialized) struct KoladaFetchTests {
    static let quick = HTTPFetcher.Settings(timeout: 2, attempts: 4, firstWait: 0.01, longestWait: 0.2)
    /// 30 municipalities: two chunks (25 + 5); the fixtures have values for 14 of them.
    static let places = [
        "0180", "0319", "0562", "0687", "1082", "1083", "1273", "1280", "1480", "1883", "1885", "1981", "1984", "2084",
        "0114", "0115", "0117", "0120", "0123", "0125", "0126", "0127", "0128", "0136", "0138", "0139", "0140",
        "0160", "0162", "0163",
    ]

    /// The reference values for the KPIs and years asked, as (kpi, municipality, year) → value.
    static func expected(kpis: Set<String>, years: ClosedRange<Int>) throws -> [String: Double] {
        let text = try String(
            contentsOf: TestSupport.koladaFixtures.appendingPathComponent("values_tidy.csv"), encoding: .utf8)
        let (table, _) = CSVTable.parse(text, file: "values_tidy.csv")
        var result: [String: Double] = [:]
        for row in table.records {
            guard kpis.contains(row[0].text), let year = Int(row[2].text), years.contains(year),
                let value = Double(row[4].text)
            else { continue }
            result["\(row[0].text)|\(row[1].text)|\(year)"] = value
        }
        return result
    }

    static func observed(_ dataset: Dataset) -> [String: Double] {
        Dictionary(
            uniqueKeysWithValues: dataset.observations.map { ("\($0.indicatorID)|\($0.entityID)|\($0.year)", $0.value) }
        )
    }

    @Test func everyPageAndEveryChunk() throws {
        let api = try KoladaFixtureAPI(pageSize: 10)
        defer { api.server.stop() }
        let request = KoladaFetch.Request(
            kpis: ["N03702", "N03703"], municipalities: Self.places, years: 2010...2023, baseURL: api.baseURL)
        let reading = try KoladaFetch.fetch(request, with: HTTPFetcher(settings: Self.quick), name: "k")
        #expect(Self.observed(reading.dataset) == (try Self.expected(kpis: ["N03702", "N03703"], years: 2010...2023)))
        #expect(reading.dataset.observations.count > 10)
        // Titles from /kpi, names from /municipality.
        #expect(
            reading.dataset.indicators.first { $0.id == "N03702" }?.titleSv.hasPrefix("Bruttoregionprodukt") == true)
        #expect(reading.dataset.entities.first { $0.id == "1480" }?.name == "Göteborg")
        // No segment over 25 ids; the 30 municipalities took two data requests; pages followed.
        let requests = api.server.requests
        #expect(
            requests.allSatisfy { target in
                target.split(separator: "/").allSatisfy { $0.split(separator: ",").count <= 25 }
            })
        #expect(requests.contains { $0.hasPrefix("/v3/data/") && $0.contains("page=3") })
        let namePaths = Set(requests.filter { $0.hasPrefix("/v3/municipality/") }.map { $0.split(separator: "?")[0] })
        #expect(namePaths.count == 2)
        #expect(reading.dataset.sources.first?.path == api.baseURL)
        #expect(reading.dataset.sources.first?.fetched.count == 10)
    }

    /// 30 KPIs: two requests for their titles, and two for their values, 25 and 5 ids each.
    @Test func thirtyKPIsInTwoRequests() throws {
        let api = try KoladaFixtureAPI(pageSize: 500)
        defer { api.server.stop() }
        let kpis = ["N00945", "N03702", "N03703"] + (1...27).map { "U9\(1000 + $0)" }
        let request = KoladaFetch.Request(
            kpis: kpis, municipalities: ["0180", "1480"], years: 2019...2019, baseURL: api.baseURL)
        let reading = try KoladaFetch.fetch(request, with: HTTPFetcher(settings: Self.quick), name: "k")
        let requests = api.server.requests
        let titleRequests = requests.filter { $0.hasPrefix("/v3/kpi/") }
        let idCounts = titleRequests.map { $0.dropFirst(8).split(separator: "?")[0].split(separator: ",").count }
        #expect(idCounts == [25, 5])
        let dataRequests = requests.filter { $0.hasPrefix("/v3/data/kpi/") }
        #expect(dataRequests.count == 2)
        #expect(Set(reading.dataset.indicators.map(\.id)) == ["N00945", "N03702", "N03703"])
        let all = try Self.expected(kpis: ["N00945", "N03702", "N03703"], years: 2019...2019)
        #expect(Self.observed(reading.dataset) == all.filter { $0.key.contains("|0180|") || $0.key.contains("|1480|") })
    }

    @Test func retriesOn429And500AndACutBody() throws {
        let api = try KoladaFixtureAPI(pageSize: 50)
        defer { api.server.stop() }
        api.inject(.status(429, retryAfter: "0"), into: "/v3/data/")
        api.inject(.status(500, retryAfter: nil), into: "/v3/data/")
        api.inject(.truncated, into: "/v3/data/")
        let request = KoladaFetch.Request(
            kpis: ["N03702"], municipalities: ["0180", "1480"], years: 2019...2019, baseURL: api.baseURL)
        let reading = try KoladaFetch.fetch(request, with: HTTPFetcher(settings: Self.quick), name: "k")
        #expect(Self.observed(reading.dataset) == ["N03702|0180|2019": 984.027891, "N03702|1480|2019": 719.94248])
        #expect(api.server.requests.filter { $0.hasPrefix("/v3/data/") }.count == 4)
    }

    @Test func retryAfterIsHonoured() throws {
        let api = try KoladaFixtureAPI()
        defer { api.server.stop() }
        api.inject(.status(429, retryAfter: "1"), into: "/v3/kpi/")
        let request = KoladaFetch.Request(
            kpis: ["N03702"], municipalities: ["0180"], years: 2019...2019, baseURL: api.baseURL)
        let settings = HTTPFetcher.Settings(timeout: 2, attempts: 3, firstWait: 0.01, longestWait: 5)
        let start = Date()
        _ = try KoladaFetch.fetch(request, with: HTTPFetcher(settings: settings), name: "k")
        #expect(Date().timeIntervalSince(start) >= 0.95)
        #expect(HTTPFetcher.retryAfter("120") == 120)
        #expect(HTTPFetcher.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT") == 0)
        #expect(HTTPFetcher.retryAfter("soon") == nil)
    }

    @Test func aSlowAnswerTimesOutAndIsAskedAgain() throws {
        let api = try KoladaFixtureAPI()
        defer { api.server.stop() }
        api.inject(.slow(6), into: "/v3/kpi/")
        let settings = HTTPFetcher.Settings(timeout: 2, attempts: 3, firstWait: 0.01, longestWait: 0.1)
        let request = KoladaFetch.Request(
            kpis: ["N03702"], municipalities: ["0180"], years: 2019...2019, baseURL: api.baseURL)
        let reading = try KoladaFetch.fetch(request, with: HTTPFetcher(settings: settings), name: "k")
        #expect(reading.dataset.observations.count == 1)
        // Asked again after the timeout (libcurl may also retry a dropped connection once).
        #expect(api.server.requests.filter { $0.hasPrefix("/v3/kpi/") }.count >= 2)
    }

    @Test func aRequestThatKeepsFailingIsNamed() throws {
        let api = try KoladaFixtureAPI()
        defer { api.server.stop() }
        for _ in 0..<4 { api.inject(.status(503, retryAfter: nil), into: "/v3/municipality/") }
        let request = KoladaFetch.Request(
            kpis: ["N03702"], municipalities: ["0180"], years: 2019...2019, baseURL: api.baseURL)
        do {
            _ = try KoladaFetch.fetch(request, with: HTTPFetcher(settings: Self.quick), name: "k")
            Issue.record("a failing request went unnoticed")
        } catch let failure as FetchError {
            #expect(failure.url == api.baseURL + "/municipality/0180?per_page=5000")
            #expect(failure.reason == "HTTP 503 (4 attempts)")
        }
        // 404 is not retried.
        let wrong = KoladaFetch.Request(kpis: ["N03702"], municipalities: ["0180"], baseURL: api.server.base + "/v2")
        #expect(throws: FetchError.self) {
            try KoladaFetch.fetch(wrong, with: HTTPFetcher(settings: Self.quick), name: "k")
        }
        #expect(api.server.requests.filter { $0.hasPrefix("/v2/") }.count == 1)
    }

    @Test func theCacheMakesARerunOffline() throws {
        let cache = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: cache) }
        let api = try KoladaFixtureAPI(pageSize: 10)
        let request = KoladaFetch.Request(
            kpis: ["N00945", "N03702"], municipalities: ["0180", "1480", "2084"], years: 2015...2023,
            baseURL: api.baseURL)
        let first = try KoladaFetch.fetch(
            request, with: HTTPFetcher(settings: Self.quick, cache: try ResponseCache(directory: cache)), name: "k")
        api.server.stop()
        let again = try KoladaFetch.fetch(
            request, with: HTTPFetcher(settings: Self.quick, cache: try ResponseCache(directory: cache)), name: "k")
        #expect(again.dataset == first.dataset)
        // The cache holds every answer, and ingest kolada reads them into the same dataset.
        let index = try String(contentsOf: cache.appendingPathComponent("index.csv"), encoding: .utf8)
        let files = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasSuffix(".json") }
        #expect(index.split(separator: "\n").count == files.count + 1)
        let (table, _) = CSVTable.parse(index, file: "index.csv")
        let inputs = try table.records.map { row in
            KoladaReader.Input(file: row[0].text, data: try Data(contentsOf: cache.appendingPathComponent(row[1].text)))
        }
        let ingested = try KoladaReader.read(inputs, name: "k")
        #expect(ingested.dataset.observations == first.dataset.observations)
        #expect(ingested.dataset.indicators == first.dataset.indicators)
        #expect(ingested.dataset.entities == first.dataset.entities)
    }

    @Test func idsAndNextPagesCannotLeadElsewhere() throws {
        let api = try KoladaFixtureAPI()
        defer { api.server.stop() }
        let bad = KoladaFetch.Request(kpis: ["N03702?x=1"], municipalities: ["0180"], baseURL: api.baseURL)
        #expect(throws: FetchError.self) {
            try KoladaFetch.fetch(bad, with: HTTPFetcher(settings: Self.quick), name: "k")
        }
        #expect(api.server.requests.isEmpty)
        // A cache index that names a file outside its directory is not followed.
        let cache = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: cache) }
        try "url,file,fetched\nhttp://x/v3/kpi/N1?per_page=5000,../../etc/passwd,2026-12-08T00:00:00Z\n"
            .write(to: cache.appendingPathComponent("index.csv"), atomically: true, encoding: .utf8)
        #expect(try ResponseCache(directory: cache).body(of: "http://x/v3/kpi/N1?per_page=5000") == nil)
    }

    @Test func withGroupsAddsTheComparisonGroupsAndTheirMembers() throws {
        let api = try KoladaFixtureAPI(pageSize: 500)
        defer { api.server.stop() }
        let request = KoladaFetch.Request(
            kpis: ["N03702"], municipalities: ["1480"], years: 2019...2019, withGroups: true, baseURL: api.baseURL)
        let reading = try KoladaFetch.fetch(request, with: HTTPFetcher(settings: Self.quick), name: "k")
        let forGothenburg = reading.dataset.entityGroups.filter { $0.forEntityID == "1480" }
        #expect(!forGothenburg.isEmpty)
        // Their members' series were fetched too.
        let members = Set(forGothenburg.flatMap(\.memberIDs))
        #expect(members.isSubset(of: Set(reading.dataset.observations.map(\.entityID))))
        #expect(members.contains("0180"))
    }
}
