import BundledDatasets
import Foundation

/// The dataset bundled with Prognos: the 2023 annual report of the executive committee
/// of Alingsås (`Datasets/alingsas-ks-2023`), copied into the build as a package
/// resource so the binary finds it from any working directory.
public enum DefaultDataset {
    public static let name = "alingsas-ks-2023"

    /// The bundled directory, if the resource bundle is present next to the binary.
    public static var directory: URL? {
        BundledDatasets.alingsasKS2023
    }
}
