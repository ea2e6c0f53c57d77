import Foundation

/// `report.md`: the run for people. First a summary of all goals with their signal
/// colours, then a section per goal with a table of its indicators, then the other
/// series (staff, sick leave…), then the budget tables and forecast checkpoints.
public enum MarkdownReport {
    /// - Parameter sample: the series listed in the suggestion and other-series tables
    ///   (default: all); the tables say how many are left out.
    public static func render(_ analysis: RunAnalysis, language: Language, sample: SeriesSample? = nil) -> String {
        let text = ReportText(language: language)
        let dataset = analysis.dataset
        let yearText = analysis.year.map(String.init) ?? ""
        var out = ""
        let title = dataset.title.isEmpty ? dataset.name : dataset.title
        out += "# " + text.pick("Måluppföljning", "Goal follow-up") + " \(yearText): \(cell(title))\n\n"

        out += summarySection(analysis, text)
        out += goalSections(analysis, text)
        out += accuracySection(analysis, text)
        out += calibrationSection(analysis, text)
        out += suggestionSection(analysis, text, sample)
        out += otherSeriesSection(analysis, text, sample)
        out += budgetSection(analysis, text)
        out += "---\n\n"
        out += text.pick(
            "Skapad av Prognos från datasetet \(cell(dataset.name)). Status per indikator: uppfyllt när senaste utfallet (ett preliminärt räknas) når målet, förbättring när det inte gör det men är bättre än året före, annars ej uppfyllt.\n",
            "Made by Prognos from the dataset \(cell(dataset.name)). Indicator status: met when the latest outcome (a preliminary one counts) meets the target, improving when it does not but is better than the year before, otherwise not met.\n"
        )
        return out
    }

    static func summarySection(_ analysis: RunAnalysis, _ text: ReportText) -> String {
        let assessed = analysis.goals.filter { !$0.evaluations.isEmpty }
        var out = "## " + text.pick("Sammanfattning", "Summary") + "\n\n"
        var counts: [String] = []
        for assessment in Assessment.allCases {
            let n = assessed.filter { $0.assessment == assessment }.count
            if n > 0 { counts.append("\(n) \(assessment.label(text.language).lowercased())") }
        }
        out += text.pick("\(assessed.count) mål med indikatorer: ", "\(assessed.count) goals with indicators: ")
        out += counts.joined(separator: ", ") + ".\n\n"
        out += "| " + text.pick("Mål", "Goal") + " | " + text.pick("Bedömning", "Assessment") + " | "
            + text.pick("Rapporterad bedömning", "Reported assessment") + " | "
            + text.pick("Indikatorer", "Indicators") + " | " + text.pick("Uppfyllda", "Met") + " | "
            + text.pick("P(helt uppfyllt)", "P(fully met)") + " | " + text.pick("P(minst delvis)", "P(at least partly)") + " |\n"
        out += "|---|---|---|---:|---:|---:|---:|\n"
        for evaluation in assessed {
            let reported = evaluation.goal.reportedAssessment.map { $0.label(text.language) } ?? "–"
            out += "| \(cell(evaluation.goal.id)): \(cell(evaluation.goal.title(text.language))) | "
                + "\(evaluation.assessment.signal.emoji) \(evaluation.assessment.label(text.language)) | "
                + "\(reported) | \(evaluation.evaluations.count) | \(evaluation.metCount) | "
                + "\(text.percent(evaluation.probabilityFullyMet)) | \(text.percent(evaluation.probabilityAtLeastPartlyMet)) |\n"
        }
        return out + "\n"
    }

