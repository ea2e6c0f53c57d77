import Foundation
import PrognosTestSupport
import Testing

@testable import Prognos
@testable import PrognosSupport

/// `prognos regress` as a user runs it: the NIST figures through the JSON contract,
/// and invalid input with exit code 1.
@Suite struct RegressCommandTests {
    /// Writes a NIST dataset as CSV (y, x or x1…x6) and returns the regress arguments of its model.
    static func csvAndArguments(_ data: NISTDataset, in directory: URL) throws -> (URL, [String]) {
        let names = data.x.count == 1 ? ["x"] : (1...data.x.count).map { "x\($0)" }
        var writer = CSVWriter(header: ["y"] + names)
        for i in 0..<data.y.count {
            writer.appendRow([NumberFormatting.exact(data.y[i])] + data.x.map { NumberFormatting.exact($0[i]) })
        }
        let url = directory.appendingPathComponent("\(data.name).csv")
        try writer.text.write(to: url, atomically: true, encoding: .utf8)
        var arguments = ["regress", url.path, "--y", "y", "--json"]
        if let degree = data.polynomialDegree {
            arguments += ["--poly", String(degree), "--of", "x"]
        } else {
            for name in names { arguments += ["--x", name] }
        }
        if !data.hasIntercept { arguments.append("--no-intercept") }
        return (url, arguments)
    }

    @Test(arguments: NISTDataset.names)
    func jsonReachesTheNISTFloor(_ name: String) throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = try NISTDataset.load(name)
        let (_, arguments) = try Self.csvAndArguments(data, in: directory)
        let result = try TestSupport.runBinary(arguments)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let keys = [
            "terms", "coefficients", "standard_errors", "residual_sd", "r_squared", "adj_r_squared",
            "f_statistic", "df_model", "df_resid", "rank",
        ]
        for key in keys { #expect(json[key] != nil, "\(key)") }
        // The contract's keys come first, in the contract's order.
        let positions = keys.compactMap { result.stdout.range(of: "\"\($0)\":")?.lowerBound }
        #expect(positions == positions.sorted())
        let coefficients = try #require(json["coefficients"] as? [Double])
        let errors = try #require(json["standard_errors"] as? [Double])
        let residualSD = try #require(json["residual_sd"] as? Double)
        let rSquared = try #require(json["r_squared"] as? Double)
        let score = NISTDataset.score(
            data, coefficients: coefficients, standardErrors: errors, residualSD: residualSD, rSquared: rSquared)
        #expect(score.minimum >= NISTDataset.floors[name] ?? 15, "\(name): \(score)")
        #expect(json["rank"] as? Int == data.certifiedCoefficients.count)
        if data.polynomialDegree == 2 {
            #expect(json["terms"] as? [String] == ["intercept", "x", "x^2"])
        }
        // 17 significant digits: every number is printed as d.dddddddddddddddde±xx.
        let firstCoefficient = try #require(
            result.stdout.components(separatedBy: "\"coefficients\": [\n").last?
                .components(separatedBy: "\n").first?.trimmingCharacters(in: .whitespaces))
        #expect(
            firstCoefficient.range(of: #"^-?\d\.\d{16}e[+-]\d{2,3},?$"#, options: .regularExpression) != nil,
            "\(firstCoefficient)")
    }

    @Test func rankDeficiencyNamesTheCollinearColumns() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("c.csv")
        try "y,a,b,c\n1,1,2,3\n2,2,4,5\n4,3,6,2\n3,4,8,1\n5,5,10,7\n".write(to: url, atomically: true, encoding: .utf8)
        let result = try TestSupport.runBinary(["regress", url.path, "--y", "y", "--x", "a", "--x", "b", "--x", "c"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("rank deficient (rank 3 of 4)"), "\(result.stderr)")
        #expect(result.stderr.contains("\"a\"") || result.stderr.contains("\"b\""), "\(result.stderr)")
    }

    @Test func nonNumericCellNamesItsLine() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("bad.csv")
        try "y,x\n1,1\n2,tva\n3,3\n".write(to: url, atomically: true, encoding: .utf8)
        let result = try TestSupport.runBinary(["regress", url.path, "--y", "y", "--x", "x"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(url.path):3:3: \"tva\" in column \"x\" is not a number"), "\(result.stderr)")
        let missing = try TestSupport.runBinary(["regress", url.path, "--y", "y", "--x", "z"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no column \"z\""))
        let usage = try TestSupport.runBinary(["regress", url.path, "--y", "y", "--poly", "2"])
        #expect(usage.status == 2)
    }

    @Test func textTableIsTheDefault() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (_, arguments) = try Self.csvAndArguments(try NISTDataset.load("Norris"), in: directory)
        let result = try TestSupport.runBinary(arguments.filter { $0 != "--json" })
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("term"))
        #expect(result.stdout.contains("R² = 0.99999"))
    }
}
