import CLAPACK

/// Control and facts of the OpenBLAS library the engine links.
///
/// The engine spreads batched work over cores itself; OpenBLAS's own threads would then
/// compete for the same cores, so batched paths set it to one thread per call.
public enum OpenBLAS {
    /// The number of threads OpenBLAS uses per call.
    public static var threadCount: Int {
        Int(openblas_get_num_threads())
    }

    public static func setThreadCount(_ count: Int) {
        openblas_set_num_threads(Int32(max(1, count)))
    }

    /// The CPU kernel OpenBLAS selected (e.g. `Haswell`, `SkylakeX`, or `Prescott` when it
    /// fell back to the slow generic kernel; `OPENBLAS_CORETYPE` set before start-up chooses one).
    public static var coreName: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// OpenBLAS's build configuration string.
    public static var configuration: String {
        guard let config = openblas_get_config() else { return "unknown" }
        return String(cString: config)
    }
}
