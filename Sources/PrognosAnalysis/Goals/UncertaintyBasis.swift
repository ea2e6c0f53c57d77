import PrognosForecast
import PrognosModel

/// Where a forecast's or a probability's uncertainty comes from, as a code for machines
/// (`uncertainty_source` in `indicators.csv`) and in plain words for readers, Swedish and
/// English, e.g. "errors of naive on this indicator's 66 backtested series, in the series'
/// own year-to-year moves (5 values)" or "own history, 14 years".
public struct UncertaintyBasis: Sendable, Equatable {
    /// `own`, `group`, `indicator`, `kind`, `panel`, `own_moves`, `outcome`,
    /// `outcome_preliminary` or `none`.
    public var code: String
    public var english: String
    public var swedish: String

    public init(code: String, english: String, swedish: String) {
        self.code = code
        self.english = english
        self.swedish = swedish
    }

    public func words(_ language: Language) -> String { language == .sv ? swedish : english }

    /// A long series' own rolling-origin errors (``AutoForecaster``).
    static func ownHistory(values: Int) -> UncertaintyBasis {
        UncertaintyBasis(
            code: "own", english: "own history, \(values) years", swedish: "egen historik, \(values) år")
    }

    /// A known final outcome.
    static let outcome = UncertaintyBasis(code: "outcome", english: "final outcome", swedish: "slutligt utfall")

    /// A preliminary outcome, revised by a quarter of the series' typical move.
    static let preliminary = UncertaintyBasis(
        code: "outcome_preliminary",
        english: "preliminary outcome, revised by a quarter of the series' typical year-to-year move",
        swedish: "preliminärt utfall, som kan ändras med en fjärdedel av seriens typiska förändring mellan år")

    static let none = UncertaintyBasis(code: "none", english: "none", swedish: "ingen")

    /// A short series' forecast from the dataset's pooled backtest (``PanelForecastSource``).
    static func panel(_ source: PanelForecastSource) -> UncertaintyBasis {
        let own = source.values == 1 ? ("1 value", "1 värde") : ("\(source.values) values", "\(source.values) värden")
        let moves = (
            en: "in the series' own year-to-year moves (\(own.0))",
            sv: "i seriens egna förändringar mellan år (\(own.1))"
        )
        switch source.level {
        case .group:
            return UncertaintyBasis(
                code: "group",
                english:
                    "errors of \(source.method) on this indicator in \(source.groupSeries) backtested series of its comparison group, \(moves.en)",
                swedish:
                    "fel för \(source.method) på denna indikator i \(source.groupSeries) bakåtprövade serier i jämförelsegruppen, \(moves.sv)"
            )
        case .indicator:
            return UncertaintyBasis(
                code: "indicator",
                english:
                    "errors of \(source.method) on this indicator's \(source.indicatorSeries) backtested series, \(moves.en)",
                swedish:
                    "fel för \(source.method) på denna indikators \(source.indicatorSeries) bakåtprövade serier, \(moves.sv)"
            )
        case .kind:
            let kind = Self.unitWords(source.kind)
            return UncertaintyBasis(
                code: "kind",
                english:
                    "errors of \(source.method) on indicators in \(kind.en) (\(source.kindSeries) backtested series), \(moves.en)",
                swedish:
                    "fel för \(source.method) på indikatorer i \(kind.sv) (\(source.kindSeries) bakåtprövade serier), \(moves.sv)"
            )
        case .panel:
            return UncertaintyBasis(
                code: "panel",
                english:
                    "errors of \(source.method) on the dataset's \(source.panelSeries) backtested series, \(moves.en)",
                swedish: "fel för \(source.method) på datasetets \(source.panelSeries) bakåtprövade serier, \(moves.sv)"
            )
        case .ownMoves:
            return UncertaintyBasis(
                code: "own_moves",
                english: "the series' own year-to-year moves (\(own.0); too few values anywhere to backtest)",
                swedish: "seriens egna förändringar mellan år (\(own.1); för få värden för att pröva prognoserna bakåt)"
            )
        }
    }

    /// A kind (a unit's code) as the phrase "indicators in …" ends.
    static func unitWords(_ code: String) -> (sv: String, en: String) {
        if code.hasPrefix("pool:") {
            let name = String(code.dropFirst(5))
            return ("poolen ”\(name)”", "the pool “\(name)”")
        }
        switch IndicatorUnit(rawValue: code) {
        case .percent: return ("procent", "percent")
        case .index: return ("index", "an index")
        case .scale: return ("en skala", "a rating scale")
        case .count: return ("antal", "counts")
        case .sekThousands: return ("tkr", "thousand kronor")
        case .ratio: return ("kvoter", "ratios")
        case .fte: return ("årsarbetare", "full-time equivalents")
        case .years: return ("år", "years")
        case .number, nil: return ("tal", "plain numbers")
        }
    }
}
