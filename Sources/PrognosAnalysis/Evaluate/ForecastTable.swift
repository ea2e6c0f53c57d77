import PrognosSupport

/// Every scored forecast of a backtest, one row per series, origin and horizon
/// (`prognos evaluate --forecasts` writes it as forecasts.csv): what accuracy.csv
/// averages, for looking at single series and for paired comparisons with other tools.
///
/// Columns: `method`, `entity_id`, `indicator_id`; `origin`, the number of observations
/// the forecast was made from (the series' first `origin` values); `horizon`, steps
/// ahead; `actual`; `forecast`, the point forecast (the mean, censored at the indicator's
/// bounds as in accuracy.csv); `lo80`, `hi80`, `lo95`, `hi95`, the central 80 % and 95 %
/// intervals; `mase_scale`, the mean absolute change of the training values, which
/// divides the absolute error in MASE. So a row's sMAPE is 200·|actual − forecast| /
/// (|actual| + |forecast|) (0 when both are 0) and its scaled error |actual − forecast| /
/// mase_scale, as in ``AccuracyTable``. Rows are in the order of the series in the
/// dataset, whatever the thread count; numbers are ``NumberFormatting/plain(_:)-(Double)``.
public enum ForecastTable {
    public static let columns = [
        "method", "entity_id", "indicator_id", "origin", "horizon", "actual", "forecast", "lo80", "hi80", "lo95",
        "hi95", "mase_scale",
    ]

    /// The rows of one method's results, appended to `writer`.
    public static func append(method: String, series: [AccuracyTable.SeriesResult], to writer: inout CSVWriter) {
        let plain = NumberFormatting.plain as (Double) -> String
        for result in series {
            let origin = result.origin.map(String.init) ?? ""
            for cell in result.cells {
                let d = cell.distribution
                let (lo80, hi80) = d.interval(0.8)
                let (lo95, hi95) = d.interval(0.95)
                writer.appendRow([
                    method, result.key?.entityID ?? "", result.key?.indicatorID ?? "", origin, String(cell.horizon),
                    plain(cell.actual), plain(d.point), plain(lo80), plain(hi80), plain(lo95), plain(hi95),
                    plain(result.scale),
                ])
            }
        }
    }
}
