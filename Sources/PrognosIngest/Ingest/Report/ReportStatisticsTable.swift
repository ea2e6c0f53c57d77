import Foundation
import PrognosModel

/// Reads a report's statistics table — staff, work injuries, sick leave — into indicators
/// and outcomes.
///
/// The table's header names it and its years: `Personalstatistik<TAB>2022<TAB>2023<TAB>Differens`.
/// Columns whose header is not a year (`Differens`) are derived and skipped. Rows:
/// - a label with no values opens a **group** (`Antal anställda`); the rows below it are
///   its series (`Tillsvidareanställda` → `Antal anställda, tillsvidareanställda`), until
///   the next group or a footnote;
/// - a label with values is a **series**; `Kvinnor` and `Män` are the women's (`K`) and
///   men's (`M`) values of the series above them;
/// - a label starting with `*` is the **footnote** of the starred group or series above it
///   (`Sysselsättningsgrad*` … `*utifrån vad som framgår i anställningsavtalet`): it
///   qualifies their titles and closes the group. A footnote with values is the series
///   of its starred group itself (`Utförd tid av timavlönade*` / `*omräknat till
///   heltidsarbetare 0,9 0,5`).
///
/// Titles: group, then the row in lower case — unless the row is a word of the group's
/// (`Fyllnad` under `Fyllnad och övertid`), then the row alone. A row outside a group
/// without a word of four letters or more (an age band `<29 år`, a day range `Dag 1–14`)
/// is prefixed with the table's name. Then `, <footnote>`, and ` (%)` for percentages.
/// Ids: `<table>.<group>_<row>` slugged (``IdentifierSlug``), e.g.
/// `personalstatistik.antal_anstallda_tillsvidareanstallda`, `sjukfranvaro.29_ar`.
///
/// Units from the values and words: `%` values → percent (0–100); `årsarbetare` or
/// `heltidsarbetare` → full-time equivalents; `ålder` → years; `antal` or whole numbers
/// only → count (fte, years and counts are ≥ 0); otherwise a plain number. Polarity:
/// lower is better when the table's name or the series' title names sick leave
/// (`sjukfrånvaro`), turnover (`omsättning`), injuries (`skad…`), incidents (`tillbud`)
/// or overtime (`övertid`); neutral otherwise — head counts and hours are not goals.
enum ReportStatisticsTable {
    /// Whether `table` is a statistics table: a named header with at least one bare year column.
    static func recognises(_ table: ReportTable) -> Bool {
        guard let name = table.header.first, isText(name) else { return false }
        return table.header.dropFirst().contains { isYear($0) }
    }

    struct Series {
        var group: String?
        var row: String
        var footnote: String?
        var awaitsFootnote: Bool
        var isGroupItself: Bool
        var percent = false
        var integral = true
        var observations: [Observation] = []
    }

