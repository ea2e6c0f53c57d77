/// The climatology baseline of the calibration protocol (``CalibrationReport``): a forecaster
/// that knows only how often, in the dataset's past, a value h years ahead stood at or above
/// (1 + g) times the value before.
///
/// For every offset g and horizon h the stated probability is the in-sample base rate
///
///     p(g, h) = #{(s, t): y(s, t+h) ≥ (1 + g) · y(s, t)} / #{(s, t)}
///
/// over all series s and all pairs of years t, t + h inside each series' training part
/// (the values before its holdout), the same for every series. A method's probabilities
/// are worth reading only where their Brier score is below this one's.
///
/// Edge cases: where no training part has a pair h years apart, the rate of the longest
/// horizon that has one is used; without any pair at all, ½.
public enum Climatology {
    /// The baseline's report on the same events as a method's, from the same series and
    /// holdout (``Backtest/run(method:series:holdout:origins:threads:keepTraining:)``, one origin).
    ///
    /// - Parameter lengths: when given, the events of the series whose training part has
    ///   a length in it only (the rates are still those of all training parts).
    public static func report(series: [Backtest.EvaluationSeries], holdout: Int?, lengths: ClosedRange<Int>? = nil)
        -> CalibrationReport
    {
        let offsets = CalibrationReport.offsets
        var longest = 0
        var parts: [(training: [Double], test: ArraySlice<Double>)] = []
        for s in series {
            let h = holdout ?? s.testCount
            let origin = s.values.count - h
            guard h > 0, origin >= 2 else { continue }
            parts.append((Array(s.values[0..<origin]), s.values[origin...]))
            longest = max(longest, s.values.count - origin)
        }
        var hits = [[Double]](repeating: [Double](repeating: 0, count: offsets.count), count: longest)
        var pairs = [Double](repeating: 0, count: longest)
        for part in parts {
            let y = part.training
            for h in 1...max(1, longest) where h < y.count {
                for t in 0..<(y.count - h) {
                    pairs[h - 1] += 1
                    for (j, g) in offsets.enumerated() where y[t + h] >= y[t] * (1 + g) { hits[h - 1][j] += 1 }
                }
            }
        }
        func rate(horizon h: Int, offset j: Int) -> Double {
            var k = min(h, longest)
            while k >= 1 {
                if pairs[k - 1] > 0 { return hits[k - 1][j] / pairs[k - 1] }
                k -= 1
            }
            return 0.5
        }
        var probabilities: [Double] = []
        var outcomes: [Bool] = []
        for part in parts {
            guard let last = part.training.last, lengths.map({ $0.contains(part.training.count) }) ?? true else {
                continue
            }
            for (step, actual) in part.test.enumerated() {
                for (j, g) in offsets.enumerated() {
                    probabilities.append(rate(horizon: step + 1, offset: j))
                    outcomes.append(actual >= last * (1 + g))
                }
            }
        }
        return CalibrationReport(method: "climatology", probabilities: probabilities, outcomes: outcomes)
    }
}
