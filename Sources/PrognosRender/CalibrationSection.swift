import PrognosAnalysis
import PrognosSupport

/// The report's section on how well the run's probabilities held on the dataset's own
/// series (``RunCalibration``), in the report's language: the text both `report.md` and
/// `report.html` show.
struct CalibrationSection {
    let heading: String
    /// The first paragraph goes before the table, the others after it.
    let paragraphs: [String]
    let columns: [String]
    let rows: [[String]]

    init(_ analysis: RunAnalysis, _ text: ReportText) {
        heading = text.pick("Hur väl sannolikheterna har stämt", "How well the probabilities held")
        columns = [
            text.pick("Sannolikheter från", "Probabilities from"), text.pick("Utfall", "Events"), "Brier", "ECE",
        ]
        guard let calibration = analysis.calibration else {
            paragraphs = [
                text.pick(
                    "Ingen serie har tre år i följd, så sannolikheterna kan inte prövas mot datasetets egna utfall.",
                    "No series has three years in a row, so the probabilities cannot be checked against the dataset's own outcomes."
                )
            ]
            rows = []
            return
        }
        var paragraphs = [
            text.pick(
                "Varje series senaste värde hölls undan och prognostiserades från åren före, i \(calibration.series) serier med minst tre år i följd. För varje prognos prövades sju mål (senaste värdet −10 % till +10 %). Brier-poängen är medelkvadratfelet för de angivna sannolikheterna (lägre är bättre); ECE är den genomsnittliga skillnaden mellan angiven sannolikhet och hur ofta det inträffade.",
                "Each series' latest value was held out and forecast from the years before it, in \(calibration.series) series with three years or more in a row. Each forecast was asked seven targets (the latest value −10 % to +10 %). The Brier score is the mean squared error of the stated probabilities (lower is better); the ECE is the mean gap between a stated probability and how often the event happened."
            )
        ]
        let separator: Character = text.language == .sv ? "," : "."
        func score(_ value: Double) -> String {
            NumberFormatting.rounded(value, digits: 3, decimalSeparator: separator)
        }
        let reports: [(String, CalibrationReport)] = [
            (
                text.pick("Prognos (\(calibration.auto.method))", "Forecast (\(calibration.auto.method))"),
                calibration.auto
            ),
            (text.pick("Oförändrat värde (naiv)", "Unchanged value (naive)"), calibration.naive),
            (
                text.pick("Hur ofta det hänt tidigare (klimatologi)", "How often it happened before (climatology)"),
                calibration.climatology
            ),
        ]
        rows = reports.map { name, report in
            [name, String(report.count), score(report.brier), score(report.expectedCalibrationError)]
        }
        if calibration.auto.brier < calibration.naive.brier && calibration.auto.brier < calibration.climatology.brier {
            paragraphs.append(
                text.pick(
                    "Prognosens sannolikheter har stämt bättre än båda jämförelserna.",
                    "The forecast's probabilities held better than both baselines."))
        } else {
            paragraphs.append(
                text.pick(
                    "Prognosens sannolikheter har inte stämt bättre än båda jämförelserna: läs dem med försiktighet.",
                    "The forecast's probabilities did not hold better than both baselines: read them with care."))
        }
        if calibration.auto.count < 200 {
            paragraphs.append(
                text.pick(
                    "Underlaget är litet (\(calibration.auto.count) utfall), så måtten är osäkra.",
                    "The evidence is small (\(calibration.auto.count) events), so the scores are uncertain."))
        }
        self.paragraphs = paragraphs
    }
}
