import Foundation

/// A small, fast, seedable pseudo-random generator (Steele, Lea & Flood's SplitMix64,
/// "Fast splittable pseudorandom number generators", OOPSLA 2014), so that synthetic
/// data, tests and benchmarks are the same on every machine and every run.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in [0, 1) with 53 random bits.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A standard normal variate (Box–Muller; one of the pair is used).
    public mutating func nextNormal() -> Double {
        var u = nextUnit()
        while u == 0 { u = nextUnit() }
        let v = nextUnit()
        return (-2 * Foundation.log(u)).squareRoot() * Foundation.cos(2 * Double.pi * v)
    }
}
