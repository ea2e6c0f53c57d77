import PrognosModel

/// The base names of a run's charts (files `charts/<name>.svg` and `.png`), shared by the
/// scripts that draw them (``ChartRenderer``) and the report that shows them
/// (``ReportDocument``).
public enum ChartNames {
    public static func goalChartName(_ id: String) -> String { "goal__" + ChartScripts.fileStem([id]) }
    public static func budgetChartName(_ section: String, _ year: Int) -> String {
        "budget__" + ChartScripts.fileStem([section, String(year)])
    }
    public static func checkpointChartName(_ line: String) -> String { "checkpoints__" + ChartScripts.fileStem([line]) }

    /// (table prefix, year) of every budget table with budgeted lines, in file order.
    public static func budgetTables(_ dataset: Dataset) -> [(String, Int)] {
        var seen: [(String, Int)] = []
        for line in dataset.budgetLines where line.budget != nil {
            let section = String(line.lineID.split(separator: ".").first ?? "")
            if !seen.contains(where: { $0 == (section, line.year) }) { seen.append((section, line.year)) }
        }
        return seen
    }

    /// The budget lines with forecast vintages, in file order.
    public static func checkpointLines(_ dataset: Dataset) -> [String] {
        dataset.forecastVintages.map(\.lineID).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    }
}
