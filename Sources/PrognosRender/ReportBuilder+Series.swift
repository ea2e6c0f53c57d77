import PrognosAnalysis
import PrognosModel

extension ReportBuilder {
    /// One-year-ahead accuracy on the dataset's own series.
    func accuracySection() -> [ReportDocument.Block] {
        var blocks = [Self.heading(2, text.pick("Prognosernas träffsäkerhet", "Forecast accuracy"))]
        guard !analysis.accuracy.isEmpty else {
            blocks.append(
                Self.paragraph(
                    text.pick(
                        "Serierna är för korta för att mäta träffsäkerheten (minst fem år behövs).",
                        "The series are too short to measure accuracy (five years are needed).")))
            return blocks
        }
        blocks.append(
            Self.paragraph(
                text.pick(
                    "Prognoser ett år framåt från de tre senaste åren i varje serie med minst fem år (ett fast urval av omkring \(SeriesSample.defaultLimit) när de är fler), jämförda med utfallet.",
                    "Forecasts one year ahead from the last three years of every series with five years or more (a fixed sample of about \(SeriesSample.defaultLimit) when there are more), against the outcome."
                )))
        let columns: [ReportDocument.Column] = [
            .text(text.pick("Metod", "Method")), .number("n"), .number("sMAPE"), .number("MASE"),
            .number(text.pick("Täckning 80 %", "Coverage 80 %")), .number(text.pick("Täckning 95 %", "Coverage 95 %")),
        ]
        let rows = analysis.accuracy.map { row in
            [
                row.method, String(row.count), text.number(row.smape), text.number(row.mase),
                text.percent(row.coverage80), text.percent(row.coverage95),
            ]
        }
        blocks.append(.table(ReportDocument.Table(columns: columns, textRows: rows)))
        return blocks
    }

    /// How well the stated probabilities held one year ahead on the dataset's own series.
    func calibrationSection() -> [ReportDocument.Block] {
        let section = CalibrationSection(analysis, text)
        var blocks = [Self.heading(2, section.heading)]
        blocks += section.paragraphs.prefix(1).map(Self.paragraph)
        if !section.rows.isEmpty {
            let columns = section.columns.enumerated().map {
                $0.offset == 0 ? ReportDocument.Column.text($0.element) : .number($0.element)
            }
            blocks.append(.table(ReportDocument.Table(columns: columns, textRows: section.rows)))
        }
        blocks += section.paragraphs.dropFirst().map(Self.paragraph)
        return blocks
    }

    /// Suggested next-year targets for every series with a direction (the sample of them).
    func suggestionSection() -> [ReportDocument.Block] {
        // Counted, not copied: a million summaries are not gathered to show a sample, and
        // each is looked at in place (iterating the array would copy every one).
        let series = analysis.series
        var total = 0
        var rows: [[String]] = []
        for index in series.indices where series[index].suggestions.count == 3 && series[index].outlook != nil {
            total += 1
            guard charted(series[index].key), let outlook = series[index].outlook else { continue }
            let summary = series[index]
            rows.append([
                entityName(summary.key.entityID), seriesTitle(summary.key), String(outlook.year),
                text.number(outlook.distribution.point), text.number(summary.suggestions[0.5]),
                text.number(summary.suggestions[0.8]), text.number(summary.suggestions[0.9]),
            ])
        }
        guard total > 0 else { return [] }
        var blocks = [
            Self.heading(2, text.pick("Förslag till mål", "Suggested targets")),
            Self.paragraph(
                text.pick(
                    "Målvärden som nås med sannolikheten 50, 80 och 90 % enligt prognosen för året efter seriens senaste utfall.",
                    "Target values met with probability 50, 80 and 90 % according to the forecast for the year after the series' latest outcome."
                )),
        ]
        let columns: [ReportDocument.Column] = [
            .text(text.pick("Enhet", "Entity")), .text(text.pick("Indikator", "Indicator")),
            .number(text.pick("År", "Year")),
            .number(text.pick("Prognos", "Forecast")), .number("50 %"), .number("80 %"), .number("90 %"),
        ]
        blocks.append(.table(ReportDocument.Table(columns: columns, textRows: rows)))
        blocks += omittedNote(shown: rows.count, of: total)
        return blocks
    }

    /// "Showing n of N series", when a sample leaves series out of a table.
    func omittedNote(shown: Int, of total: Int) -> [ReportDocument.Block] {
        guard shown < total else { return [] }
        return [
            .paragraph([
                .text(
                    text.pick(
                        "Tabellen visar \(shown) av \(total) serier (ett urval); alla finns i ",
                        "The table shows \(shown) of \(total) series (a sample); all are in ")),
                .code("indicators.csv"), .text("."),
            ])
        ]
    }

    /// The series without a target (staff, sick leave…): latest value and change, and their charts.
    func otherSeriesSection() -> [ReportDocument.Block] {
        let targeted = Set(
            analysis.dataset.targets.map { SeriesKey(entityID: $0.entityID, indicatorID: $0.indicatorID) })
        // Each summary is looked at in place, as in ``suggestionSection()``.
        let series = analysis.series
        var total = 0
        var rows: [[String]] = []
        var figures: [ReportDocument.Figure] = []
        let unlisted = analysis.forecastComparisons ? [] : ChartedSeries.comparisons(analysis.dataset)
        for index in series.indices
        where !series[index].points.isEmpty && !targeted.contains(series[index].key)
            && !unlisted.contains(series[index].key.entityID)
        {
            total += 1
            guard charted(series[index].key) else { continue }
            let summary = series[index]
            rows.append([
                entityName(summary.key.entityID), seriesTitle(summary.key),
                summary.last.map { text.number($0.value) + " (\($0.year))" } ?? "–",
                summary.previous.map { text.number($0.value) + " (\($0.year))" } ?? "–",
                text.change(summary.change), comparisonText(summary.comparison),
            ])
            figures.append(
                ReportDocument.Figure(chart: ChartScripts.baseName(summary.key), caption: seriesTitle(summary.key)))
        }
        guard total > 0 else { return [] }
        var columns: [ReportDocument.Column] = [
            .text(text.pick("Enhet", "Entity")), .text(text.pick("Indikator", "Indicator")),
            .number(text.pick("Senaste", "Latest")), .number(text.pick("Föregående", "Previous")),
            .number(text.pick("Förändring", "Change")), .text(text.pick("Jämförelse", "Comparison")),
        ]
        // The comparison column only where a series has one.
        if rows.allSatisfy({ $0.last == "–" }) {
            columns.removeLast()
            rows = rows.map { Array($0.dropLast()) }
        }
        var blocks = [
            Self.heading(2, text.pick("Övriga serier", "Other series")),
            .table(ReportDocument.Table(columns: columns, textRows: rows)),
        ]
        blocks += omittedNote(shown: rows.count, of: total)
        blocks.append(.figures(figures))
        return blocks
    }
}
