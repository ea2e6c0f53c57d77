import ArgumentParser
import Foundation
import Prognos

/// A dataset directory given on the command line, or the bundled default.
struct DatasetLocation {
    var url: URL
    var displayName: String

    /// `path`, or the bundled dataset when `path` is nil.
    static func resolve(_ path: String?) throws -> DatasetLocation {
        if let path {
            return DatasetLocation(url: URL(fileURLWithPath: path), displayName: path)
        }
        guard let url = DefaultDataset.directory else {
            throw ValidationError(
                "the bundled dataset \(DefaultDataset.name) is missing next to the binary; pass a DATASET directory")
        }
        return DatasetLocation(url: url, displayName: DefaultDataset.name)
    }
}

extension Language: ExpressibleByArgument {}

extension GoalRule: ExpressibleByArgument {}

/// Draws one chart (SVG and PNG) and writes both into a directory, atomically per file.
func writeChart(_ job: ChartRenderer.Job, into directory: URL) throws {
    let charts = try ChartRenderer.render([job])
    for (file, data) in charts.files { try OutputFile.write(data, to: directory.appendingPathComponent(file)) }
}
