import Foundation
import PrognosModel

/// Reads a canonical dataset directory from disk and validates it.
public enum DatasetLoader {
    /// Loads the dataset in `directory`. `displayName` names the directory in messages
    /// (the path as the user typed it). With `lenient`, rows with problems are left out
    /// and listed (``CanonicalDatasetReader/read(descriptor:texts:location:threads:sliceBytes:lenient:)``);
    /// problems with the files themselves still throw.
    ///
    /// - Throws: ``InvalidInput`` with every problem found, each naming its file.
    public static func load(directory: URL, displayName: String, lenient: Bool = false) throws(InvalidInput)
        -> DatasetReading
    {
        let (descriptor, texts, diagnostics) = try readFiles(
            directory: directory, displayName: displayName, mapping: false)
        return try combined(diagnostics) { () throws(InvalidInput) in
            try CanonicalDatasetReader.read(
                descriptor: descriptor, texts: texts, location: displayName, lenient: lenient)
        }
    }

    /// Checks the dataset in `directory` as ``load(directory:displayName:lenient:)`` does
    /// strictly, with the same problems, without keeping its observations and targets
    /// (``CanonicalDatasetReader/validate(descriptor:texts:location:threads:sliceBytes:)``).
    public static func validate(directory: URL, displayName: String) throws(InvalidInput)
        -> CanonicalDatasetReader.Counts
    {
        let (descriptor, texts, diagnostics) = try readFiles(
            directory: directory, displayName: displayName, mapping: true)
        return try combined(diagnostics) { () throws(InvalidInput) in
            try CanonicalDatasetReader.validate(descriptor: descriptor, texts: texts, location: displayName)
        }
    }

    /// The reader's result, unless the files had problems of their own (listed first,
    /// before the reader's).
    private static func combined<Value>(
        _ diagnostics: [Diagnostic], _ read: () throws(InvalidInput) -> Value
    ) throws(InvalidInput) -> Value {
        let value: Value
        do {
            value = try read()
        } catch {
            throw InvalidInput(diagnostics + error.diagnostics, omitted: error.omitted)
        }
        if !diagnostics.isEmpty { throw InvalidInput(diagnostics) }
        return value
    }

    /// The descriptor and the resources' texts, with the problems found reading them;
    /// with `mapping`, files are mapped where they can be (``ResourceText/mapped(atPath:)``).
    private static func readFiles(
        directory: URL, displayName: String, mapping: Bool
    ) throws(InvalidInput) -> (DataPackageDescriptor, [String: ResourceText], [Diagnostic]) {
        let descriptorFile = CanonicalDatasetReader.displayPath(
            location: displayName, path: DataPackageDescriptor.fileName)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            throw InvalidInput([Diagnostic(file: displayName, reason: "no such dataset directory")])
        }
        if let problem = DatasetFileCheck.problem(directory: directory, path: DataPackageDescriptor.fileName) {
            throw InvalidInput([Diagnostic(file: descriptorFile, reason: problem)])
        }
        guard
            let descriptorData = FileManager.default.contents(
                atPath: directory.appendingPathComponent(DataPackageDescriptor.fileName).path)
        else {
            throw InvalidInput([
                Diagnostic(
                    file: descriptorFile,
                    reason: "missing: a dataset directory needs a datapackage.json (see docs/dataset-format.md)")
            ])
        }
        let (parsed, descriptorProblems) = DataPackageDescriptor.parse(descriptorData, file: descriptorFile)
        guard let descriptor = parsed else { throw InvalidInput(descriptorProblems) }

        var diagnostics = descriptorProblems
        var files: [String: ResourceText] = [:]
        for path in descriptor.resourcePaths.values.sorted() {
            if let problem = DatasetFileCheck.problem(directory: directory, path: path) {
                diagnostics.append(
                    Diagnostic(
                        file: CanonicalDatasetReader.displayPath(location: displayName, path: path), reason: problem))
                continue
            }
            if mapping, let mapped = ResourceText.mapped(atPath: directory.appendingPathComponent(path).path) {
                files[path] = mapped
                continue
            }
            // A missing file is reported by the reader, with the resource it belongs to.
            guard let contents = UTF8File.read(atPath: directory.appendingPathComponent(path).path) else { continue }
            files[path] = ResourceText(contents.text)
            if !contents.isValidUTF8 {
                let file = CanonicalDatasetReader.displayPath(location: displayName, path: path)
                diagnostics.append(Diagnostic(file: file, reason: "not valid UTF-8 (save the file as UTF-8)"))
            }
        }
        return (descriptor, files, diagnostics)
    }
}
