import Foundation

/// `auto`, the default method: a combination of candidate methods weighted by how well
/// each forecast this series' own history.
///
/// For a series of length n, the last `origins` positions o = n − K, …, n − 1 (keeping at
/// least `minimumTraining` observations) serve as forecast origins: every candidate
/// forecasts up to H steps from y₁…yₒ, and its errors against the known values are
/// scaled by the in-sample mean absolute change of y₁…yₒ (the MASE scale). A
/// candidate's score is its mean scaled absolute error over all these forecasts. The
/// `top` best-scoring candidates are combined with weights proportional to 1/scoreᵖ,
/// p = `scoreExponent` (equal weights when the series is too short for any origin).
///
/// By default (``OriginFit/firstOrigin``) a candidate's parameters are estimated once, on
/// y₁…y_f at the first origin f, and its states are run forward through the later origins
/// (``RollingOriginForecasting``; cross-validation without refitting): two fits per
/// candidate (this one and the final one on the whole series) instead of K + 1, with the
/// same accuracy on the training parts of M3 yearly (docs/forecasting-experiments.md). No forecast
/// is scored against a value its parameters were estimated from. Candidates that cannot
/// be run forward are refitted at every origin.
///
/// Intervals come from the combination's own rolling-origin errors
/// (``IntervalSource/crossValidation``): per horizon h the root mean square of its
/// scaled errors, where at least `minimumErrors` exist, else extrapolated from the
/// longest such horizon as √h; pooled with the candidates' analytic spread as a floor;
/// Student t with as many degrees of freedom as errors at horizon 1. The spread is then
/// widened by `intervalInflation`, since errors measured at origins inside a series
/// understate those of its future (see the property).
public struct AutoForecaster: Forecaster {
    public var candidates: [any Forecaster]
    public var origins: Int
    /// The fewest observations an origin leaves for fitting: 12. On the training parts of
    /// M3 yearly 11 had given the lowest Brier score and log loss (0.1761 and 0.5215
    /// against 0.1808 and 0.5343 at 8, 0.1762 and 0.5229 at 12; docs/forecasting-experiments.md); on
    /// the four selection sets (docs/forecasting.md "Four selection sets") 12 scored better than 11 on
    /// average in sMAPE, MASE, Brier score and log loss, also with any one set left out
    /// (sMAPE 0.9969 of 11's, 90 % interval 0.995–0.999), better than 9, 10 and 13.
    /// Estimates from fewer points weigh the candidates by noise. A series too short for
    /// any origin gets equal weights and the candidates' analytic spread.
    public var minimumTraining: Int
    /// How many of the best-scoring candidates are combined: 4, all the default ones.
    /// Combining the best 2 or 3 scored worse on the four selection sets (sMAPE 1.005 and
    /// 1.002 of all four's average; docs/forecasting.md "Four selection sets").
    public var top: Int
    /// The exponent p of the weights 1/scoreᵖ: 2. On the training parts of M3 yearly a
    /// larger p forecast a little better (sMAPE 18.679 at 2, 18.630 at 5, 18.605 at 20;
    /// Brier 0.1760 and 0.1754), by less than what `top` was left at 4 for
    /// (docs/forecasting-experiments.md); on the four selection sets p = 1, 3 and 5 all
    /// scored worse than 2 in sMAPE (docs/forecasting.md "Four selection sets"). p = 0 gives equal
    /// weights; a large p tends to picking the best-scoring candidate alone.
    public var scoreExponent: Double
    /// How a candidate's scaled rolling-origin errors are summarised into its score: their
    /// mean absolute value. On the four selection sets (docs/forecasting.md "Four selection sets";
    /// `SelectionSets score`) their root mean square and their median both forecast a
    /// little worse on average (sMAPE 1.0007 and 1.0008 of the mean's, MASE alike).
    public var scoreMeasure: ScoreMeasure
    public var minimumErrors: Int
    /// The factor the spread is widened by: 1.1. Chosen on the four selection sets (the
    /// training parts of M3 yearly, M1 yearly, Tourism yearly and the synthetic set;
    /// docs/forecasting.md "Four selection sets"): against 1.2, the factor first chosen on M3's
    /// training parts alone, it lowered the average Brier score, log loss and MSIS over
    /// the four sets (0.993, 0.992 and 0.977 of 1.2's) and each of them with any one set
    /// left out. Narrower factors lowered Brier score and log loss further (1.0: 0.986,
    /// 0.985) but raised MSIS with the synthetic set left out.
    public var intervalInflation: Double
    /// The fewest degrees of freedom of the Student t intervals.
    public var minimumDegreesOfFreedom: Double

