import Foundation
import PrognosModel

/// The parts of a Frictionless `datapackage.json` that Prognos reads: the package's
/// name, title and description, and the path of each resource.
public struct DataPackageDescriptor: Sendable, Equatable {
    public var name: String
    public var title: String
    public var description: String
    /// Resource name → path relative to the package directory.
    public var resourcePaths: [String: String]
    /// The goal rule named by the custom property `prognos.goal_rule`, if any.
    public var goalRule: String?
    /// The title in English named by the custom property `prognos.title_en`, if any.
    public var titleEn: String = ""
    /// The Frictionless `sources` list: where the data came from and when it was fetched.
    public var sources: [DatasetSource] = []

    public static let fileName = "datapackage.json"

    public init(name: String, title: String = "", description: String = "", resourcePaths: [String: String]) {
        self.name = name
        self.title = title
        self.description = description
        self.resourcePaths = resourcePaths
    }

    /// Parses a descriptor; every problem is a diagnostic naming `file`.
    public static func parse(_ data: Data, file: String) -> (
        descriptor: DataPackageDescriptor?, diagnostics: [Diagnostic]
    ) {
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: data)
        } catch {
            return (nil, [Diagnostic(file: file, reason: "not valid JSON (\(jsonErrorSummary(error)))")])
        }
        guard let object = json as? [String: Any] else {
            return (nil, [Diagnostic(file: file, reason: "the descriptor must be a JSON object")])
        }
        var diagnostics: [Diagnostic] = []
        let name = object["name"] as? String ?? ""
        if name.isEmpty {
            diagnostics.append(Diagnostic(file: file, reason: "the package has no \"name\""))
        }
        var paths: [String: String] = [:]
        if let resources = object["resources"] as? [Any] {
            for (index, entry) in resources.enumerated() {
                guard let resource = entry as? [String: Any],
                    let resourceName = resource["name"] as? String, !resourceName.isEmpty
                else {
                    diagnostics.append(Diagnostic(file: file, reason: "resource \(index + 1) has no \"name\""))
                    continue
                }
                guard let path = resource["path"] as? String, !path.isEmpty else {
                    diagnostics.append(
                        Diagnostic(file: file, reason: "resource \"\(resourceName)\" has no \"path\" (a string)"))
                    continue
                }
                if path.hasPrefix("/") || path.split(separator: "/").contains("..") {
                    diagnostics.append(
                        Diagnostic(
                            file: file,
                            reason:
                                "resource \"\(resourceName)\" path \"\(path)\" must be relative and inside the package"
                        ))
                    continue
                }
                if paths[resourceName] != nil {
                    diagnostics.append(Diagnostic(file: file, reason: "resource \"\(resourceName)\" is listed twice"))
                    continue
                }
                paths[resourceName] = path
            }
        } else {
            diagnostics.append(Diagnostic(file: file, reason: "the package has no \"resources\" array"))
        }
        var descriptor = DataPackageDescriptor(
            name: name, title: object["title"] as? String ?? "",
            description: object["description"] as? String ?? "", resourcePaths: paths)
        if let custom = object["prognos"] as? [String: Any], let title = custom["title_en"] {
            if let text = title as? String {
                descriptor.titleEn = text
            } else {
                diagnostics.append(Diagnostic(file: file, reason: "prognos.title_en is not a string"))
            }
        }
        if let sources = object["sources"] {
            if let list = sources as? [[String: Any]] {
                descriptor.sources = list.map { entry in
                    DatasetSource(
                        title: entry["title"] as? String ?? "", path: entry["path"] as? String ?? "",
                        fetched: entry["fetched"] as? String ?? "")
                }
            } else {
                diagnostics.append(Diagnostic(file: file, reason: "\"sources\" is not a list of objects"))
            }
        }
        if let custom = object["prognos"] as? [String: Any], let rule = custom["goal_rule"] {
            if let text = rule as? String, GoalRule(rawValue: text) != nil {
                descriptor.goalRule = text
            } else {
                let known = GoalRule.allCases.map(\.rawValue).joined(separator: ", ")
                diagnostics.append(
                    Diagnostic(file: file, reason: "unknown prognos.goal_rule \"\(rule)\" (expected one of: \(known))"))
            }
        }
        return (descriptor, diagnostics)
    }

    private static func jsonErrorSummary(_ error: Error) -> String {
        let nsError = error as NSError
        if let detail = nsError.userInfo[NSDebugDescriptionErrorKey] as? String { return detail }
        return nsError.localizedDescription
    }
}
