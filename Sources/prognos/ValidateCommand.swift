import ArgumentParser
import Foundation
import Prognos

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a dataset and list every problem as file:line:column: reason.",
        discussion: "Exit code 0 when the dataset is valid, 1 when it has problems."
    )

    @Argument(help: "A canonical dataset directory.")
    var dataset: String

    func run() throws {
        let location = try DatasetLocation.resolve(dataset)
        // Checked without keeping the rows: the memory of the files and their keys only.
        let counts = try DatasetLoader.validate(directory: location.url, displayName: location.displayName)
        print(
            "\(location.displayName): valid (\(counts.entities) entities, \(counts.indicators) indicators, \(counts.observations) observations, \(counts.targets) targets, \(counts.goals) goals)"
        )
    }
}
