import Foundation

/// Renders every chart of a run with one gnuplot process, into memory.
///
/// Charts are drawn into a private temporary directory and read back, so the output
/// directory is still written in one atomic step. Per series with outcomes:
/// `charts/<entity>__<indicator>[__gender].svg/.png`, and `…__probability.svg/.png` where
/// targets are suggested.
public enum ChartRenderer {
    public struct Charts: Sendable {
        /// Relative path → file contents (SVG and PNG).
        public var files: [String: Data]
        /// Series key → the SVG text of its history chart and of its probability curve.
        public var indicatorSVG: [SeriesKey: String]
        public var probabilitySVG: [SeriesKey: String]
    }

    public static func render(_ analysis: RunAnalysis, language: Language) throws -> Charts {
        let session = try GnuplotSession()
        defer { session.close() }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("prognos-charts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let indicators = analysis.dataset.indicatorsByID
        let entities = analysis.dataset.entitiesByID
        var charts = Charts(files: [:], indicatorSVG: [:], probabilitySVG: [:])
        for summary in analysis.series {
            let base = ChartScripts.baseName(summary.key)
            let indicator = indicators[summary.key.indicatorID]
            for format in ChartScripts.Format.allCases {
                let name = "\(base).\(format.rawValue)"
                let path = scratch.appendingPathComponent(name).path
                if let script = ChartScripts.indicator(
                    summary, indicator: indicator, entity: entities[summary.key.entityID], language: language, format: format,
                    output: path)
                {
                    try session.render(script, chart: name)
                    let data = try Data(contentsOf: URL(fileURLWithPath: path))
                    charts.files["charts/" + name] = data
                    if format == .svg { charts.indicatorSVG[summary.key] = String(decoding: data, as: UTF8.self) }
                }
                let curveName = "\(base)__probability.\(format.rawValue)"
                let curvePath = scratch.appendingPathComponent(curveName).path
                if let script = ChartScripts.probabilityCurve(
                    summary, indicator: indicator, language: language, format: format, output: curvePath)
                {
                    try session.render(script, chart: curveName)
                    let data = try Data(contentsOf: URL(fileURLWithPath: curvePath))
                    charts.files["charts/" + curveName] = data
                    if format == .svg { charts.probabilitySVG[summary.key] = String(decoding: data, as: UTF8.self) }
                }
            }
        }
        return charts
    }
}
