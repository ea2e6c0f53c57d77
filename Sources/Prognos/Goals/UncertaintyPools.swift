import Foundation

/// Where the uncertainty of a short series comes from: the year-to-year changes of
/// comparable series.
///
/// For a series, the pool is the first of these that holds at least three year-to-year
/// changes: the other members' series of the same indicator in the series' comparison
/// group (``ComparisonGroups``: "liknande kommuner", when the dataset has entity
/// groups); the other entities' series of the same indicator; the series of indicators
/// with the same unit and source (e.g. all sick-leave series of an annual report); all
/// series with the same unit (whatever it holds, as a last resort). The pooled scale is
/// σ_pool = √(mean Δ²) over the pool's changes between consecutive years (drift
/// included, so it errs on the wide side). Differences are taken as they are: a pool of
/// percentages pools percentage points.
///
/// Only the total (gender T) series feed the pools. The sums are prepared once, so a
/// lookup costs O(log entities) however many series the dataset has: per indicator the
/// entities' sums of squared changes in entity-id order with prefix and suffix sums
/// (the pool without one entity is prefix + suffix around it), per unit and source and
/// per unit one sum in (entity, indicator) order. Every sum runs in a fixed order, so
/// the result does not depend on the process or the thread count.
public struct UncertaintyPools: Sendable {
    /// A sum of squared changes and how many changes it holds.
    struct Sum: Sendable {
        var squares = 0.0
        var count = 0
    }

    /// One indicator's series: entity ids in order, with prefix and suffix sums.
    struct IndicatorPool: Sendable {
        var entities: [String] = []
        /// sums[i]: entities[i]'s own sum.
        var sums: [Sum] = []
        /// prefix[i] = Σ of entities[0..<i]; suffix[i] = Σ of entities[i...].
        var prefix: [Sum] = []
        var suffix: [Sum] = []
    }

    private var byIndicator: [String: IndicatorPool] = [:]
    private var byUnitAndSource: [String: Sum] = [:]
    private var byUnit: [Unit: Sum] = [:]
    private var units: [String: Unit] = [:]
    private var sources: [String: String] = [:]
    private var groups: ComparisonGroups

    /// - Parameter groups: the dataset's comparison groups, if already built.
    /// - Parameter panel: the dataset's panel, if already built (the changes are read from
    ///   its rows: a change is two adjacent cells, both present, whose years are consecutive).
    public init(dataset: Dataset, groups: ComparisonGroups? = nil, panel: Panel? = nil) {
        let panel = panel ?? Panel(dataset: dataset)
        self.groups = groups ?? ComparisonGroups(dataset: dataset, panel: panel)
        for indicator in dataset.indicators {
            units[indicator.id] = indicator.unit
            sources[indicator.id] = indicator.source
        }
        let width = panel.years.count
        // Adjacent columns of consecutive years (the grid leaves out years without outcomes).
        let consecutive = (0..<width).map { $0 > 0 && panel.years[$0] - panel.years[$0 - 1] == 1 }
        var series: [(key: SeriesKey, sum: Sum)] = []
        series.reserveCapacity(panel.keys.count)
        panel.values.withUnsafeBufferPointer { values in
            for (row, key) in panel.keys.enumerated() where key.gender == .total {
                var sum = Sum()
                let base = row * width
                for offset in 1..<max(width, 1) where consecutive[offset] {
                    let a = values[base + offset - 1]
                    let b = values[base + offset]
                    guard !a.isNaN, !b.isNaN else { continue }
                    sum.squares += (b - a) * (b - a)
                    sum.count += 1
                }
                series.append((key, sum))
            }
        }
        series.sort { ($0.key.entityID, $0.key.indicatorID) < ($1.key.entityID, $1.key.indicatorID) }
        var indicatorSums: [String: [(String, Sum)]] = [:]
        for (key, sum) in series {
            indicatorSums[key.indicatorID, default: []].append((key.entityID, sum))
            guard let unit = units[key.indicatorID] else { continue }
            let source = sources[key.indicatorID] ?? ""
            if !source.isEmpty { byUnitAndSource[Self.poolName(unit, source), default: Sum()].add(sum) }
            byUnit[unit, default: Sum()].add(sum)
        }
        for (indicator, sums) in indicatorSums {
            var pool = IndicatorPool()
            pool.entities = sums.map(\.0)
            pool.sums = sums.map(\.1)
            var running = Sum()
            pool.prefix = [running]
            for (_, sum) in sums {
                running.add(sum)
                pool.prefix.append(running)
            }
            running = Sum()
            pool.suffix = [running]
            for (_, sum) in sums.reversed() {
                running.add(sum)
                pool.suffix.append(running)
            }
            pool.suffix.reverse()
            byIndicator[indicator] = pool
        }
    }

    private static func poolName(_ unit: Unit, _ source: String) -> String { unit.rawValue + "\u{1F}" + source }

    /// The pooled one-year scale for a series and the pool's label, or nil without any comparable change.
    public func scale(for key: SeriesKey) -> (sigma: Double, label: String)? {
        if let pool = byIndicator[key.indicatorID], !groups.isEmpty, let (group, others) = groups.group(for: key) {
            // The other members of the comparison group, in the group's order.
            var members = Sum()
            for member in others {
                let position = Self.lowerBound(of: member, in: pool.entities)
                if position < pool.entities.count, pool.entities[position] == member { members.add(pool.sums[position]) }
            }
            if members.count >= 3 {
                return (Self.root(members), "pooled:group=\(group.id)")
            }
        }
        if let pool = byIndicator[key.indicatorID] {
            // The other entities: everything before the series' entity plus everything after it.
            let position = Self.lowerBound(of: key.entityID, in: pool.entities)
            let after = position < pool.entities.count && pool.entities[position] == key.entityID ? position + 1 : position
            var others = pool.prefix[position]
            others.add(pool.suffix[after])
            if others.count >= 3 {
                return (Self.root(others), "pooled:indicator=\(key.indicatorID)")
            }
        }
        guard let unit = units[key.indicatorID] else { return nil }
        let source = sources[key.indicatorID] ?? ""
        if !source.isEmpty, let sameSource = byUnitAndSource[Self.poolName(unit, source)], sameSource.count >= 3 {
            return (Self.root(sameSource), "pooled:unit=\(unit.rawValue),source=\(source)")
        }
        guard let sameUnit = byUnit[unit], sameUnit.count > 0 else { return nil }
        return (Self.root(sameUnit), "pooled:unit=\(unit.rawValue)")
    }

    private static func lowerBound(of id: String, in sorted: [String]) -> Int {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < id { low = middle + 1 } else { high = middle }
        }
        return low
    }

    private static func root(_ sum: Sum) -> Double {
        (sum.squares / Double(sum.count)).squareRoot()
    }
}

extension UncertaintyPools.Sum {
    mutating func add(_ other: Self) {
        squares += other.squares
        count += other.count
    }
}