    /// How the candidates' parameters are estimated for the rolling origins.
    public enum OriginFit: String, Sendable {
        /// Refitted to y₁…yₒ at every origin o.
        case everyOrigin
        /// Fitted once to y₁…y_f at the first origin f and run forward (``RollingOriginForecasting``).
        case firstOrigin
        /// Fitted once to the whole series and run forward from the start (in-sample
        /// parameters: the scored values took part in the fit).
        case wholeSeries
    }
    public var originFit: OriginFit

    /// A candidate's score from its scaled rolling-origin errors eᵢ = (y − ŷ)/scale.
    public enum ScoreMeasure: String, Sendable {
        /// The mean of |eᵢ| (the MASE of the rolling origins): the default.
        case meanAbsolute
        /// √(mean of eᵢ²) (the RMSSE of the rolling origins).
        case rootMeanSquare
        /// The median of |eᵢ|.
        case medianAbsolute
    }

    public var name: String { "auto" }
    public var minimumLength: Int { candidates.map(\.minimumLength).min() ?? 2 }

    public init(
        candidates: [any Forecaster] = AutoForecaster.defaultCandidates, origins: Int = 10, minimumTraining: Int = 12,
        top: Int = 4, scoreExponent: Double = 2, minimumErrors: Int = 3, intervalInflation: Double = 1.1,
        minimumDegreesOfFreedom: Double = 2, originFit: OriginFit = .firstOrigin,
        scoreMeasure: ScoreMeasure = .meanAbsolute
    ) {
        self.scoreMeasure = scoreMeasure
        self.scoreExponent = scoreExponent
        self.originFit = originFit
        self.minimumDegreesOfFreedom = minimumDegreesOfFreedom
        self.candidates = candidates
        self.origins = origins
        self.minimumTraining = minimumTraining
        self.top = top
        self.minimumErrors = minimumErrors
        self.intervalInflation = intervalInflation
    }

    /// Drift, Damped, Theta and DOTM: the set that forecast best on the training parts of
    /// M3 yearly (the last six training values held out; docs/forecasting-experiments.md).
    /// On the four selection sets (docs/forecasting.md "Four selection sets") dropping Theta lowered the
    /// averages, but only through M1 (without it the sMAPE average was 1.003), and adding
    /// Drift on logarithms passed the rule but lost the published bar on M3's test part
    /// (a decision docs/forecasting.md reports as taken with the test part in view).
    ///
    /// Damped stops its search at the method's relative tolerance, 10⁻⁴: 10⁻⁵ forecast
    /// alike on the training parts and took 1.14× `auto`'s time. Damped keeps β < α as its
    /// only limit on the trend's smoothing (``ExponentialSmoothing/slopeSmoothingLimit``
    /// 1): a limit of 0.2 made `auto` forecast worse there (18.851 against 18.695 sMAPE,
    /// Brier 0.1779 against 0.1765), and on the four selection sets (docs/forecasting.md "Four selection sets")
    /// the limits 0.5, 0.2 and the `damped` method's 0.12 all scored worse on average in
    /// sMAPE and MASE than no limit. Its damping φ is searched in [0.8, 0.995] instead of
    /// [0.8, 0.98]: on the four selection sets `auto` scored 0.9971 [0.9957, 0.9984] of the
    /// narrower box's sMAPE and 0.9964 of its MASE, below 1 with any one set left out
    /// (docs/forecasting.md "Four selection sets"; `SelectionSets damping`).
    ///
    /// DOTM is the `dotm` method's fit (statsforecast's search), stopped when the simplex's
    /// values have a standard deviation below 10⁻⁴ instead of 10⁻⁶. On the training parts
    /// `auto` scored sMAPE 18.657 with it, against 18.650 at 10⁻⁶ and 18.695 with the
    /// earlier candidate (ℓ₀ solved, ``DynamicOptimizedTheta/InitialLevel/solved``), and
    /// Brier 0.1759 against 0.1760 and 0.1765. It runs 1.15× faster than at 10⁻⁶
    /// (docs/forecasting-experiments.md).
    public static let defaultCandidates: [any Forecaster] = [
        RandomWalk(drift: true),
        ExponentialSmoothing(trend: .damped, slopeSmoothingLimit: 1, dampingBounds: 0.8...0.995), ThetaForecaster(),
        DynamicOptimizedTheta(optimizerTolerance: 1e-4),
    ]

