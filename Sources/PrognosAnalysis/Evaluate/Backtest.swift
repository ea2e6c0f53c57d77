import Dispatch
import PrognosForecast
import PrognosModel
import PrognosSupport

/// Rolling-origin backtests of forecasting methods on a dataset's series.
///
/// Protocol: with holdout H and K origins, the origins are the training lengths
/// n − H − K + 1, …, n − H (an expanding window); from each, the method forecasts up to
/// H steps ahead and every forecast with an actual is scored. K = 1 is the holdout
/// protocol of the M competitions. Without an explicit H, a series' holdout is its
/// observations marked `split = test`. The MASE scale is taken on the training part of
/// each origin. Forecasts are censored at the indicator's bounds.
public enum Backtest {
    /// One series to evaluate: its observed values in year order (gaps closed up), how
    /// many of them are the dataset's test split, and its indicator's bounds.
    /// The kind an indicator's series pool in after the indicator itself: the pool the
    /// dataset names (`pool:` and its name), else the unit's code.
    public static func kind(_ indicator: Indicator) -> String {
        indicator.pool.map { "pool:" + $0 } ?? indicator.unit.rawValue
    }

    public struct EvaluationSeries: Sendable {
        public var key: SeriesKey
        public var values: [Double]
        /// How many of the last values are the holdout (the test split).
        public var testCount: Int
        public var lowerBound: Double?
        public var upperBound: Double?
        /// The indicator's kind (the pool the dataset names, else its unit's code), where
        /// series pool after their indicator.
        public var kind: String
        /// The indicator's unit code (the forecasting scale, ``Transform``); the kind when nil.
        public var unit: String?

        public init(
            key: SeriesKey, values: [Double], testCount: Int, lowerBound: Double? = nil, upperBound: Double? = nil,
            kind: String = "", unit: String? = nil
        ) {
            self.key = key
            self.values = values
            self.testCount = testCount
            self.lowerBound = lowerBound
            self.upperBound = upperBound
            self.kind = kind
            self.unit = unit
        }

        /// The series without its test split, as a series of its own (no test split): the
        /// training part that the selection sets hold out from again.
        public var trainingPart: EvaluationSeries {
            var part = self
            part.values = Array(values.dropLast(testCount))
            part.testCount = 0
            return part
        }
    }

    /// The total-gender series of a dataset, in the order of their first observation.
    ///
    /// - Parameter including: which series to build (all when nil); the others cost a
    ///   look at their key only.
    public static func series(of dataset: Dataset, including: ((SeriesKey) -> Bool)? = nil) -> [EvaluationSeries] {
        let indicators = dataset.indicatorsByID
        var grouped: [SeriesKey: [Observation]] = [:]
        var order: [SeriesKey] = []
        // Sized for a series per target, as the panel's key set: nearly every key of a
        // large dataset is excluded from a sample, and growing the set by rehashing had
        // cost more than filling it.
        var excluded = Set<SeriesKey>(minimumCapacity: including == nil ? 0 : dataset.targets.count)
        // Observations come grouped by series: each run of one key is decided and stored
        // once, not hashed at every observation.
        var runKey: SeriesKey? = nil
        var run: [Observation] = []
        var runIncluded = false
        func store() {
            guard let key = runKey, runIncluded, !run.isEmpty else { return }
            if grouped[key] == nil { order.append(key) }
            grouped[key, default: []].append(contentsOf: run)
        }
        // Read in place, field by field: iterating the array would copy every observation.
        dataset.observations.withUnsafeBufferPointer { observations in
            for index in observations.indices where observations[index].gender == .total {
                let sameRun =
                    runKey.map {
                        $0.entityID == observations[index].entityID && $0.indicatorID == observations[index].indicatorID
                    } ?? false
                if !sameRun {
                    let key = SeriesKey(
                        entityID: observations[index].entityID, indicatorID: observations[index].indicatorID)
                    store()
                    runKey = key
                    run.removeAll(keepingCapacity: true)
                    if let including, grouped[key] == nil {
                        if excluded.contains(key) {
                            runIncluded = false
                        } else if including(key) {
                            runIncluded = true
                        } else {
                            excluded.insert(key)
                            runIncluded = false
                        }
                    } else {
                        runIncluded = true
                    }
                }
                if runIncluded { run.append(observations[index]) }
            }
        }
        store()
        return order.map { key in
            let observations = (grouped[key] ?? []).sorted { $0.year < $1.year }
            let indicator = indicators[key.indicatorID]
            return EvaluationSeries(
                key: key, values: observations.map(\.value), testCount: observations.filter { $0.split == .test }.count,
                lowerBound: indicator?.lowerBound, upperBound: indicator?.upperBound,
                kind: indicator.map(Self.kind) ?? "",
                unit: indicator?.unit.rawValue)
        }
    }

