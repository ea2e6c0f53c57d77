import Foundation
import PrognosLinear

/// A NIST StRD linear-regression dataset: its certified values and its data
/// (see `Fixtures/nist-strd/README.md`).
package struct NISTDataset {
    package var name: String
    package var certifiedCoefficients: [Double]
    package var certifiedStandardErrors: [Double]
    package var certifiedResidualSD: Double
    package var certifiedRSquared: Double
    package var y: [Double]
    /// Predictor columns as printed (one for the polynomial models).
    package var x: [[Double]]

    package static let names = [
        "Norris", "Pontius", "NoInt1", "NoInt2", "Filip", "Longley",
        "Wampler1", "Wampler2", "Wampler3", "Wampler4", "Wampler5",
    ]

    /// The model: intercept unless NoInt*, polynomial degree for the single-x polynomial sets.
    package var hasIntercept: Bool { !name.hasPrefix("NoInt") }
    package var polynomialDegree: Int? {
        switch name {
        case "Pontius": return 2
        case "Filip": return 10
        case _ where name.hasPrefix("Wampler"): return 5
        default: return nil
        }
    }

    package static func load(_ name: String) throws -> NISTDataset {
        let url = TestSupport.repositoryRoot.appendingPathComponent("Tests/Fixtures/nist-strd/\(name).dat")
        let text = try String(contentsOf: url, encoding: .ascii).replacingOccurrences(of: "\r", with: "")
        let lines = text.components(separatedBy: "\n")
        func number(_ s: Substring) -> Double? { Double(s.replacingOccurrences(of: "E", with: "e")) }
        var coefficients: [Double] = []
        var errors: [Double] = []
        var residualSD = Double.nan
        var rSquared = Double.nan
        for line in lines.prefix(60) {
            let fields = line.split(separator: " ")
            if let first = fields.first, first.hasPrefix("B"), Int(first.dropFirst()) != nil, fields.count >= 3,
                let estimate = number(fields[1]), let error = number(fields[2])
            {
                coefficients.append(estimate)
                errors.append(error)
            } else if line.contains("Standard Deviation"), let last = fields.last, let value = number(last),
                !line.contains("Parameter")
            {
                residualSD = value
            } else if line.contains("R-Squared"), let last = fields.last, let value = number(last) {
                rSquared = value
            }
        }
        var y: [Double] = []
        var x: [[Double]] = []
        for line in lines.dropFirst(60) {
            let values = line.split(separator: " ").compactMap(number)
            guard !values.isEmpty else { continue }
            y.append(values[0])
            let predictors = Array(values.dropFirst())
            if x.isEmpty { x = predictors.map { _ in [] } }
            for (j, value) in predictors.enumerated() { x[j].append(value) }
        }
        return NISTDataset(
            name: name, certifiedCoefficients: coefficients, certifiedStandardErrors: errors,
            certifiedResidualSD: residualSD, certifiedRSquared: rSquared, y: y, x: x)
    }

    /// The design matrix and term names of the certified model.
    package func design() -> (Matrix, [String]) {
        var columns: [[Double]] = []
        var terms: [String] = []
        if hasIntercept {
            columns.append([Double](repeating: 1, count: y.count))
            terms.append("intercept")
        }
        if let degree = polynomialDegree {
            for k in 1...degree {
                columns.append(x[0].map { value in (0..<k).reduce(1.0) { product, _ in product * value } })
                terms.append(k == 1 ? "x" : "x^\(k)")
            }
        } else {
            for (j, column) in x.enumerated() {
                columns.append(column)
                terms.append(x.count == 1 ? "x" : "x\(j + 1)")
            }
        }
        return (Matrix(columns: columns), terms)
    }

    /// Log relative error, clamped to [0, 15]; absolute when the certified value is 0.
    package static func lre(_ value: Double, certified: Double) -> Double {
        let error = certified == 0 ? abs(value) : abs(value - certified) / abs(certified)
        if error == 0 { return 15 }
        guard error.isFinite else { return 0 }
        return min(15, max(0, -log10(error)))
    }
}

extension NISTDataset {
    /// The LRE floor of each dataset (see NISTRegressionTests).
    package static let floors: [String: Double] = [
        "Norris": 13, "Pontius": 13, "NoInt1": 14, "NoInt2": 14, "Filip": 7.5, "Longley": 12,
        "Wampler1": 14, "Wampler2": 12.5, "Wampler3": 12.5, "Wampler4": 12.5, "Wampler5": 12.5,
    ]

    package struct Score: CustomStringConvertible {
        package var coefficients: Double
        package var standardErrors: Double
        package var residualSD: Double
        package var rSquared: Double
        package var minimum: Double { min(coefficients, standardErrors, residualSD, rSquared) }
        package var description: String {
            String(format: "coef %.1f, se %.1f, sd %.1f, r2 %.1f", coefficients, standardErrors, residualSD, rSquared)
        }
    }

    package static func score(
        _ data: NISTDataset, coefficients: [Double], standardErrors: [Double], residualSD: Double, rSquared: Double
    ) -> Score {
        let lre = NISTDataset.lre
        return Score(
            coefficients: zip(coefficients, data.certifiedCoefficients).map { lre($0, $1) }.min() ?? 0,
            standardErrors: zip(standardErrors, data.certifiedStandardErrors).map { lre($0, $1) }.min() ?? 0,
            residualSD: lre(residualSD, data.certifiedResidualSD),
            rSquared: lre(rSquared, data.certifiedRSquared))
    }
}
