/// The primary keys seen so far in one file, with the line of each: every key column's
/// values are numbered as they first appear, a key of up to five columns is the tuple of
/// its numbers packed into two words, and the tuples live in an open-addressing table
/// (``PackedKeyTable``) where the keys of one series sit in neighbouring slots, so
/// millions of keys take a few words each and no string hashing beyond numbering each
/// column's value (and a value equal to the previous row's is not hashed at all). Wider
/// keys use a dictionary of arrays.
struct PrimaryKeyIndex {
    private var numbers: [[String: UInt32]]
    private var table = PackedKeyTable()
    private var wide: [[String]: Int] = [:]

    /// Each column's last value and its number: rows come grouped by entity and
    /// indicator, so most values are the previous row's and need no hashing.
    private var recent: [(text: String, number: UInt32)?]

    init(columns: Int) {
        numbers = Array(repeating: [:], count: columns)
        recent = Array(repeating: nil, count: columns)
    }

    /// Sizes the index for about `keys` keys, so that it never grows while reading.
    mutating func reserve(_ keys: Int) {
        if numbers.count <= 5 { table.reserve(keys) }
    }

    /// Records `key` at `line`; returns the line where it was first seen, if it was.
    mutating func insert<Key: Collection<String>>(_ key: Key, line: Int) -> Int? {
        guard key.count <= 5, key.count == numbers.count else {
            let whole = Array(key)
            if let earlier = wide[whole] { return earlier }
            wide[whole] = line
            return nil
        }
        // Up to 2³² distinct values per column: columns 1–2 in `low`, 3–4 in `high`, 5 in `extra`.
        var low: UInt64 = 0
        var high: UInt64 = 0
        var extra: UInt32 = 0
        for (column, text) in key.enumerated() {
            let number: UInt32
            if let recent = recent[column], recent.text == text {
                number = recent.number
            } else {
                if let known = numbers[column][text] {
                    number = known
                } else {
                    number = UInt32(truncatingIfNeeded: numbers[column].count)
                    numbers[column][text] = number
                }
                recent[column] = (text, number)
            }
            switch column {
            case 0: low |= UInt64(number)
            case 1: low |= UInt64(number) << 32
            case 2: high |= UInt64(number)
            case 3: high |= UInt64(number) << 32
            default: extra = number
            }
        }
        return table.insert(PackedKeyTable.Key(low: low, high: high, extra: extra), line: line)
    }
}

/// An insert-only hash table from packed keys to lines: linear probing over a power-of-two
/// array kept at most three quarters full, each key starting at its ``home(_:)`` slot.
/// Each slot holds its key and line together (20 bytes of key and 4 of line; a line of 0
/// marks an empty slot, as lines count from 1), so a probe reads one place in memory, not
/// one per field. A table told how many keys to expect is sized once: 18 million keys
/// take 0.8 GB and never the old and the new table at once. Lines past 2³² − 1 are
/// recorded as 2³² − 1.
struct PackedKeyTable {
    struct Key: Equatable {
        var low: UInt64
        var high: UInt64
        var extra: UInt32
    }

    /// A key and the line it was first seen on (0: the slot is empty).
    private struct Slot {
        var low: UInt64
        var high: UInt64
        var extra: UInt32
        var line: UInt32

        static let empty = Slot(low: 0, high: 0, extra: 0, line: 0)
    }

    private var slots: [Slot] = []
    private var count = 0

    /// The slot where a key's probe starts: a mix of the first two columns' numbers plus
    /// the other columns' numbers unmixed. Rows come grouped by their first two key
    /// columns (entity and indicator) with the rest (year, gender) numbered densely from
    /// 0, so the keys of one group fill neighbouring slots: one cache miss per group,
    /// not per row (a random slot per row had cost a page walk each, a fifth of reading
    /// a million series). Keys that share a start slot probe on, as any collision does.
    private static func home(_ key: Key) -> UInt64 {
        var h = key.low &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 29
        h &*= 0xBF58_476D_1CE4_E5B9
        h ^= h >> 32
        return h &+ (key.high ^ (key.high >> 32) ^ UInt64(key.extra))
    }

    /// The smallest power of two (at least 1024) that holds `keys` at most three quarters full.
    static func capacity(for keys: Int) -> Int {
        var capacity = 1024
        while capacity / 4 * 3 < keys { capacity *= 2 }
        return capacity
    }

    /// Sizes the table for `keys` keys, if it is smaller (before any insert, to avoid growing).
    mutating func reserve(_ keys: Int) {
        let wanted = Self.capacity(for: keys)
        if wanted > slots.count { resize(to: wanted) }
    }

    /// Records `key` at `line`; returns the earlier line when the key is already there.
    mutating func insert(_ key: Key, line: Int) -> Int? {
        if slots.isEmpty || (count + 1) > slots.count / 4 * 3 { resize(to: max(1024, slots.count * 2)) }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: Self.home(key)) & mask
        while slots[slot].line != 0 {
            if slots[slot].low == key.low, slots[slot].high == key.high, slots[slot].extra == key.extra {
                return Int(slots[slot].line)
            }
            slot = (slot + 1) & mask
        }
        slots[slot] = Slot(low: key.low, high: key.high, extra: key.extra, line: UInt32(clamping: max(line, 1)))
        count += 1
        return nil
    }

    private mutating func resize(to capacity: Int) {
        let old = slots
        slots = Array(repeating: .empty, count: capacity)
        let mask = capacity - 1
        for entry in old where entry.line != 0 {
            let key = Key(low: entry.low, high: entry.high, extra: entry.extra)
            var slot = Int(truncatingIfNeeded: Self.home(key)) & mask
            while slots[slot].line != 0 { slot = (slot + 1) & mask }
            slots[slot] = entry
        }
    }
}