    /// The scored forecasts of one method on every series (one result per series and origin).
    public static func run(
        method: any Forecaster, series: [EvaluationSeries], holdout: Int?, origins: Int, threads: Int,
        keepTraining: Bool = false
    ) -> [AccuracyTable.SeriesResult] {
        let results = WorkerSlots<[AccuracyTable.SeriesResult]>(count: series.count)
        performAdaptively(count: series.count, threads: threads) { index in
            results.store(index, evaluate(method: method, series[index], holdout: holdout, origins: origins))
        }
        return results.all().flatMap { $0 ?? [] }
    }

    /// The scored forecasts of a panel method: at each origin (counted back from each
    /// series' end, as ``run(method:series:holdout:origins:threads:keepTraining:)`` counts
    /// them) the method sees the training parts of every series at once.
    public static func run(
        panelMethod method: any PanelForecaster, series: [EvaluationSeries], holdout: Int?, origins: Int, threads: Int,
        keepTraining: Bool = false
    ) -> [AccuracyTable.SeriesResult] {
        guard origins > 0 else { return [] }
        var bySeries = [[AccuracyTable.SeriesResult]](repeating: [], count: series.count)
        for k in 0..<origins {
            // The series with an origin here, and their training parts.
            var members: [Int] = []
            var panel: [PanelSeries] = []
            var steps: [Int] = []
            for (index, s) in series.enumerated() {
                let n = s.values.count
                let h = holdout ?? s.testCount
                let origin = n - h - (origins - 1 - k)
                guard h > 0, origin >= 2, min(h, n - origin) > 0 else { continue }
                members.append(index)
                steps.append(min(h, n - origin))
                panel.append(
                    PanelSeries(
                        values: Array(s.values[0..<origin]), indicator: s.key.indicatorID, kind: s.kind,
                        lowerBound: s.lowerBound, upperBound: s.upperBound, unit: s.unit))
            }
            guard let horizon = steps.max() else { continue }
            let forecasts = method.forecast(panel, horizon: horizon, threads: threads)
            for (position, index) in members.enumerated() {
                guard position < forecasts.count, var forecast = forecasts[position] else { continue }
                let s = series[index]
                let training = panel[position].values
                let origin = training.count
                forecast.bound(lower: s.lowerBound, upper: s.upperBound)
                let cells = (0..<steps[position]).map {
                    AccuracyTable.Cell(
                        horizon: $0 + 1, actual: s.values[origin + $0], distribution: forecast.distributions[$0])
                }
                bySeries[index].append(
                    AccuracyTable.SeriesResult(
                        cells: cells, scale: meanAbsoluteChange(training), lastTrainingValue: training.last, key: s.key,
                        origin: origin))
            }
        }
        return bySeries.flatMap { $0 }
    }

    static func evaluate(method: any Forecaster, _ s: EvaluationSeries, holdout: Int?, origins: Int) -> [AccuracyTable
        .SeriesResult]
    {
        let n = s.values.count
        let h = holdout ?? s.testCount
        guard h > 0, origins > 0 else { return [] }
        var results: [AccuracyTable.SeriesResult] = []
        results.reserveCapacity(origins)
        for k in 0..<origins {
            let origin = n - h - (origins - 1 - k)
            guard origin >= max(2, method.minimumLength) else { continue }
            let training = Array(s.values[0..<origin])
            let steps = min(h, n - origin)
            guard steps > 0, var forecast = method.forecast(training, horizon: steps) else { continue }
            forecast.bound(lower: s.lowerBound, upper: s.upperBound)
            let scale = meanAbsoluteChange(training)
            let cells = (0..<steps).map {
                AccuracyTable.Cell(
                    horizon: $0 + 1, actual: s.values[origin + $0], distribution: forecast.distributions[$0])
            }
            results.append(
                AccuracyTable.SeriesResult(
                    cells: cells, scale: scale, lastTrainingValue: training.last, key: s.key, origin: origin))
        }
        return results
    }
}