    /// The candidates' point forecasts from the rolling origins, in one flat array: the
    /// origins where every candidate could forecast, each origin's MASE scale and number
    /// of steps, and the forecasts by origin, candidate and step.
    struct CrossValidation {
        let candidateCount: Int
        let horizon: Int
        /// The origins used, in order, and for each its scale and min(H, n − o) steps.
        var origins: [Int] = []
        var scales: [Double] = []
        var steps: [Int] = []
        /// Candidate m's forecast h + 1 steps from the k-th origin used is element
        /// (k · candidateCount + m) · horizon + h.
        var forecasts: [Double] = []

        func forecast(origin k: Int, candidate m: Int, step h: Int) -> Double {
            forecasts[(k * candidateCount + m) * horizon + h]
        }

        /// Candidate m's scaled errors (y − ŷ)/scale, horizon by horizon and at each
        /// horizon origin by origin (the order their mean is summed in).
        func errors(candidate m: Int, _ y: [Double]) -> [[Double]] {
            (0..<horizon).map { h in
                origins.indices.filter { steps[$0] > h }.map { k in
                    (y[origins[k] + h] - forecast(origin: k, candidate: m, step: h)) / scales[k]
                }
            }
        }

        /// The mean absolute scaled error of candidate m over every origin and horizon,
        /// summed horizon by horizon, origin by origin; infinite when there is none.
        func score(candidate m: Int, _ y: [Double], measure: ScoreMeasure = .meanAbsolute) -> Double {
            var sum = 0.0
            var count = 0
            var magnitudes: [Double] = []
            for h in 0..<horizon {
                for k in origins.indices where steps[k] > h {
                    let error = abs((y[origins[k] + h] - forecast(origin: k, candidate: m, step: h)) / scales[k])
                    switch measure {
                    case .meanAbsolute: sum += error
                    case .rootMeanSquare: sum += error * error
                    case .medianAbsolute: magnitudes.append(error)
                    }
                    count += 1
                }
            }
            guard count > 0 else { return .infinity }
            switch measure {
            case .meanAbsolute: return sum / Double(count)
            case .rootMeanSquare: return (sum / Double(count)).squareRoot()
            case .medianAbsolute:
                magnitudes.sort()
                let middle = count / 2
                return count % 2 == 1 ? magnitudes[middle] : (magnitudes[middle - 1] + magnitudes[middle]) / 2
            }
        }
    }

