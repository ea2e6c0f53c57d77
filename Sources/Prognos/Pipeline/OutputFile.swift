import Foundation

/// Writing one output file atomically: into a temporary file beside it, then renamed
/// over the destination, so readers never see half a file. Creates the directory.
public enum OutputFile {
    public static func write(_ data: Data, to destination: URL) throws(OutputDirectory.WriteError) {
        let directory = destination.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try data.write(to: destination, options: .atomic)
        } catch {
            throw OutputDirectory.WriteError(description: "\(destination.path): cannot write: \(error.localizedDescription)")
        }
    }
}
