import PrognosAnalysis
import PrognosModel
import PrognosSupport

/// `forecast_checkpoints.csv`: the organisation's own forecasts (Prognossäkerhet), one row
/// per budget line, year and checkpoint, against the outcome: the deviation in the line's
/// units and as a share of its frame (``VintageDeviation``).
///
/// Columns: entity_id, line_id, line_title (in the run's language), year, checkpoint,
/// checkpoint_title, checkpoint_month, forecast, outcome, deviation (outcome − forecast),
/// frame, share_of_frame (deviation / frame; a fraction, 0.0016 for 0,16 %). Lines are never
/// averaged together: their amounts and frames differ. Empty cells where a value is
/// absent. Written only when the dataset has forecast vintages.
package enum CheckpointsTable {
    static let columns = [
        "entity_id", "line_id", "line_title", "year", "checkpoint", "checkpoint_title", "checkpoint_month",
        "forecast", "outcome", "deviation", "frame", "share_of_frame",
    ]

    package static func csv(_ dataset: Dataset, language: Language) -> String? {
        guard !dataset.forecastVintages.isEmpty else { return nil }
        var writer = CSVWriter(header: columns)
        let plain = NumberFormatting.plain as (Double?) -> String
        for row in VintageDeviation.measure(dataset) {
            let v = row.vintage
            writer.appendRow([
                v.entityID, v.lineID,
                BudgetNames.line(v.lineID, entity: v.entityID, year: v.year, lines: dataset.budgetLines, language),
                String(v.year), v.checkpoint, BudgetNames.checkpoint(v.checkpoint, language),
                v.checkpointMonth.map(String.init) ?? "", plain(v.forecast), plain(v.outcome), plain(row.deviation),
                plain(row.frame), plain(row.share),
            ])
        }
        return writer.text
    }
}
