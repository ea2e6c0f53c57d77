import PrognosModel

/// The series a run shows in detail (per-series charts, rows of the report's series
/// tables) when a dataset has more than it can usefully draw: every series up to
/// `limit`, else a deterministic sample of about `limit`.
///
/// A series is in the sample when the FNV-1a hash of its key (entity, indicator,
/// gender) is divisible by ⌈total / limit⌉: the choice depends only on the key and the
/// counts, never on the order in which series are computed or on the process (Swift's
/// own `Hasher` is seeded per process). Every series is still in `indicators.csv` and
/// `summary.json`.
public struct SeriesSample: Sendable {
    /// The default number of series shown in detail.
    public static let defaultLimit = 500

    public let total: Int
    public let limit: Int
    private let stride: UInt64

    public init(total: Int, limit: Int = SeriesSample.defaultLimit) {
        self.total = max(0, total)
        self.limit = max(0, limit)
        if self.total <= self.limit {
            stride = 1
        } else if self.limit == 0 {
            stride = 0
        } else {
            stride = UInt64((self.total + self.limit - 1) / self.limit)
        }
    }

    /// Whether every series is shown.
    public var isComplete: Bool { stride == 1 }

    public func contains(_ key: SeriesKey) -> Bool {
        switch stride {
        case 0: return false
        case 1: return true
        default: return Self.hash(key) % stride == 0
        }
    }

    /// FNV-1a (64 bit) over the key's UTF-8, with a separator byte between fields.
    static func hash(_ key: SeriesKey) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        for byte in key.entityID.utf8 { mix(byte) }
        mix(0x1F)
        for byte in key.indicatorID.utf8 { mix(byte) }
        mix(0x1F)
        for byte in key.gender.rawValue.utf8 { mix(byte) }
        return hash
    }
}
