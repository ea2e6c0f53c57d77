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

    @OptionGroup var results: ResultsDirectoryOption

    var out: String { results.out }

    func run() throws {
        let probabilities = try probability.split(separator: ",").map { text -> Double in
            guard let p = Double(text.trimmingCharacters(in: .whitespaces)), p > 0, p < 1 else {
                throw ValidationError("probabilities must lie strictly between 0 and 1: \"\(text)\"")
            }
            return p
        }
        let location = try DatasetLocation.resolve(dataset)
        let loaded = try DatasetLoader.load(directory: location.url, displayName: location.displayName).dataset
        let job = TargetsJob(year: year, probabilities: probabilities)
        let suggestions = job.suggestions(for: loaded)
        print(job.table(of: suggestions))
        let directory = URL(fileURLWithPath: out)
        for (name, text) in job.outputs(of: suggestions).sorted(by: { $0.key < $1.key }) {
            try OutputFile.write(Data(text.utf8), to: directory.appendingPathComponent(name))
        }
    }
}
