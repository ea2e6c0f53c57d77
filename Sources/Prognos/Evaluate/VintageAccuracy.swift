/// How accurate an organisation's own forecasts were, checkpoint by checkpoint
/// (Prognossäkerhet): each forecast of a budget line's outcome made during the year,
/// against the outcome and against the budget.
///
/// Per checkpoint, over the lines that have an outcome: bias = mean(outcome − forecast),
/// MAE = mean |outcome − forecast|, relative error = mean |outcome − forecast| / |outcome|
/// (lines with outcome 0 left out), and for comparison the budget's own error against the
/// outcome, mean |outcome − budget| (lines with a budget for that year).
public struct VintageAccuracy: Sendable, Equatable {
    public var checkpoint: String
    public var month: Int?
    public var count: Int
    public var bias: Double
    public var meanAbsoluteError: Double
    public var meanRelativeError: Double?
    public var budgetMeanAbsoluteError: Double?

    public static func measure(_ dataset: Dataset) -> [VintageAccuracy] {
        var order: [String] = []
        for vintage in dataset.forecastVintages where !order.contains(vintage.checkpoint) { order.append(vintage.checkpoint) }
        return order.compactMap { checkpoint in
            let vintages = dataset.forecastVintages.filter { $0.checkpoint == checkpoint && $0.outcome != nil }
            guard !vintages.isEmpty else { return nil }
            let errors = vintages.compactMap { v in v.outcome.map { $0 - v.forecast } }
            let relative = vintages.compactMap { v -> Double? in
                guard let outcome = v.outcome, outcome != 0 else { return nil }
                return abs(outcome - v.forecast) / abs(outcome)
            }
            let budgetErrors = vintages.compactMap { v -> Double? in
                guard let outcome = v.outcome,
                    let budget = dataset.budgetLines.first(where: { $0.entityID == v.entityID && $0.lineID == v.lineID && $0.year == v.year })?.budget
                else { return nil }
                return abs(outcome - budget)
            }
            let n = Double(errors.count)
            return VintageAccuracy(
                checkpoint: checkpoint, month: vintages.first?.checkpointMonth, count: errors.count,
                bias: errors.reduce(0, +) / n, meanAbsoluteError: errors.reduce(0) { $0 + abs($1) } / n,
                meanRelativeError: relative.isEmpty ? nil : relative.reduce(0, +) / Double(relative.count),
                budgetMeanAbsoluteError: budgetErrors.isEmpty ? nil : budgetErrors.reduce(0, +) / Double(budgetErrors.count))
        }
    }
}
