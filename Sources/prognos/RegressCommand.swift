import ArgumentParser
import Foundation
import Prognos

struct RegressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regress",
        abstract: "Fit one linear regression to columns of a CSV file, with full statistics.",
        discussion: """
            Least squares by pivoted Householder QR with iterative refinement (no normal \
            equations). Terms: intercept (unless --no-intercept), each --x column, then the \
            powers 1…K of the --of column for --poly K. A non-numeric cell or a rank-deficient \
            design (collinear columns, named) is invalid input: exit 1.
            """
    )

    @Argument(help: "A CSV file with a header row (comma separated, dot decimal).")
    var file: String

    @Option(name: .long, help: "The response column.")
    var y: String

    @Option(name: .customLong("x"), help: "A predictor column (repeatable).")
    var predictors: [String] = []

    @Option(name: .long, help: "Add the powers 1…K of the --of column.")
    var poly: Int?

    @Option(name: .long, help: "The column whose powers --poly adds.")
    var of: String?

    @Flag(name: .long, help: "Fit without an intercept (R² is then uncentred).")
    var noIntercept = false

    @Flag(name: .long, help: "Print JSON (17 significant digits) instead of a table.")
    var json = false

    func validate() throws {
        if (poly == nil) != (of == nil) { throw ValidationError("--poly and --of go together") }
        if let poly, poly < 1 { throw ValidationError("--poly must be at least 1") }
        if predictors.isEmpty && poly == nil && noIntercept { throw ValidationError("the model has no terms") }
        var seen: Set<String> = []
        for name in predictors {
            if name == y { throw ValidationError("--x \(name) is the response (--y) too") }
            if !seen.insert(name).inserted { throw ValidationError("--x \(name) is given more than once") }
        }
    }

    func run() throws {
        let model = RegressionModel(
            response: y, predictors: predictors, polynomial: poly.flatMap { k in of.map { (k, $0) } },
            intercept: !noIntercept)
        guard let data = FileManager.default.contents(atPath: file) else {
            throw InvalidInput([Diagnostic(file: file, reason: "cannot read the file")])
        }
        let table = try NumericTable.read(
            csv: String(decoding: data, as: UTF8.self), file: file, columns: model.columnsRead)
        let (design, terms) = model.design(columns: table.columns, rowCount: table.rowCount)
        let fit: RegressionFit
        do {
            fit = try RegressionFit(
                design: design, response: table.columns[y] ?? [], terms: terms, hasIntercept: !noIntercept)
        } catch {
            throw InvalidInput([Diagnostic(file: file, reason: Self.explain(error, terms: terms))])
        }
        print(json ? RegressionReport.json(fit) : RegressionReport.text(fit), terminator: "")
    }

    static func explain(_ error: LinearAlgebraError, terms: [String]) -> String {
        switch error {
        case .rankDeficient(let rank, let columns):
            let names = columns.map { "\"\(terms[$0])\"" }.joined(separator: ", ")
            return "the design is rank deficient (rank \(rank) of \(terms.count)): \(names) "
                + (columns.count == 1 ? "is" : "are") + " collinear with the other terms"
        default:
            return error.description
        }
    }
}
