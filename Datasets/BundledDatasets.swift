import Foundation

/// The datasets that ship inside the build as package resources.
///
/// This file lives in `Datasets/` so that the directories below it stay the single
/// source of truth: SwiftPM copies `alingsas-ks-2023/` from here into the resource
/// bundle next to the binary, and `prognos run` finds it from any working directory.
public enum BundledDatasets {
    /// `Datasets/alingsas-ks-2023`: the seed report's dataset, the default of `prognos run`.
    public static var alingsasKS2023: URL? {
        Bundle.module.url(forResource: "alingsas-ks-2023", withExtension: nil)
    }
}
