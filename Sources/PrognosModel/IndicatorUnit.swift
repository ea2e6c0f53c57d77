/// The unit an indicator is measured in.
///
/// The unit decides the natural bounds of a value (see ``Indicator/lowerBound``) and
/// which indicators can share a pool of year-to-year variability. Codes are the
/// strings of the canonical dataset's `indicators.csv`, column `unit`.
public enum IndicatorUnit: String, CaseIterable, Sendable, Codable {
    /// A share in percent, 0–100.
    case percent
    /// An index, usually 0–100 (Insikt NKI, Servicemätning).
    case index
    /// A rating on a fixed scale, e.g. 1–6.
    case scale
    /// A count of things or people.
    case count
    /// Thousands of Swedish kronor (tkr), as budget tables report them.
    case sekThousands = "sek_thousands"
    /// A dimensionless ratio.
    case ratio
    /// Full-time equivalents (årsarbetare, heltidsarbetare).
    case fte
    /// An age or duration in years.
    case years
    /// A plain quantity without a named unit (the series of forecasting competitions).
    case number
}