    static func goalSections(_ analysis: RunAnalysis, _ text: ReportText) -> String {
        let dataset = analysis.dataset
        let indicators = dataset.indicatorsByID
        let goalsByID = Dictionary(dataset.goals.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var out = ""
        var lastParent: String? = nil
        for evaluation in analysis.goals where !evaluation.evaluations.isEmpty {
            if let parentID = evaluation.goal.parentGoal, parentID != lastParent, let parent = goalsByID[parentID] {
                out += "## \(cell(parent.id)): \(cell(parent.title(text.language)))\n\n"
                lastParent = parentID
            }
            out += "### \(cell(evaluation.goal.id)): \(cell(evaluation.goal.title(text.language)))\n\n"
            out += text.pick("Bedömning", "Assessment") + ": \(evaluation.assessment.signal.emoji) **"
                + evaluation.assessment.label(text.language) + "**"
            if let reported = evaluation.goal.reportedAssessment {
                out += " (" + text.pick("rapporterad", "reported") + ": " + reported.label(text.language) + ")"
            }
            out += "\n\n"
            let year = evaluation.year.map(String.init) ?? ""
            out += "| " + text.pick("Indikator", "Indicator") + " | " + text.pick("Mål", "Target") + " \(year) | "
                + text.pick("Utfall", "Outcome") + " | " + text.pick("Föregående", "Previous") + " | "
                + text.pick("Status", "Status") + " | " + text.pick("P(målet nås)", "P(target met)") + " | "
                + text.pick("Osäkerhet från", "Uncertainty from") + " |\n"
            out += "|---|---:|---:|---:|---|---:|---|\n"
            for target in evaluation.evaluations {
                let indicator = indicators[target.target.indicatorID]
                let title = indicator?.title(text.language) ?? target.target.indicatorID
                var outcome = "–"
                if target.basis == .forecast, let value = target.outcome {
                    outcome = "≈ " + text.number(value)
                } else if let value = target.outcome, let outcomeYear = target.outcomeYear {
                    let shown = text.number(value)
                    outcome = (target.outcomeIsPreliminary ? "(\(shown))" : shown) + " (\(outcomeYear))"
                }
                var previous = "–"
                if let value = target.previousOutcome, let previousYear = target.previousYear {
                    previous = text.number(value) + " (\(previousYear))"
                }
                out += "| \(cell(title)) | \(target.target.comparator.rawValue) \(text.number(target.target.value)) | "
                    + "\(outcome) | \(previous) | \(target.status.signal.emoji) \(target.status.label(text.language))"
                if target.basis == .latestBeforeTargetYear {
                    out += text.pick(" (inget utfall för målåret)", " (no outcome for the target year)")
                }
                if target.basis == .forecast {
                    out += text.pick(" (prognos)", " (forecast)")
                }
                out += " | \(text.percent(target.likelihood?.probability)) | \(cell(target.likelihood.map { $0.basis.words(text.language) } ?? "–")) |\n"
            }
            out += "\n"
            out += "![\(cell(evaluation.goal.id))](charts/\(ChartRenderer.goalChartName(evaluation.goal.id)).svg)\n"
            for target in evaluation.evaluations {
                let key = SeriesKey(entityID: target.target.entityID, indicatorID: target.target.indicatorID)
                let title = indicators[target.target.indicatorID]?.title(text.language) ?? target.target.indicatorID
                out += "![\(cell(title))](charts/\(ChartScripts.baseName(key)).svg)\n"
            }
            out += "\n"
        }
        return out
    }

    /// One-year-ahead accuracy on the dataset's own series.
    static func accuracySection(_ analysis: RunAnalysis, _ text: ReportText) -> String {
        var out = "## " + text.pick("Prognosernas träffsäkerhet", "Forecast accuracy") + "\n\n"
        guard !analysis.accuracy.isEmpty else {
            return out + text.pick(
                "Serierna är för korta för att mäta träffsäkerheten (minst fem år behövs).\n\n",
                "The series are too short to measure accuracy (five years are needed).\n\n")
        }
        out += text.pick(
            "Prognoser ett år framåt från de tre senaste åren i varje serie med minst fem år (ett fast urval av omkring \(SeriesSample.defaultLimit) när de är fler), jämförda med utfallet.\n\n",
            "Forecasts one year ahead from the last three years of every series with five years or more (a fixed sample of about \(SeriesSample.defaultLimit) when there are more), against the outcome.\n\n")
        out += "| " + text.pick("Metod", "Method") + " | n | sMAPE | MASE | " + text.pick("Täckning 80 %", "Coverage 80 %")
            + " | " + text.pick("Täckning 95 %", "Coverage 95 %") + " |\n|---|---:|---:|---:|---:|---:|\n"
        for row in analysis.accuracy {
            out += "| \(row.method) | \(row.count) | \(text.number(row.smape)) | \(text.number(row.mase)) | "
                + "\(text.percent(row.coverage80)) | \(text.percent(row.coverage95)) |\n"
        }
        return out + "\n"
    }

    /// How well the stated probabilities held one year ahead on the dataset's own series.
    static func calibrationSection(_ analysis: RunAnalysis, _ text: ReportText) -> String {
        let section = CalibrationSection(analysis, text)
        var out = "## " + section.heading + "\n\n"
        for paragraph in section.paragraphs.prefix(1) { out += paragraph + "\n\n" }
        if !section.rows.isEmpty {
            out += "| " + section.columns.joined(separator: " | ") + " |\n|---|---:|---:|---:|\n"
            for row in section.rows { out += "| " + row.joined(separator: " | ") + " |\n" }
            out += "\n"
        }
        for paragraph in section.paragraphs.dropFirst() { out += paragraph + "\n\n" }
        return out
    }

    /// Suggested next-year targets for every series with a direction.
    static func suggestionSection(_ analysis: RunAnalysis, _ text: ReportText, _ sample: SeriesSample?) -> String {
        // Counted, not copied: a million summaries are not gathered to show a sample, and
        // each is looked at in place (iterating the array would copy every one).
        let series = analysis.series
        var total = 0
        var rows: [SeriesSummary] = []
        for index in series.indices where series[index].suggestions.count == 3 && series[index].outlook != nil {
            total += 1
            if sample?.contains(series[index].key) != false { rows.append(series[index]) }
        }
        guard total > 0 else { return "" }
        let indicators = analysis.dataset.indicatorsByID
        let entities = analysis.dataset.entitiesByID
        var out = "## " + text.pick("Förslag till mål", "Suggested targets") + "\n\n"
        out += text.pick(
            "Målvärden som nås med sannolikheten 50, 80 och 90 % enligt prognosen.\n\n",
            "Target values met with probability 50, 80 and 90 % according to the forecast.\n\n")
        out += "| " + text.pick("Enhet", "Entity") + " | " + text.pick("Indikator", "Indicator") + " | "
            + text.pick("År", "Year") + " | " + text.pick("Prognos", "Forecast") + " | 50 % | 80 % | 90 % |\n"
        out += "|---|---|---:|---:|---:|---:|---:|\n"
        for summary in rows {
            guard let outlook = summary.outlook else { continue }
            let entity = entities[summary.key.entityID]?.name ?? summary.key.entityID
            var title = indicators[summary.key.indicatorID]?.title(text.language) ?? summary.key.indicatorID
            if summary.key.gender != .total { title += " (" + genderLabel(summary.key.gender, text) + ")" }
            out += "| \(cell(entity)) | \(cell(title)) | \(outlook.year) | \(text.number(outlook.distribution.point)) | "
                + "\(text.number(summary.suggestions[0.5])) | \(text.number(summary.suggestions[0.8])) | \(text.number(summary.suggestions[0.9])) |\n"
        }
        return out + omittedNote(shown: rows.count, of: total, text) + "\n"
    }

    /// "Showing n of N series", when a sample leaves series out of a table.
    static func omittedNote(shown: Int, of total: Int, _ text: ReportText) -> String {
        guard shown < total else { return "" }
        return "\n" + text.pick(
            "Tabellen visar \(shown) av \(total) serier (ett urval); alla finns i `indicators.csv`.\n",
            "The table shows \(shown) of \(total) series (a sample); all are in `indicators.csv`.\n")
    }

    static func otherSeriesSection(_ analysis: RunAnalysis, _ text: ReportText, _ sample: SeriesSample?) -> String {
        let dataset = analysis.dataset
        let targeted = Set(dataset.targets.map { SeriesKey(entityID: $0.entityID, indicatorID: $0.indicatorID) })
        // Each summary is looked at in place, as in ``suggestionSection(_:_:_:)``.
        let series = analysis.series
        var total = 0
        var others: [SeriesSummary] = []
        for index in series.indices where !series[index].points.isEmpty && !targeted.contains(series[index].key) {
            total += 1
            if sample?.contains(series[index].key) != false { others.append(series[index]) }
        }
        guard total > 0 else { return "" }
        let indicators = dataset.indicatorsByID
        let entities = dataset.entitiesByID
        var out = "## " + text.pick("Övriga serier", "Other series") + "\n\n"
        out += "| " + text.pick("Enhet", "Entity") + " | " + text.pick("Indikator", "Indicator") + " | "
            + text.pick("Kön", "Gender") + " | " + text.pick("Senaste", "Latest") + " | "
            + text.pick("Föregående", "Previous") + " | " + text.pick("Förändring", "Change") + " |\n"
        out += "|---|---|---|---:|---:|---:|\n"
        for summary in others {
            let entity = entities[summary.key.entityID]?.name ?? summary.key.entityID
            let title = indicators[summary.key.indicatorID]?.title(text.language) ?? summary.key.indicatorID
            let latest = summary.last.map { text.number($0.value) + " (\($0.year))" } ?? "–"
            let previous = summary.previous.map { text.number($0.value) + " (\($0.year))" } ?? "–"
            out += "| \(cell(entity)) | \(cell(title)) | \(genderLabel(summary.key.gender, text)) | \(latest) | "
                + "\(previous) | \(text.change(summary.change)) |\n"
        }
        return out + omittedNote(shown: others.count, of: total, text) + "\n"
    }

    static func budgetSection(_ analysis: RunAnalysis, _ text: ReportText) -> String {
        let dataset = analysis.dataset
        guard !dataset.budgetLines.isEmpty || !dataset.forecastVintages.isEmpty else { return "" }
        var out = "## " + text.pick("Ekonomi", "Budget") + "\n\n"
        let budgeted = dataset.budgetLines.filter { $0.budget != nil }
        if !budgeted.isEmpty {
            out += "| " + text.pick("Rad", "Line") + " | " + text.pick("År", "Year") + " | Budget | "
                + text.pick("Utfall", "Outcome") + " | " + text.pick("Utfall − budget", "Outcome − budget") + " |\n"
            out += "|---|---:|---:|---:|---:|\n"
            for line in budgeted {
                let deviation: Double? = line.outcome.flatMap { outcome in line.budget.map { outcome - $0 } }
                out += "| \(cell(line.titleSv)) (\(cell(line.lineID))) | \(line.year) | \(text.number(line.budget)) | "
                    + "\(text.number(line.outcome)) | \(text.change(deviation)) |\n"
            }
            out += "\n"
        }
        for (section, year) in ChartRenderer.budgetTables(dataset) {
            out += "![\(cell(section)) \(year)](charts/\(ChartRenderer.budgetChartName(section, year)).svg)\n"
        }
        out += "\n"
        if !dataset.forecastVintages.isEmpty {
            out += "### " + text.pick("Prognossäkerhet", "Forecast accuracy") + "\n\n"
            for line in ChartRenderer.checkpointLines(dataset) {
                out += "![\(cell(line))](charts/\(ChartRenderer.checkpointChartName(line)).svg)\n"
            }
            out += "\n"
            let accuracy = VintageAccuracy.measure(dataset)
            if !accuracy.isEmpty {
                out += "| " + text.pick("Avstämningstillfälle", "Checkpoint") + " | " + text.pick("Månad", "Month") + " | n | "
                    + text.pick("Medelavvikelse (utfall − prognos)", "Bias (outcome − forecast)") + " | "
                    + text.pick("Medelabsolutfel", "Mean absolute error") + " | " + text.pick("Relativt fel", "Relative error")
                    + " | " + text.pick("Budgetens absolutfel", "Budget's absolute error") + " |\n|---|---:|---:|---:|---:|---:|---:|\n"
                for v in accuracy {
                    out += "| \(cell(v.checkpoint)) | \(v.month.map(String.init) ?? "–") | \(v.count) | \(text.change(v.bias)) | "
                        + "\(text.number(v.meanAbsoluteError)) | \(text.percent(v.meanRelativeError)) | \(text.number(v.budgetMeanAbsoluteError)) |\n"
                }
                out += "\n"
            }
            out += "| " + text.pick("Rad", "Line") + " | " + text.pick("År", "Year") + " | "
                + text.pick("Avstämningstillfälle", "Checkpoint") + " | " + text.pick("Prognos", "Forecast") + " | "
                + text.pick("Utfall", "Outcome") + " | " + text.pick("Avvikelse från bokslut", "Outcome minus forecast")
                + " |\n"
            out += "|---|---:|---|---:|---:|---:|\n"
            for vintage in dataset.forecastVintages {
                let deviation = vintage.outcome.map { $0 - vintage.forecast }
                out += "| \(cell(vintage.lineID)) | \(vintage.year) | \(cell(vintage.checkpoint)) | "
                    + "\(text.number(vintage.forecast)) | \(text.number(vintage.outcome)) | \(text.change(deviation)) |\n"
            }
            out += "\n"
        }
        return out
    }

    static func genderLabel(_ gender: Gender, _ text: ReportText) -> String {
        switch gender {
        case .total: return text.pick("Totalt", "Total")
        case .women: return text.pick("Kvinnor", "Women")
        case .men: return text.pick("Män", "Men")
        }
    }

    /// Text from data as inert Markdown inline text, safe in a table cell or a heading.
    ///
    /// Every character that can open Markdown syntax inside a line gets a backslash
    /// (CommonMark lets any ASCII punctuation be escaped): `\\`, `` ` ``, `*`, `_`, `[`,
    /// `]`, `<`, `>`, `&`, `|`, `~`, so no link, image, raw HTML, entity, emphasis, code
    /// span or cell break comes from data. Line breaks and other control characters become
    /// spaces, so a title cannot end a heading or a table row.
    ///
    /// Edge cases: `#`, `-`, `+` and `1.` start blocks only at the start of a line, and
    /// text from data never stands there, so they stay as they are (`ks-1.1` reads as
    /// written).
    static func cell(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "&", "|", "~":
                out.unicodeScalars.append("\\")
                out.unicodeScalars.append(scalar)
            case _ where scalar.properties.generalCategory == .control, "\u{2028}", "\u{2029}":
                out.unicodeScalars.append(" ")
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
