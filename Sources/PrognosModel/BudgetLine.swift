/// One line of a budget table in one year: what was budgeted and what the outcome was
/// (thousands of kronor, signed as the report signs them: costs negative in operating
/// tables). One row of `budget_lines.csv`.
public struct BudgetLine: Sendable, Equatable, Hashable, BilingualTitled {
    public var entityID: String
    public var lineID: String
    public var titleSv: String
    /// The title in English (`title_en`), empty when the dataset gives none.
    public var titleEn: String
    public var year: Int
    public var budget: Double?
    public var outcome: Double?
    /// The line this one is a part of (a subtotal), if any.
    public var parentLineID: String?
    /// How the line's amounts are signed (`amounts`: `signed` by default).
    public var amounts: Amounts

    /// How a line's amounts are signed.
    public enum Amounts: String, Sendable, CaseIterable, Hashable {
        /// Income positive, costs negative (an operating table).
        case signed
        /// Expenditure as positive amounts (an investment table).
        case spending
    }

    /// The deviation from the budget as annual reports print it ("Avv."): positive when
    /// the outcome is better than the budget. For signed amounts outcome − budget (more
    /// income, or a smaller cost, since costs are negative); for spending budget − outcome
    /// (less spent). Nil without both amounts.
    public var deviation: Double? {
        guard let budget, let outcome else { return nil }
        return amounts == .spending ? budget - outcome : outcome - budget
    }

    public init(
        entityID: String, lineID: String, titleSv: String, year: Int,
        budget: Double?, outcome: Double?, parentLineID: String? = nil, titleEn: String = "", amounts: Amounts = .signed
    ) {
        self.amounts = amounts
        self.entityID = entityID
        self.lineID = lineID
        self.titleSv = titleSv
        self.titleEn = titleEn
        self.year = year
        self.budget = budget
        self.outcome = outcome
        self.parentLineID = parentLineID
    }
}

/// A forecast of a budget line's outcome made at a checkpoint during the year
/// (Prognossäkerhet), and the outcome it is judged against. One row of `forecast_vintages.csv`.
public struct ForecastVintage: Sendable, Equatable, Hashable {
    public var entityID: String
    public var lineID: String
    public var year: Int
    /// The checkpoint's code, e.g. `delarsbokslut`.
    public var checkpoint: String
    /// The month of the year whose figures the forecast was based on, if known.
    public var checkpointMonth: Int?
    public var forecast: Double
    public var outcome: Double?

    public init(
        entityID: String, lineID: String, year: Int, checkpoint: String,
        checkpointMonth: Int? = nil, forecast: Double, outcome: Double?
    ) {
        self.entityID = entityID
        self.lineID = lineID
        self.year = year
        self.checkpoint = checkpoint
        self.checkpointMonth = checkpointMonth
        self.forecast = forecast
        self.outcome = outcome
    }
}