    /// The candidates' rolling-origin forecasts (see the type's description).
    func crossValidate(_ y: [Double], horizon: Int) -> CrossValidation {
        let n = y.count
        var cv = CrossValidation(candidateCount: candidates.count, horizon: horizon)
        let first = max(minimumTraining, n - origins)
        guard first < n else { return cv }
        let byCandidate = candidates.map {
            $0.originPoints(
                y, origins: first..<n, horizon: horizon, refit: originFit == .everyOrigin,
                fittedLength: originFit == .wholeSeries ? n : first)
        }
        cv.forecasts.reserveCapacity((n - first) * candidates.count * horizon)
        for (k, origin) in (first..<n).enumerated() {
            let steps = min(horizon, n - origin)
            guard byCandidate.allSatisfy({ $0.isAvailable(k) }) else { continue }
            let training = y[0..<origin]
            var scale = meanAbsoluteChange(training)
            if !(scale > 0) { scale = max(abs(training.last ?? 1), 1e-12) * 1e-3 }
            cv.origins.append(origin)
            cv.scales.append(scale)
            cv.steps.append(steps)
            // Each row holds `horizon` values, NaN beyond the series (never read).
            for points in byCandidate { cv.forecasts.append(contentsOf: points.row(k)) }
        }
        return cv
    }

    public func forecast(_ y: [Double], horizon: Int) -> Forecast? {
        let n = y.count
        guard n >= minimumLength else { return nil }
        let usable = candidates.indices.filter { n >= candidates[$0].minimumLength }
        let full = usable.compactMap { m in candidates[m].forecast(y, horizon: horizon).map { (m, $0) } }
        guard !full.isEmpty else { return nil }
        let cv = crossValidate(y, horizon: horizon)

        // Scores and weights, by candidate index (an array, so that every sum below runs
        // in the same order in every process).
        var weights = [Double?](repeating: nil, count: candidates.count)
        let scored = full.map { m, _ in (m, cv.score(candidate: m, y, measure: scoreMeasure)) }
        let ranked = scored.filter { $0.1.isFinite }.sorted { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
        if ranked.isEmpty {
            for (m, _) in full { weights[m] = 1 }
        } else {
            for (m, score) in ranked.prefix(top) {
                // score · score for p = 2: the same bits as before p could be chosen.
                let power = scoreExponent == 2 ? score * score : Foundation.pow(score, scoreExponent)
                weights[m] = 1 / max(power, 1e-12)
            }
        }
        let total = weights.reduce(0) { $0 + ($1 ?? 0) }

        // The combination's own rolling-origin errors, per horizon: their sum of squares
        // and number, summed origin by origin.
        var comboSquares = [Double](repeating: 0, count: horizon)
        var comboCounts = [Int](repeating: 0, count: horizon)
        for (k, origin) in cv.origins.enumerated() {
            for h in 0..<cv.steps[k] {
                var combined = 0.0
                for (m, w) in weights.enumerated() {
                    if let w { combined += w / total * cv.forecast(origin: k, candidate: m, step: h) }
                }
                let error = (y[origin + h] - combined) / cv.scales[k]
                comboSquares[h] += error * error
                comboCounts[h] += 1
            }
        }
        let scale = n >= 2 ? meanAbsoluteChange(y) : 0

        var lastReliable: (horizon: Int, rms: Double)? = nil
        var distributions: [PredictiveDistribution] = []
        distributions.reserveCapacity(horizon)
        for h in 0..<horizon {
            var location = 0.0
            var analytic = 0.0
            for (m, forecast) in full {
                guard let weight = weights[m] else { continue }
                let w = weight / total
                location += w * forecast.distributions[h].location
                analytic += w * forecast.distributions[h].scale
            }
            var spread: Double
            if comboCounts[h] >= minimumErrors {
                let rms = (comboSquares[h] / Double(comboCounts[h])).squareRoot() * scale
                lastReliable = (h + 1, rms)
                spread = rms
            } else if let reliable = lastReliable {
                spread = reliable.rms * (Double(h + 1) / Double(reliable.horizon)).squareRoot()
            } else {
                spread = analytic
            }
            spread = max(spread, analytic) * intervalInflation
            let df = max(Double(comboCounts[0]), minimumDegreesOfFreedom)
            distributions.append(
                PredictiveDistribution(location: location, scale: spread, shape: .studentT(degreesOfFreedom: df)))
        }
        return Forecast(method: name, distributions: distributions, intervalSource: .crossValidation)
    }
}
