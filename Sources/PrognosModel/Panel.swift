/// A columnar store of yearly series: one year grid shared by N series.
///
/// Values are stored row-major, one contiguous row of `years.count` doubles per series,
/// so a block of series is a matrix that BLAS can use as it is. A missing outcome is
/// `Double.nan`; whether an outcome is preliminary is kept in a parallel mask.
///
/// Series are ordered by the dataset's entity order, then its indicator order, then
/// gender (T, K, M), so the same dataset always gives the same panel.
public struct Panel: Sendable {
    /// The year grid: every year in which some series has an outcome, in order. A year
    /// in which no series has one is left out, so that one outlying year (a typo of 9999
    /// among 2000–2023) costs one column, not a column for every year of the span: the
    /// panel's size is bounded by the series times the distinct years of the data.
    /// Consecutive columns are consecutive years only where `years` says so.
    public let years: [Int]
    /// The series, in row order.
    public let keys: [SeriesKey]
    /// `keys.count × years.count` values, row-major; `nan` where the outcome is missing.
    public let values: [Double]
    /// `true` where the outcome is preliminary; same shape as `values`.
    public let preliminary: [Bool]

    private let rowOfKey: [SeriesKey: Int]

    /// Builds the panel of a dataset's observations, with an empty row for every
    /// (entity, indicator) that has a target but no observation.
    public init(dataset: Dataset) {
        let entityRank = Dictionary(
            dataset.entities.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let indicatorRank = Dictionary(
            dataset.indicators.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })

        // Observations come grouped by series: a key equal to the previous one's (a
        // comparison of short strings) needs no hashing. The year grid's ends are found in
        // the same pass. The set is sized for a series per target (a country's datasets
        // have about one each), so that it does not grow by rehashing.
        var keySet = Set<SeriesKey>(minimumCapacity: dataset.targets.count)
        // Where each run of one key starts in the observations, and its key: the values
        // are then filled run by run, looking each run's row up once.
        var runs: [(start: Int, key: SeriesKey)] = []
        var firstObserved = Int.max
        var lastObserved = Int.min
        // The observations are read in place, field by field: iterating the array would
        // copy each one (its three strings retained and released: a second of a million
        // series' 18 million observations).
        dataset.observations.withUnsafeBufferPointer { observations in
            var previous: SeriesKey? = nil
            for index in observations.indices {
                let year = observations[index].year
                firstObserved = min(firstObserved, year)
                lastObserved = max(lastObserved, year)
                if let key = previous, key.gender == observations[index].gender,
                    key.entityID == observations[index].entityID, key.indicatorID == observations[index].indicatorID
                {
                    continue
                }
                let key = SeriesKey(
                    entityID: observations[index].entityID, indicatorID: observations[index].indicatorID,
                    gender: observations[index].gender)
                keySet.insert(key)
                runs.append((index, key))
                previous = key
            }
        }
        for target in dataset.targets {
            keySet.insert(SeriesKey(entityID: target.entityID, indicatorID: target.indicatorID))
        }
        // Entity order, then indicator order, as the dataset lists them (unknown ids last,
        // by id), then gender: each key's ranks are looked up once, not at every comparison.
        let ranked = keySet.map { key in
            (
                key: key, entity: entityRank[key.entityID] ?? Int.max,
                indicator: indicatorRank[key.indicatorID] ?? Int.max
            )
        }
        let keys = ranked.sorted { a, b in
            if a.entity != b.entity { return a.entity < b.entity }
            if a.key.entityID != b.key.entityID { return a.key.entityID < b.key.entityID }
            if a.indicator != b.indicator { return a.indicator < b.indicator }
            if a.key.indicatorID != b.key.indicatorID { return a.key.indicatorID < b.key.indicatorID }
            return a.key.gender < b.key.gender
        }.map(\.key)

        // The distinct observed years, found in a second pass over the years alone, with a
        // column per year (a flag per year of the span: at most 9,000 for four-digit years).
        var years: [Int] = []
        var columnOfOffset: [Int] = []
        var columnOfYear: [Int: Int] = [:]
        let span = firstObserved <= lastObserved ? lastObserved - firstObserved + 1 : 0
        let flags = span > 0 && span <= 1 << 20
        if flags {
            var seen = [Bool](repeating: false, count: span)
            dataset.observations.withUnsafeBufferPointer { observations in
                for index in observations.indices { seen[observations[index].year - firstObserved] = true }
            }
            columnOfOffset = [Int](repeating: -1, count: span)
            for offset in 0..<span where seen[offset] {
                columnOfOffset[offset] = years.count
                years.append(firstObserved + offset)
            }
        } else if span > 0 {
            years = Set(dataset.observations.map(\.year)).sorted()
            for (column, year) in years.enumerated() { columnOfYear[year] = column }
        }

        var rowOfKey = [SeriesKey: Int](minimumCapacity: keys.count)
        for (row, key) in keys.enumerated() { rowOfKey[key] = row }

        var values = [Double](repeating: .nan, count: keys.count * years.count)
        var preliminary = [Bool](repeating: false, count: keys.count * years.count)
        if let firstYear = years.first {
            dataset.observations.withUnsafeBufferPointer { observations in
                for (number, run) in runs.enumerated() {
                    guard let row = rowOfKey[run.key] else { continue }
                    let end = number + 1 < runs.count ? runs[number + 1].start : observations.count
                    for index in run.start..<end {
                        let year = observations[index].year
                        let column = flags ? columnOfOffset[year - firstYear] : columnOfYear[year] ?? 0
                        let cell = row * years.count + column
                        values[cell] = observations[index].value
                        preliminary[cell] = observations[index].status == .preliminary
                    }
                }
            }
        }
        self.years = years
        self.keys = keys
        self.values = values
        self.preliminary = preliminary
        self.rowOfKey = rowOfKey
    }

    /// The row of a series, if the panel has it.
    public func row(of key: SeriesKey) -> Int? { rowOfKey[key] }

    /// The values of one series over the year grid (`nan` where missing).
    public func values(row: Int) -> ArraySlice<Double> {
        values[(row * years.count)..<((row + 1) * years.count)]
    }

    /// The observed points of one series, oldest first: year, value and whether it is preliminary.
    public func points(row: Int) -> [SeriesPoint] {
        var points: [SeriesPoint] = []
        let base = row * years.count
        for (offset, year) in years.enumerated() where !values[base + offset].isNaN {
            points.append(
                SeriesPoint(
                    year: year, value: values[base + offset],
                    isPreliminary: preliminary[base + offset]))
        }
        return points
    }
}

/// One observed point of a series.
public struct SeriesPoint: Sendable, Equatable {
    public var year: Int
    public var value: Double
    public var isPreliminary: Bool

    /// The values of the latest run of consecutive years of `points` (in year order),
    /// oldest first: what a forecast starts from, a gap ending the history it reads.
    package static func latestConsecutiveRun(_ points: [SeriesPoint]) -> [Double] {
        points.suffix(latestConsecutiveRunLength(points)).map(\.value)
    }

    /// How many values the latest run of consecutive years holds (0 without points).
    package static func latestConsecutiveRunLength(_ points: [SeriesPoint]) -> Int {
        guard var year = points.last?.year else { return 0 }
        var count = 1
        for point in points.dropLast().reversed() {
            guard point.year == year - 1 else { break }
            year = point.year
            count += 1
        }
        return count
    }
}
