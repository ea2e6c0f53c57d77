import Foundation

/// What a measurement ran on, for benchmark output: the CPU model (Linux
/// `/proc/cpuinfo`, else "unknown CPU"), the cores the process may use, and the OpenBLAS
/// kernel.
public enum MachineInfo {
    public static var cpuModel: String {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "unknown CPU" }
        for line in text.split(separator: "\n") where line.hasPrefix("model name") {
            if let colon = line.firstIndex(of: ":") {
                return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return "unknown CPU"
    }

    /// "CPU: …; cores: N; OpenBLAS kernel: …".
    public static var summary: String {
        "CPU: \(cpuModel); cores: \(ProcessInfo.processInfo.activeProcessorCount); OpenBLAS kernel: \(OpenBLAS.coreName)"
    }
}
