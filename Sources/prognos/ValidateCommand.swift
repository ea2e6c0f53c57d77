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
        let loaded = try DatasetLoader.load(directory: location.url, displayName: location.displayName)
        print(
            "\(location.displayName): valid (\(loaded.entities.count) entities, \(loaded.indicators.count) indicators, \(loaded.observations.count) observations, \(loaded.targets.count) targets, \(loaded.goals.count) goals)"
        )
    }
}
