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
    /// Point forecasts from each origin o in `origins` (o ≥ 1), each of min(horizon, n − o)
    /// steps, with the parameters fitted to y₁…y_L, L = `fittedLength`; nil when that fit
    /// fails (the caller then refits per origin).
    func rollingOriginPoints(_ y: [Double], origins: Range<Int>, horizon: Int, fittedLength: Int) -> [[Double]]?
}

extension Forecaster {
    /// Point forecasts from each origin o in `origins`, each of min(horizon, n − o) steps:
    /// from one fit where the method allows it (``RollingOriginForecasting``) and
    /// `refit` is false, else the method refitted to y₁…yₒ at every origin. An entry is
    /// nil where the method could not forecast from that origin.
    func originPoints(_ y: [Double], origins: Range<Int>, horizon: Int, refit: Bool, fittedLength: Int? = nil) -> [[Double]?] {
        if !refit, let rolling = self as? any RollingOriginForecasting,
            let points = rolling.rollingOriginPoints(y, origins: origins, horizon: horizon, fittedLength: fittedLength ?? origins.lowerBound)
        {
            return points.map { Optional($0) }
        }
        return origins.map { origin in
            points(Array(y[0..<origin]), horizon: min(horizon, y.count - origin))
        }
    }
}
