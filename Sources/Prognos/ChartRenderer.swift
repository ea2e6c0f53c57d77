import Foundation
import PrognosAnalysis
import PrognosModel
import PrognosRender
import Synchronization

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
        /// What gnuplot warned of, as `chart: message`, sorted (a warning does not stop a
        /// chart; a chart whose file is missing or empty fails the rendering).
        public var warnings: [String] = []

        /// No charts (a report without pictures).
        public init() {}
    }

    /// Called after each chart with (charts done, charts in all).
    public typealias Progress = @Sendable (Int, Int) -> Void

    /// One chart to draw: its base name and the script for a format and output path. The
    /// script is `@Sendable`: jobs are drawn on the pipeline's worker threads.
    public struct Job: Sendable {
        public var name: String
        public var script: @Sendable (ChartScripts.Format, String) -> String?

        public init(name: String, script: @escaping @Sendable (ChartScripts.Format, String) -> String?) {
            self.name = name
            self.script = script
        }
    }

    /// Draws the jobs (SVG and PNG each), spread over `workers` gnuplot sessions.
    public static func render(_ jobs: [Job], workers: Int = 1, progress: Progress? = nil) throws -> Charts {
        let pipeline = try RenderPipeline(workers: min(workers, max(1, jobs.count)), progress: progress)
        pipeline.submit(jobs)
        return try pipeline.finish()
    }

    /// Chart rendering that runs beside the numeric work: jobs are submitted as soon as
    /// their data exist and drawn at once by `workers` long-lived gnuplot sessions, each
    /// taking the next job from a shared queue. Every chart is its own file, so the
    /// result does not depend on the order or the number of workers.
    public final class RenderPipeline: Sendable {
        /// What the workers share, behind one lock.
        private struct State {
            var queue: [Job] = []
            var closed = false
            var submitted = 0
            var finished = 0
            var result = Charts()
            var firstError: (any Error)?
        }

        private let state = Mutex(State())
        /// One signal per submitted job, and one per worker when the queue is closed or a
        /// worker fails: each wait of a worker is matched by one signal.
        private let ready = DispatchSemaphore(value: 0)
        private let workers: Int
        private let group = DispatchGroup()
        private let scratch: URL
        private let progress: Progress?

        public init(workers: Int, progress: Progress? = nil) throws {
            let temporary = FileManager.default.temporaryDirectory
            TemporaryPaths.sweep(in: temporary, prefix: "prognos-charts-")
            scratch = temporary.appendingPathComponent(TemporaryPaths.name("prognos-charts-"))
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            TemporaryPaths.register(scratch)
            self.progress = progress
            self.workers = max(1, workers)
            for _ in 0..<self.workers {
                group.enter()
                DispatchQueue.global().async { [self] in
                    defer { group.leave() }
                    work()
                }
            }
        }

        /// Queues jobs; workers start on them at once.
        public func submit(_ jobs: [Job]) {
            state.withLock { state in
                state.queue.append(contentsOf: jobs)
                state.submitted += jobs.count
            }
            for _ in jobs { ready.signal() }
        }

        /// Waits until every submitted job is drawn; the charts, or the first error.
        public func finish() throws -> Charts {
            state.withLock { $0.closed = true }
            for _ in 0..<workers { ready.signal() }
            group.wait()
            try? FileManager.default.removeItem(at: scratch)
            TemporaryPaths.unregister(scratch)
            let (result, firstError) = state.withLock { ($0.result, $0.firstError) }
            if let firstError { throw firstError }
            var charts = result
            charts.warnings.sort()
            return charts
        }

        /// The next job, or nil when the queue is closed and empty or a worker failed.
        private func next() -> Job? {
            while true {
                ready.wait()
                let (job, done): (Job?, Bool) = state.withLock { state in
                    if state.firstError != nil { return (nil, true) }
                    if !state.queue.isEmpty { return (state.queue.removeFirst(), false) }
                    return (nil, state.closed)
                }
                if job != nil || done { return job }
            }
        }

        private func work() {
            let session: GnuplotSession
            do {
                session = try GnuplotSession()
            } catch {
                fail(error)
                return
            }
            defer { session.close() }
            while let job = next() {
                do {
                    for format in ChartScripts.Format.allCases {
                        let file = "\(job.name).\(format.rawValue)"
                        let path = scratch.appendingPathComponent(file).path
                        guard let script = job.script(format, path) else { continue }
                        let warnings = try session.render(script, chart: file, output: path)
                        let data = try Data(contentsOf: URL(fileURLWithPath: path))
                        try? FileManager.default.removeItem(atPath: path)
                        state.withLock { state in
                            state.result.files[file] = data
                            state.result.warnings += warnings.map { "chart \(file): \($0)" }
                            if format == .svg { state.result.svg[job.name] = String(decoding: data, as: UTF8.self) }
                        }
                    }
                    let (done, total) = state.withLock { state in
                        state.finished += 1
                        return (state.finished, state.submitted)
                    }
                    progress?(done, total)
                } catch {
                    fail(error)
                    return
                }
            }
        }

        /// Records the first error and wakes every worker, so that none waits for a job.
        private func fail(_ error: any Error) {
            state.withLock { state in
                if state.firstError == nil { state.firstError = error }
            }
            for _ in 0..<workers { ready.signal() }
        }
    }

    /// The jobs of one series: its history chart and its probability curve.
    public static func seriesJobs(
        _ summary: SeriesSummary, indicators: [String: Indicator], entities: [String: Entity], language: Language
    ) -> [Job] {
        let base = ChartScripts.baseName(summary.key)
        let indicator = indicators[summary.key.indicatorID]
        let entity = entities[summary.key.entityID]
        return [
            Job(name: base) { format, output in
                ChartScripts.indicator(
                    summary, indicator: indicator, entity: entity, language: language, format: format, output: output)
            },
            Job(name: base + "__probability") { format, output in
                ChartScripts.probabilityCurve(
                    summary, indicator: indicator, language: language, format: format, output: output)
            },
        ]
    }

    /// The jobs that need the whole analysis: goals' small multiples, budget tables, checkpoints.
    public static func summaryJobs(_ analysis: RunAnalysis, language: Language) -> [Job] {
        let dataset = analysis.dataset
        let indicators = dataset.indicatorsByID
        let seriesByKey = analysis.goalSeriesByKey()
        var jobs: [Job] = []
        for goal in analysis.goals where !goal.evaluations.isEmpty {
            jobs.append(
                Job(name: ChartNames.goalChartName(goal.goal.id)) { format, output in
                    ChartScripts.goal(
                        goal, series: seriesByKey, indicators: indicators, language: language, format: format,
                        output: output)
                })
        }
        for (section, year) in ChartNames.budgetTables(dataset) {
            jobs.append(
                Job(name: ChartNames.budgetChartName(section, year)) { format, output in
                    ChartScripts.budget(
                        dataset.budgetLines, section: section, year: year, language: language, format: format,
                        output: output)
                })
        }
        for line in ChartNames.checkpointLines(dataset) {
            let vintages = dataset.forecastVintages.filter { $0.lineID == line }
            let title = BudgetNames.line(line, entity: nil, year: nil, lines: dataset.budgetLines, language)
            jobs.append(
                Job(name: ChartNames.checkpointChartName(line)) { format, output in
                    ChartScripts.checkpoints(vintages, title: title, language: language, format: format, output: output)
                })
        }
        return jobs
    }

    /// Prefixes every chart file with `charts/`.
    public static func inChartsDirectory(_ charts: Charts) -> Charts {
        var moved = charts
        moved.files = Dictionary(uniqueKeysWithValues: charts.files.map { ("charts/" + $0.key, $0.value) })
        return moved
    }

    /// Every chart of a run, under `charts/` (after the analysis; `RunJob` overlaps them instead).
    public static func render(_ analysis: RunAnalysis, language: Language, progress: Progress? = nil) throws -> Charts {
        let indicators = analysis.dataset.indicatorsByID
        let entities = analysis.dataset.entitiesByID
        let jobs =
            analysis.series.flatMap { seriesJobs($0, indicators: indicators, entities: entities, language: language) }
            + summaryJobs(analysis, language: language)
        return inChartsDirectory(
            try render(jobs, workers: ProcessInfo.processInfo.activeProcessorCount, progress: progress))
    }

}
