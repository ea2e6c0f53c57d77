import ArgumentParser
import Foundation
import Prognos

struct TargetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "targets",
        abstract: "Suggest next targets: the value met with each stated probability.",
        discussion: """
            For every series with a direction (its target's comparator, else the indicator's \
            polarity), prints the target met with each probability in YEAR, from the forecast \
            and its uncertainty (own or pooled). Writes suggested_targets.csv and \
            target_curves.csv (probability of meeting each possible target) into DIR.
            """
    )

    @Argument(help: "A canonical dataset directory (default: the bundled dataset).")
    var dataset: String?

    @Option(name: .long, help: "The year to set targets for (default: the year after the latest outcome).")
    var year: Int?

    @Option(name: .long, help: "Comma-separated probabilities of meeting the target.")
    var probability: String = "0.5,0.8,0.9"

    @Option(name: .long, help: "Directory for the CSV files.")
    var out: String = "out"

    func run() throws {
        let probabilities = try probability.split(separator: ",").map { text -> Double in
            guard let p = Double(text.trimmingCharacters(in: .whitespaces)), p > 0, p < 1 else {
                throw ValidationError("probabilities must lie strictly between 0 and 1: \"\(text)\"")
            }
            return p
        }
        let location = try DatasetLocation.resolve(dataset)
        let loaded = try DatasetLoader.load(directory: location.url, displayName: location.displayName)
        let suggestions = TargetSuggestion.all(in: loaded, year: year, probabilities: probabilities).suggestions
        var table = CSVWriter(header: [
            "entity_id", "indicator_id", "gender", "year", "direction", "probability", "target", "forecast",
            "uncertainty_source", "uncertainty_basis",
        ])
        var curves = CSVWriter(header: ["entity_id", "indicator_id", "gender", "year", "target", "probability"])
        print(
            "entity / indicator".padding(toLength: 44, withPad: " ", startingAt: 0)
                + probabilities.map { String(format: "   p=%.2f", $0) }.joined())
        for s in suggestions {
            let direction = s.atLeast ? ">=" : "<="
            let label =
                "\(s.key.entityID) / \(s.key.indicatorID)\(s.key.gender == .total ? "" : " (\(s.key.gender.rawValue))") \(direction)"
            print(
                label.padding(toLength: 44, withPad: " ", startingAt: 0)
                    + s.targets.map { String(format: " %8.4g", $0.value) }.joined())
            for t in s.targets {
                table.appendRow([
                    s.key.entityID, s.key.indicatorID, s.key.gender.rawValue, String(s.year), direction,
                    NumberFormatting.plain(t.probability), NumberFormatting.plain(t.value),
                    NumberFormatting.plain(s.outlook.distribution.point), s.outlook.source, s.outlook.basis.english,
                ])
            }
            for point in s.curve {
                curves.appendRow([
                    s.key.entityID, s.key.indicatorID, s.key.gender.rawValue, String(s.year),
                    NumberFormatting.plain(point.value),
                    NumberFormatting.plain(point.probability),
                ])
            }
        }
        let directory = URL(fileURLWithPath: out)
        try OutputFile.write(Data(table.text.utf8), to: directory.appendingPathComponent("suggested_targets.csv"))
        try OutputFile.write(Data(curves.text.utf8), to: directory.appendingPathComponent("target_curves.csv"))
    }
}
