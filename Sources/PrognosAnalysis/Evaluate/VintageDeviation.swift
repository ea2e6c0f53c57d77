import PrognosModel

/// How far one of an organisation's own forecasts was from the outcome, in money and as a
/// share of the line's frame (Prognossäkerhet, one budget line and checkpoint).
///
///     deviation = outcome − forecast,   share = deviation / frame
///
/// The sign is the seed report's "Avvikelse från bokslut": positive when the outcome came
/// out above the forecast. The **frame** is what the seed measures a deviation against
/// ("0,16 procent mot tilldelad ram"): the line's own budget for the year, or, for a line
/// budgeted at zero (a year's result), the largest budget among its direct parts in
/// `budget_lines.csv` (the net costs the allocation pays for). Measured so, a forecast of 0
/// against a result of 178 tkr on a frame of 109 067 tkr is 0,16 % off, not 100 %.
///
/// Edge cases: without an outcome there is no deviation; without a budget for the line and
/// year, or with every part budgeted at zero, there is no frame and no share.
public struct VintageDeviation: Sendable, Equatable {
    public var vintage: ForecastVintage
    public var deviation: Double?
    public var frame: Double?
    public var share: Double? {
        guard let deviation, let frame, frame != 0 else { return nil }
        return deviation / frame
    }

    /// Every vintage of the dataset, in file order.
    public static func measure(_ dataset: Dataset) -> [VintageDeviation] {
        dataset.forecastVintages.map { vintage in
            VintageDeviation(
                vintage: vintage, deviation: vintage.outcome.map { $0 - vintage.forecast },
                frame: frame(
                    line: vintage.lineID, entity: vintage.entityID, year: vintage.year, lines: dataset.budgetLines))
        }
    }

    /// The frame of a budget line in a year (positive), or nil.
    public static func frame(line: String, entity: String, year: Int, lines: [BudgetLine]) -> Double? {
        let sameYear = lines.filter { $0.entityID == entity && $0.year == year }
        if let own = sameYear.first(where: { $0.lineID == line })?.budget, own != 0 { return abs(own) }
        let parts = sameYear.filter { $0.parentLineID == line }.compactMap(\.budget).map(abs)
        guard let largest = parts.max(), largest > 0 else { return nil }
        return largest
    }
}
