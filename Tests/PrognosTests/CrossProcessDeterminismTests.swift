import Foundation
import PrognosTestSupport
import Testing

/// Same input, same output, byte for byte, across processes. Swift seeds its hash
/// functions per process, so anything that sums in dictionary order differs between
/// runs but never within one: only separate processes can catch it (as they did for
/// `auto`'s combination weights).
@Suite struct CrossProcessDeterminismTests {
    private func files(_ names: [String], afterRunning arguments: (URL) -> [String]) throws -> [[Data]] {
        var outputs: [[Data]] = []
        for _ in 0..<3 {
            let out = try TestSupport.temporaryDirectory().appendingPathComponent("out")
            let result = try TestSupport.runBinary(arguments(out))
            #expect(result.status == 0, "\(result.stderr)")
            outputs.append(try names.map { try Data(contentsOf: out.appendingPathComponent($0)) })
        }
        return outputs
    }

    @Test func evaluateOfAutoIsIdenticalInEveryProcess() throws {
        let m3 = TestSupport.repositoryRoot.appendingPathComponent("Datasets/m3-yearly").path
        let outputs = try files(["accuracy.csv"]) {
            ["evaluate", m3, "--methods", "auto,comb,median", "--holdout", "6", "--out", $0.path]
        }
        #expect(outputs.allSatisfy { $0 == outputs[0] })
    }

    @Test func runIsIdenticalInEveryProcess() throws {
        let names = ["summary.json", "indicators.csv", "goals.csv", "accuracy.csv", "report.md"]
        let outputs = try files(names) { ["run", "--out", $0.path] }
        for (index, name) in names.enumerated() {
            #expect(outputs.allSatisfy { $0[index] == outputs[0][index] }, "\(name) differs between processes")
        }
    }
}
