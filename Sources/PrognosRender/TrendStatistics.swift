import PrognosLinear

/// Which of a trend's statistics the outputs show.
///
/// Through two points a line is exact; through three or four, its slope's standard error
/// rests on one or two degrees of freedom, and a p-value of 10⁻¹⁵ from three points that
/// happen to lie near a line says nothing a reader can use. So `indicators.csv`,
/// `summary.json` and the charts show a trend's standard error, p-value and line only from
/// ``pointsForStatistics`` points; the slope itself (the mean change per year) is shown
/// from two.
extension LinearTrend {
    /// Five points: three degrees of freedom for the slope's t statistic.
    public static let pointsForStatistics = 5

    /// The slope's standard error where the points support it, else nil.
    public var shownStandardError: Double? { pointCount >= Self.pointsForStatistics ? slopeStandardError : nil }

    /// The slope's p-value where the points support it, else nil.
    public var shownPValue: Double? { pointCount >= Self.pointsForStatistics ? slopePValue : nil }
}