    static func read(
        _ table: ReportTable, entity: String, file: String, takenIDs: Set<String>,
        problems: inout ReportProblems
    ) -> (indicators: [Indicator], observations: [Observation]) {
        let name = table.header[0].replacingOccurrences(of: "*", with: "").trimmingCharacters(in: .whitespaces)
        let years: [(column: Int, year: Int)] = table.header.enumerated().dropFirst().compactMap { column, header in
            isYear(header) ? (column, Int(header) ?? 0) : nil
        }
        var series: [Series] = []
        var group: String? = nil
        var groupStarred = false
        for (rowIndex, row) in table.rows.enumerated() {
            let label = ReportTable.cell(row, 0)
            var values: [(year: Int, value: Double, preliminary: Bool, percent: Bool)] = []
            for (column, year) in years {
                let cell = ReportTable.cell(row, column)
                switch SpreadsheetNumber.parse(cell) {
                case .missing: continue
                case .invalid:
                    problems.rejected.append(
                        Diagnostic(
                            file: file, line: table.line(ofRow: rowIndex) + 1, column: column + 1,
                            reason: "\"\(cell)\" is not a number"))
                case .value(let value, let preliminary, let percent):
                    values.append((year, value, preliminary, percent))
                }
            }
            let starred = label.hasSuffix("*")
            let plain = label.replacingOccurrences(of: "*", with: "").trimmingCharacters(in: .whitespaces)
            var gender: Gender? = nil
            switch plain.lowercased() {
            case "kvinnor": gender = .women
            case "män": gender = .men
            default: break
            }
            if label.hasPrefix("*") {
                if values.isEmpty {
                    for index in series.indices where series[index].awaitsFootnote {
                        series[index].footnote = plain
                        series[index].awaitsFootnote = false
                    }
                } else if let group {
                    series.append(
                        Series(group: group, row: group, footnote: plain, awaitsFootnote: false, isGroupItself: true))
                } else {
                    problems.rejected.append(
                        Diagnostic(
                            file: file, line: table.line(ofRow: rowIndex) + 1, column: 1,
                            reason: "footnote \"\(label)\" has values but no starred group above it"))
                    continue
                }
                group = nil
                groupStarred = false
                if values.isEmpty { continue }
            } else if values.isEmpty {
                group = plain
                groupStarred = starred
                continue
            } else if gender == nil || series.isEmpty {
                series.append(
                    Series(
                        group: group, row: plain, footnote: nil, awaitsFootnote: starred || groupStarred,
                        isGroupItself: false))
            }
            guard let last = series.indices.last else { continue }
            for value in values {
                series[last].percent = series[last].percent || value.percent
                series[last].integral = series[last].integral && value.value.rounded() == value.value
                series[last].observations.append(
                    Observation(
                        entityID: entity, indicatorID: "", year: value.year, value: value.value,
                        status: value.preliminary ? .preliminary : .final, gender: gender ?? .total))
            }
        }

        var taken = takenIDs
        var indicators: [Indicator] = []
        var observations: [Observation] = []
        for item in series {
            let (title, idText) = titleAndID(item, table: name)
            let id = IdentifierSlug.unique(IdentifierSlug.make(name) + "." + IdentifierSlug.make(idText), in: taken)
            taken.insert(id)
            let words = (name + " " + title).lowercased()
            let (unit, lower, upper) = unitAndBounds(words: words, percent: item.percent, integral: item.integral)
            indicators.append(
                Indicator(
                    id: id, titleSv: title + (item.percent ? " (%)" : ""), titleEn: "", unit: unit,
                    lowerBound: lower, upperBound: upper, polarity: polarity(words: words), source: "report (\(name))"))
            observations += item.observations.map {
                var observation = $0
                observation.indicatorID = id
                return observation
            }
        }
        return (indicators, observations)
    }

    /// The series' title (without the percent suffix) and the text its id is made from.
    static func titleAndID(_ item: Series, table: String) -> (String, String) {
        var title: String
        var idText: String
        if item.isGroupItself, let group = item.group {
            title = group
            idText = group
        } else if let group = item.group {
            let groupWords = Set(words(group.lowercased()))
            if groupWords.contains(item.row.lowercased()) {
                title = item.row
                idText = item.row
            } else {
                title = group + ", " + lowercasedInitial(item.row)
                idText = group + " " + item.row
            }
        } else if words(item.row).contains(where: { $0.count >= 4 }) {
            title = item.row
            idText = item.row
        } else {
            title = table + ", " + lowercasedInitial(item.row)
            idText = item.row
        }
        if let footnote = item.footnote { title += ", " + footnote }
        return (title, idText)
    }

    static func unitAndBounds(words: String, percent: Bool, integral: Bool) -> (IndicatorUnit, Double?, Double?) {
        if percent || words.contains("(%)") { return (.percent, 0, 100) }
        if words.contains("årsarbetare") || words.contains("heltidsarbetare") { return (.fte, 0, nil) }
        if words.contains("ålder") { return (.years, 0, nil) }
        if words.contains("antal") || integral { return (.count, 0, nil) }
        return (.number, nil, nil)
    }

    static let lowerIsBetterStems = ["sjukfrånvaro", "omsättning", "skad", "tillbud", "övertid"]

    static func polarity(words: String) -> Polarity {
        lowerIsBetterStems.contains { words.contains($0) } ? .lowerIsBetter : .neutral
    }

    /// The runs of letters in `text`.
    static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { !$0.isLetter }).map(String.init)
    }

    /// `Tillsvidareanställda` → `tillsvidareanställda`; `IT-stöd` stays (an acronym).
    static func lowercasedInitial(_ text: String) -> String {
        guard let first = text.first else { return text }
        let second = text.dropFirst().first
        if let second, second.isUppercase { return text }
        return first.lowercased() + text.dropFirst()
    }

    static func isYear(_ header: String) -> Bool {
        header.count == 4 && header.allSatisfy(\.isNumber) && (1900...2100).contains(Int(header) ?? 0)
    }

    static func isText(_ cell: String) -> Bool {
        cell.contains { $0.isLetter }
    }
}
