extension RandomWalk: RollingOriginForecasting {
    /// From each origin o, ŷₒ₊ₕ = yₒ + h b with b = (yₒ − y₁)/(o − 1) for Drift and 0 for
    /// Naive: what ``forecast(_:horizon:)`` gives on y₁…yₒ, without making a forecast (and
    /// its intervals) per origin. The random walk has no parameters to fit, so
    /// `fittedLength` does not matter; like Theta's slope, Drift's b is the data's own at
    /// every origin. False when an origin leaves fewer than ``minimumLength`` values.
    public func appendRollingOriginPoints(
        _ y: [Double], origins: Range<Int>, horizon: Int, fittedLength: Int, to points: inout [Double]
    ) -> Bool {
        let n = y.count
        guard origins.lowerBound >= minimumLength, origins.upperBound <= n else { return false }
        for origin in origins {
            let last = y[origin - 1]
            let slope = drift ? (last - y[0]) / Double(origin - 1) : 0
            let steps = min(horizon, n - origin)
            for h in 0..<steps { points.append(last + Double(h + 1) * slope) }
            points.append(contentsOf: repeatElement(.nan, count: horizon - steps))
        }
        return true
    }
}
