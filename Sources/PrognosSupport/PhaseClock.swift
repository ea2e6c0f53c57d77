import Dispatch

/// Wall-clock time per phase of a job (`prognos run --timing`): each ``lap(_:)`` ends the
/// phase that began at the previous lap (or at creation) and records it under a name.
public struct PhaseClock: Sendable {
    public struct Phase: Sendable, Equatable {
        public var name: String
        public var seconds: Double
    }

    public private(set) var phases: [Phase] = []
    private var last = DispatchTime.now().uptimeNanoseconds

    public init() {}

    /// Ends the current phase and records it as `name`.
    public mutating func lap(_ name: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        phases.append(Phase(name: name, seconds: Double(now - last) / 1e9))
        last = now
    }

    /// Appends phases timed elsewhere (a sub-job's), and restarts the current phase.
    public mutating func append(_ other: [Phase]) {
        phases += other
        last = DispatchTime.now().uptimeNanoseconds
    }
}
