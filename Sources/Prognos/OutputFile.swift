import Foundation

/// Writing one output file atomically: into a temporary file beside it, then renamed
/// over the destination, so readers never see half a file.
///
/// Writing never removes what Prognos did not create: a file that exists already is
/// replaced only in a directory marked as Prognos's (``OutputDirectory/markerName``). A
/// directory that is created here, or found empty, gets the marker.
///
/// Edge cases: a new file in an unmarked, non-empty directory (the current directory,
/// say) is written, and the directory stays unmarked, so that `run --out` never takes it
/// for an earlier output.
public enum OutputFile {
    public static func write(_ data: Data, to destination: URL) throws(OutputDirectory.WriteError) {
        let fileManager = FileManager.default
        let directory = destination.deletingLastPathComponent()
        let marker = directory.appendingPathComponent(OutputDirectory.markerName)
        do {
            var isDirectory: ObjCBool = false
            let exists = fileManager.fileExists(atPath: directory.path, isDirectory: &isDirectory)
            if exists && !isDirectory.boolValue {
                throw OutputDirectory.WriteError(refused: "\(directory.path): exists and is not a directory")
            }
            let empty = exists ? try fileManager.contentsOfDirectory(atPath: directory.path).isEmpty : true
            if empty {
                try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
                try Data(OutputDirectory.markerText.utf8).write(to: marker)
            }
            if fileManager.fileExists(atPath: destination.path) && !fileManager.fileExists(atPath: marker.path) {
                throw OutputDirectory.WriteError(
                    refused:
                        "\(destination.path): exists in a directory that Prognos did not write (no \(OutputDirectory.markerName)); "
                        + "choose another --out, or remove the file yourself")
            }
            try data.write(to: destination, options: .atomic)
        } catch let error as OutputDirectory.WriteError {
            throw error
        } catch {
            throw OutputDirectory.WriteError(
                description: "\(destination.path): cannot write: \(OutputDirectory.reason(error))")
        }
    }
}
