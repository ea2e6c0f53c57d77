/// Rolling-origin forecasts from one fit: a method whose parameters, once estimated, let
/// its state be run forward through the series, so that the point forecasts from every
/// origin o (the method seeing y₁…yₒ) cost one pass instead of one fit per origin.
///
/// This is cross-validation without refitting (statsforecast's `refit=False`, the
/// "fixed-parameter" rolling origin of Tashman 2000): the parameters are estimated once,
/// on y₁…y_f with f the first origin, so no forecast uses a parameter estimated from the
/// values it is scored against; the states (levels, trends, long-term lines) are updated
/// with every observation up to each origin, as a refitted model's would be.
public protocol RollingOriginForecasting: Forecaster {
    /// Appends to `points` the point forecasts from each origin o in `origins` (o ≥ 1),
    /// `horizon` values per origin, of which the first min(horizon, n − o) are forecasts
    /// and the rest (beyond the series) NaN, with the parameters fitted to y₁…y_L,
    /// L = `fittedLength`. Returns false, having appended nothing, when that fit fails
    /// (the caller then refits per origin).
    func appendRollingOriginPoints(
        _ y: [Double], origins: Range<Int>, horizon: Int, fittedLength: Int, to points: inout [Double]
    ) -> Bool
}

extension RollingOriginForecasting {
    /// ``appendRollingOriginPoints(_:origins:horizon:fittedLength:to:)`` as one list per
    /// origin of min(horizon, n − o) forecasts; nil when the fit fails.
    public func rollingOriginPoints(_ y: [Double], origins: Range<Int>, horizon: Int, fittedLength: Int) -> [[Double]]?
    {
        var flat: [Double] = []
        guard appendRollingOriginPoints(y, origins: origins, horizon: horizon, fittedLength: fittedLength, to: &flat)
        else {
            return nil
        }
        return origins.enumerated().map { k, origin in
            Array(flat[(k * horizon)..<(k * horizon + min(horizon, y.count - origin))])
        }
    }
}

/// Point forecasts from a range of origins in one flat array: `horizon` values per origin
/// (NaN beyond the series), and which origins the method could forecast from.
struct OriginPoints {
    let horizon: Int
    /// Origin k's forecast h + 1 steps ahead is element k · horizon + h.
    var values: [Double]
    /// Per origin, whether the method forecast from it; nil when it did from every one.
    var available: [Bool]?

    func isAvailable(_ k: Int) -> Bool { available?[k] ?? true }

    /// Origin k's `horizon` values.
    func row(_ k: Int) -> ArraySlice<Double> { values[(k * horizon)..<((k + 1) * horizon)] }
}

extension Forecaster {
    /// Point forecasts from each origin o in `origins`, min(horizon, n − o) steps each
    /// (see ``OriginPoints``): from one fit where the method allows it
    /// (``RollingOriginForecasting``) and `refit` is false, else the method refitted to
    /// y₁…yₒ at every origin. An origin is unavailable where the method could not
    /// forecast from it.
    func originPoints(_ y: [Double], origins: Range<Int>, horizon: Int, refit: Bool, fittedLength: Int? = nil)
        -> OriginPoints
    {
        var values: [Double] = []
        values.reserveCapacity(origins.count * horizon)
        if !refit,
            appendRollingOriginPoints(
                y, origins: origins, horizon: horizon, fittedLength: fittedLength ?? origins.lowerBound, to: &values)
        {
            return OriginPoints(horizon: horizon, values: values, available: nil)
        }
        values.removeAll(keepingCapacity: true)
        var available: [Bool] = []
        available.reserveCapacity(origins.count)
        for origin in origins {
            let steps = min(horizon, y.count - origin)
            if let points = points(Array(y[0..<origin]), horizon: steps), points.count == steps {
                values.append(contentsOf: points)
                available.append(true)
            } else {
                values.append(contentsOf: repeatElement(.nan, count: steps))
                available.append(false)
            }
            values.append(contentsOf: repeatElement(.nan, count: horizon - steps))
        }
        return OriginPoints(horizon: horizon, values: values, available: available)
    }
}
