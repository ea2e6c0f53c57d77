extension RandomWalk: RollingOriginForecasting {
    /// From each origin o, ŷₒ₊ₕ = yₒ + h b with b = (yₒ − y₁)/(o − 1) for Drift and 0 for
    /// Naive: what ``forecast(_:horizon:)`` gives on y₁…yₒ, without making a forecast (and
    /// its intervals) per origin. The random walk has no parameters to fit, so
    /// `fittedLength` does not matter; like Theta's slope, Drift's b is the data's own at
    /// every origin. Nil when an origin leaves fewer than ``minimumLength`` values.
    public func rollingOriginPoints(_ y: [Double], origins: Range<Int>, horizon: Int, fittedLength: Int) -> [[Double]]? {
        let n = y.count
        guard origins.lowerBound >= minimumLength, origins.upperBound <= n else { return nil }
        return origins.map { origin in
            let last = y[origin - 1]
            let slope = drift ? (last - y[0]) / Double(origin - 1) : 0
            return (0..<min(horizon, n - origin)).map { h in last + Double(h + 1) * slope }
        }
    }
}
