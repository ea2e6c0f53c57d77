import Foundation
import PrognosTestSupport
import Testing

/// `prognos fetch kolada` through the built binary, against the local Kolada fixture API:
/// the dataset it writes validates, names its source and fetch date, equals what
/// `ingest kolada` makes of the cached answers, and a failed request writes nothing.
@Suite(.serialized) struct FetchCommandTests {
    @Test func fetchesIntoACanonicalDatasetTheSameAsIngestOfItsCache() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let api = try KoladaFixtureAPI(pageSize: 20)
        defer { api.server.stop() }
        let fetched = try TestSupport.runBinary(
            [
                "fetch", "kolada", "--kpi", "N00945,N03702", "--municipality", "0180,1480,2084", "--years", "2015-2023",
                "--with-groups", "--base-url", api.baseURL, "--cache", "cache", "--out", "fetched",
            ], in: root)
        #expect(fetched.status == 0, "\(fetched.stderr)")
        #expect(fetched.stdout.contains("KPIs"))
        let validated = try TestSupport.runBinary(["validate", "fetched"], in: root)
        #expect(validated.status == 0, "\(validated.stderr)")
        let descriptor = try String(
            contentsOf: root.appendingPathComponent("fetched/datapackage.json"), encoding: .utf8)
        #expect(descriptor.contains("\"path\": \"\(api.baseURL)\""))
        #expect(descriptor.contains("\"fetched\": \""))
        // ingest kolada on the cached answers: the same data files.
        let cached = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("cache").path)
            .filter { $0.hasSuffix(".json") }.sorted().map { "cache/" + $0 }
        #expect(!cached.isEmpty)
        let ingested = try TestSupport.runBinary(["ingest", "kolada"] + cached + ["--out", "ingested"], in: root)
        #expect(ingested.status == 0, "\(ingested.stderr)")
        for file in ["entities.csv", "indicators.csv", "observations.csv", "entity_groups.csv"] {
            let a = try? String(contentsOf: root.appendingPathComponent("fetched/\(file)"), encoding: .utf8)
            let b = try? String(contentsOf: root.appendingPathComponent("ingested/\(file)"), encoding: .utf8)
            #expect(a != nil && a == b, "\(file) differs")
        }
        // Offline, from the cache: the same dataset again.
        api.server.stop()
        let offline = try TestSupport.runBinary(
            [
                "fetch", "kolada", "--kpi", "N00945,N03702", "--municipality", "0180,1480,2084", "--years", "2015-2023",
                "--with-groups", "--base-url", api.baseURL, "--cache", "cache", "--out", "offline",
            ], in: root)
        #expect(offline.status == 0, "\(offline.stderr)")
        let before = try String(contentsOf: root.appendingPathComponent("fetched/observations.csv"), encoding: .utf8)
        let after = try String(contentsOf: root.appendingPathComponent("offline/observations.csv"), encoding: .utf8)
        #expect(before == after)
        // The same source and fetch date: the cache's, not the rerun's.
        let rerun = try String(contentsOf: root.appendingPathComponent("offline/datapackage.json"), encoding: .utf8)
        #expect(rerun.replacingOccurrences(of: "\"offline\"", with: "\"fetched\"") == descriptor)
    }

    @Test func aFailedRequestIsNamedAndNothingIsWritten() throws {
        let root = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let api = try KoladaFixtureAPI()
        defer { api.server.stop() }
        for _ in 0..<5 { api.inject(.status(500, retryAfter: "0"), into: "/v3/data/") }
        let result = try TestSupport.runBinary(
            [
                "fetch", "kolada", "--kpi", "N03702", "--municipality", "0180", "--base-url", api.baseURL,
                "--out", "never",
            ], in: root)
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "\(api.baseURL)/data/kpi/N03702/municipality/0180?per_page=5000: HTTP 500 (5 attempts)"))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("never").path))
    }

    @Test func usageErrors() throws {
        let both = try TestSupport.runBinary(
            ["fetch", "kolada", "--kpi", "N03702", "--municipality", "0180", "--group", "G1", "--out", "x"])
        #expect(both.status == 2)
        let years = try TestSupport.runBinary(
            ["fetch", "kolada", "--kpi", "N03702", "--municipality", "0180", "--years", "2025-2018", "--out", "x"])
        #expect(years.status == 2)
        #expect(years.stderr.contains("--years"))
    }
}
