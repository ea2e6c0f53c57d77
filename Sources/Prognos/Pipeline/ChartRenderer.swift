import Foundation

/// Renders every chart of a run with one gnuplot process, into memory.
///
/// Charts are drawn into a private temporary directory and read back, so the output
/// directory is still written in one atomic step. For each chart both an SVG and a PNG:
/// per series with outcomes `charts/<entity>__<indicator>[__gender]`, and
/// `…__probability` where targets are suggested; per goal `charts/goal__<id>` (small
/// multiples); per budget table and year `charts/budget__<table>_<year>`; per forecast
/// line `charts/checkpoints__<line>`.
public enum ChartRenderer {
    public struct Charts: Sendable {
        /// Relative path → file contents (SVG and PNG).
        public var files: [String: Data] = [:]
        /// Chart base name (without extension) → SVG text.
        public var svg: [String: String] = [:]
    }

    /// Called after each chart with (charts done, charts in all).
    public typealias Progress = (Int, Int) -> Void

    /// One chart to draw: its base name and the script for a format and output path.
    public struct Job {
        public var name: String
        public var script: (ChartScripts.Format, String) -> String?

        public init(name: String, script: @escaping (ChartScripts.Format, String) -> String?) {
            self.name = name
            self.script = script
        }
    }

    /// Draws the jobs (SVG and PNG each), spread over `workers` gnuplot sessions (jobs
    /// dealt round-robin; every chart is its own file, so the result does not depend on
    /// how many there are).
    public static func render(_ jobs: [Job], workers: Int = 1, progress: Progress? = nil) throws -> Charts {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("prognos-charts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let shared = SharedResults()
        let count = max(1, min(workers, jobs.count))
        let work = UncheckedJobs(jobs: jobs, progress: progress)
        DispatchQueue.concurrentPerform(iterations: count) { worker in
            do {
                let session = try GnuplotSession()
                defer { session.close() }
                var index = worker
                while index < work.jobs.count, !shared.failed {
                    let job = work.jobs[index]
                    for format in ChartScripts.Format.allCases {
                        let file = "\(job.name).\(format.rawValue)"
                        let path = scratch.appendingPathComponent(file).path
                        guard let script = job.script(format, path) else { continue }
                        try session.render(script, chart: file)
                        let data = try Data(contentsOf: URL(fileURLWithPath: path))
                        shared.add(file: file, data: data, svgName: format == .svg ? job.name : nil)
                    }
                    let done = shared.finishJob()
                    if worker == 0 || done == work.jobs.count { work.progress?(done, work.jobs.count) }
                    index += count
                }
            } catch {
                shared.fail(error)
            }
        }
        if let error = shared.error { throw error }
        return shared.charts
    }

    /// Jobs and the progress callback, read by every worker (closures are not Sendable).
    private struct UncheckedJobs: @unchecked Sendable {
        let jobs: [Job]
        let progress: Progress?
    }

    /// The results of all workers, behind a lock.
    private final class SharedResults: @unchecked Sendable {
        private let lock = NSLock()
        private var result = Charts()
        private var firstError: Error?
        private var finished = 0

        var charts: Charts { lock.lock(); defer { lock.unlock() }; return result }
        var error: Error? { lock.lock(); defer { lock.unlock() }; return firstError }
        var failed: Bool { error != nil }

        func add(file: String, data: Data, svgName: String?) {
            lock.lock()
            result.files[file] = data
            if let svgName { result.svg[svgName] = String(decoding: data, as: UTF8.self) }
            lock.unlock()
        }

        func finishJob() -> Int {
            lock.lock(); defer { lock.unlock() }
            finished += 1
            return finished
        }

        func fail(_ error: Error) {
            lock.lock()
            if firstError == nil { firstError = error }
            lock.unlock()
        }
    }

    /// Every chart of a run, under `charts/`.
    public static func render(_ analysis: RunAnalysis, language: Language, progress: Progress? = nil) throws -> Charts {
        let dataset = analysis.dataset
        let indicators = dataset.indicatorsByID
        let entities = dataset.entitiesByID
        let seriesByKey = Dictionary(analysis.series.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        var jobs: [Job] = []
        for summary in analysis.series {
            let base = ChartScripts.baseName(summary.key)
            let indicator = indicators[summary.key.indicatorID]
            let entity = entities[summary.key.entityID]
            jobs.append(Job(name: base) { format, output in
                ChartScripts.indicator(summary, indicator: indicator, entity: entity, language: language, format: format, output: output)
            })
            jobs.append(Job(name: base + "__probability") { format, output in
                ChartScripts.probabilityCurve(summary, indicator: indicator, language: language, format: format, output: output)
            })
        }
        for goal in analysis.goals where !goal.evaluations.isEmpty {
            jobs.append(Job(name: goalChartName(goal.goal.id)) { format, output in
                ChartScripts.goal(goal, series: seriesByKey, indicators: indicators, language: language, format: format, output: output)
            })
        }
        for (section, year) in budgetTables(dataset) {
            jobs.append(Job(name: budgetChartName(section, year)) { format, output in
                ChartScripts.budget(dataset.budgetLines, section: section, year: year, language: language, format: format, output: output)
            })
        }
        for line in checkpointLines(dataset) {
            let vintages = dataset.forecastVintages.filter { $0.lineID == line }
            let title = dataset.budgetLines.first { $0.lineID == line }?.titleSv ?? line
            jobs.append(Job(name: checkpointChartName(line)) { format, output in
                ChartScripts.checkpoints(vintages, title: "\(title) (\(line))", language: language, format: format, output: output)
            })
        }
        var charts = try render(jobs, workers: ProcessInfo.processInfo.activeProcessorCount, progress: progress)
        charts.files = Dictionary(uniqueKeysWithValues: charts.files.map { ("charts/" + $0.key, $0.value) })
        return charts
    }

    public static func goalChartName(_ id: String) -> String { "goal__" + ChartScripts.clean(id) }
    public static func budgetChartName(_ section: String, _ year: Int) -> String { "budget__\(ChartScripts.clean(section))_\(year)" }
    public static func checkpointChartName(_ line: String) -> String { "checkpoints__" + ChartScripts.clean(line) }

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
