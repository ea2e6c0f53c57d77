import Foundation
import PrognosSupport

/// What reads rows into values and collects the problems it finds on the way.
protocol DiagnosticCollecting {
    var diagnostics: [Diagnostic] { get set }
    /// Problems found past ``InvalidInput/keptLimit`` and not kept.
    var omitted: Int { get set }
}

/// Reads an ordinary row of a resource straight from its bytes, with the value and key the
/// generic path (``ResourceHeader/examine(_:file:problems:key:)`` and the resource's read
/// function) would give it; nil for any other row, which then goes the generic way.
protocol FastRowReading<Value> {
    associatedtype Value
    /// The value of `line` (without its line end), its primary key's texts appended to
    /// `key`; or nil, with `key` as it was.
    mutating func read(_ line: UnsafeBufferPointer<UInt8>, key: inout [String]) -> Value?
}

/// Reads the rows of one large resource file on several threads, with the result the
/// one-thread scan gives: the same values in file order and the same problems in the
/// same order.
///
/// The rows after the header are cut into slices of about `sliceBytes` bytes, each ending
/// with a line feed, so every slice starts at the beginning of a line, numbered one more
/// than the line feeds before it. That is sound only when no field spans lines and every
/// line ends at a line feed: the file has no quote character and no carriage return other
/// than before a line feed. Otherwise, and for a file whose first line is not a clean
/// header with every required column, ``read(_:spec:file:threads:sliceBytes:context:_:)``
/// returns nil and the caller scans the file on one thread.
///
/// `threads` slices are parsed at a time (``forEachInOrder(count:width:produce:consume:)``):
/// each row gets the header's checks (``ResourceHeader/examine(_:file:problems:key:)``)
/// and is read into a value on a copy of the context, and its key is kept. With a fast
/// path (``FastRowReading``, made from the header for each slice), each line is first
/// offered to it, and only the lines it declines are parsed and read the generic way. The slices are
/// merged in file order on the calling thread, while the next ones are parsed: each key
/// goes into the one ``PrimaryKeyIndex``, and a duplicate row is reported while its value
/// and its problems are dropped, as the one-thread scan never reads a duplicate row into a
/// value.
enum ParallelResourceScan {
    struct Outcome<Value> {
        var values: [Value]
        /// The file's own problems (header, field counts, empty required values, duplicate
        /// keys), in row order.
        var fileProblems: [Diagnostic]
        /// The problems found reading the rows into values, in row order.
        var readProblems: [Diagnostic]
        /// Problems past ``InvalidInput/keptLimit`` (in each list), counted, not kept.
        var omitted = 0
        /// The rows read into a value: `values.count`, or as many dropped when not kept.
        var count = 0
    }

    /// The values and problems of the rows of `text` (a whole resource file named `file`
    /// in messages), or nil when it is read on one thread: `threads` below 2, a file of at
    /// most `sliceBytes` bytes, or one that cannot be cut at line feeds (above).
    static func read<Context: DiagnosticCollecting & Sendable, Value: Sendable>(
        _ text: ResourceText, spec: ResourceSpec, file: String, threads: Int, sliceBytes: Int,
        context: Context, fastPath: FastPath<Value>? = nil, keep: Bool = true,
        _ read: @escaping @Sendable (inout Context, ResourceRow, String) -> Value?
    ) -> Outcome<Value>? {
        guard threads > 1 else { return nil }
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress, bytes.count > sliceBytes else { return nil }
            let whole = FileBytes(base: base, count: bytes.count)
            guard whole.canBeCutAtLineFeeds, let plan = SlicePlan(whole, spec: spec, name: file, sliceBytes: sliceBytes)
            else { return nil }
            // A mapped file's pages, read in by the plan's passes, are dropped until the
            // slices read them again, and each slice's once it is merged.
            text.release(0..<bytes.count)
            return readSlices(
                whole, plan: plan, spec: spec, threads: threads, context: context, fastPath: fastPath, keep: keep,
                release: text.release, read)
        }
    }

    /// Makes a slice's fast-path reader from the file's header (nil: none for this file).
    typealias FastPath<Value> = @Sendable (ResourceHeader) -> (any FastRowReading<Value>)?

    private static func readSlices<Context: DiagnosticCollecting & Sendable, Value: Sendable>(
        _ bytes: FileBytes, plan: SlicePlan, spec: ResourceSpec, threads: Int,
        context: Context, fastPath: FastPath<Value>?, keep: Bool, release: (Range<Int>) -> Void,
        _ read: @escaping @Sendable (inout Context, ResourceRow, String) -> Value?
    ) -> Outcome<Value> {
        var keys = PrimaryKeyIndex(columns: spec.primaryKey.count)
        keys.reserve(plan.lineFeeds)
        var outcome = Outcome<Value>(values: [], fileProblems: plan.headerProblems, readProblems: [])
        if keep { outcome.values.reserveCapacity(plan.lineFeeds) }
        var scannerProblems: [Diagnostic] = []
        var merged = 0
        // Slices are parsed on the workers while the calling thread merges the ones before.
        forEachInOrder(count: plan.slices.count, width: threads) { index in
            SliceRows(
                bytes, slice: plan.slices[index], header: plan.header, file: plan.file,
                context: context, fastReader: fastPath?(plan.header), keep: keep, read)
        } consume: { rows in
            scannerProblems += rows.scannerProblems
            rows.merge(into: &outcome, keys: &keys, header: plan.header, spec: spec, file: plan.file, keep: keep)
            // Each list keeps its first problems only, so that memory stays bounded.
            outcome.omitted += rows.omitted
            InvalidInput.trim(&scannerProblems, omitted: &outcome.omitted)
            InvalidInput.trim(&outcome.fileProblems, omitted: &outcome.omitted)
            InvalidInput.trim(&outcome.readProblems, omitted: &outcome.omitted)
            release(plan.slices[merged].range)
            merged += 1
        }
        // The scanner's problems first, as the one-thread scan lists them (there are none
        // in a file without quotes; kept for the order should that change).
        outcome.fileProblems = scannerProblems + outcome.fileProblems
        return outcome
    }
}

/// The bytes of a whole file, shared read-only by the threads that read its slices.
struct FileBytes: @unchecked Sendable {
    let base: UnsafePointer<UInt8>
    let count: Int

    subscript(range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + range.lowerBound, count: range.count)
    }

    /// The index of the first `byte` at or after `start`, or nil.
    func firstIndex(of byte: UInt8, from start: Int) -> Int? {
        guard start < count, let found = memchr(base + start, Int32(byte), count - start) else { return nil }
        return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
    }

    /// No quote character, and every carriage return followed by a line feed: no field
    /// spans lines and every line ends at a line feed.
    var canBeCutAtLineFeeds: Bool {
        if firstIndex(of: UInt8(ascii: "\""), from: 0) != nil { return false }
        var position = 0
        while let index = firstIndex(of: 0x0D, from: position) {
            guard index + 1 < count, base[index + 1] == 0x0A else { return false }
            position = index + 2
        }
        return true
    }
}

/// Where a file's slices start and end, the number of each one's first line, and its header.
struct SlicePlan: Sendable {
    struct Slice: Sendable {
        var range: Range<Int>
        var firstLine: Int
    }

    let file: String
    let header: ResourceHeader
    let headerProblems: [Diagnostic]
    let slices: [Slice]
    /// Line feeds after the header: at most the number of rows.
    let lineFeeds: Int

    /// Nil when the first line is not one header row (blank, say) or lacks a required
    /// column: such files are read on one thread.
    init?(_ bytes: FileBytes, spec: ResourceSpec, name: String, sliceBytes: Int) {
        guard let headerFeed = bytes.firstIndex(of: 0x0A, from: 0) else { return nil }
        var parser = CSVParser(file: name, delimiter: .comma)
        var records: [[CSVField]] = []
        parser.parseUTF8(bytes[0..<(headerFeed + 1)]) { records.append($0) }
        guard records.count == 1, let record = records.first, record.first?.line == 1, parser.diagnostics.isEmpty
        else { return nil }
        var problems: [Diagnostic] = []
        let header = ResourceHeader(record, spec: spec, file: name, problems: &problems)
        guard !header.missingRequired else { return nil }
        var ranges: [Range<Int>] = []
        var start = headerFeed + 1
        while start < bytes.count {
            var end = bytes.count
            if start + sliceBytes < bytes.count, let feed = bytes.firstIndex(of: 0x0A, from: start + sliceBytes) {
                end = feed + 1
            }
            ranges.append(start..<end)
            start = end
        }
        let feeds = ranges.map { CSVTable.lineFeedCount(bytes[$0]) }
        var slices: [Slice] = []
        var line = 2
        for (range, count) in zip(ranges, feeds) {
            slices.append(Slice(range: range, firstLine: line))
            line += count
        }
        self.file = name
        self.header = header
        self.headerProblems = problems
        self.slices = slices
        self.lineFeeds = feeds.reduce(0, +)
    }
}

/// One slice's rows, read on a worker thread and merged in file order.
struct SliceRows<Value: Sendable>: Sendable {
    enum Event: Sendable {
        /// A row that failed the header's checks.
        case problem(Diagnostic)
        /// A row that passed them: its line, the index of its value (−1: none) and the end of
        /// its problems in `readProblems`.
        /// `omittedEnd`: the count of its read problems past the limit, likewise.
        case row(line: Int, value: Int, readProblemsEnd: Int, omittedEnd: Int)
    }

    var events: [Event] = []
    /// The keys of the `.row` events in order, `spec.primaryKey.count` values each.
    var keys: [String] = []
    var values: [Value] = []
    var readProblems: [Diagnostic] = []
    var scannerProblems: [Diagnostic] = []
    /// This slice's header-check problems past ``InvalidInput/keptLimit``, counted, not
    /// kept (its rows' read problems past it are counted in their `.row` events).
    var omitted = 0

    init<Context: DiagnosticCollecting>(
        _ bytes: FileBytes, slice: SlicePlan.Slice, header: ResourceHeader, file: String,
        context: Context, fastReader: (any FastRowReading<Value>)? = nil, keep: Bool = true,
        _ read: (inout Context, ResourceRow, String) -> Value?
    ) {
        var context = context
        context.diagnostics = []
        context.omitted = 0
        var problems: [Diagnostic] = []
        var problemEvents = 0
        var parser = CSVParser(file: file, delimiter: .comma)
        func generic(_ record: [CSVField]) {
            let keyStart = keys.count
            guard let row = header.examine(record, file: file, problems: &problems, key: &keys) else {
                keys.removeSubrange(keyStart...)
                for problem in problems {
                    if problemEvents < InvalidInput.keptLimit {
                        events.append(.problem(problem))
                        problemEvents += 1
                    } else {
                        omitted += 1
                    }
                }
                problems.removeAll(keepingCapacity: true)
                return
            }
            var index = -1
            if let value = read(&context, row, file) {
                // Not kept (only checked): 0 marks a value without holding it.
                index = keep ? values.count : 0
                if keep { values.append(value) }
            }
            events.append(
                .row(
                    line: row.line, value: index, readProblemsEnd: context.diagnostics.count,
                    omittedEnd: context.omitted))
        }
        if var fastReader {
            // Line by line: the fast path first; a line it declines is parsed on its own
            // (the slice has no quotes, so no field spans lines).
            var start = slice.range.lowerBound
            var line = slice.firstLine
            while start < slice.range.upperBound {
                let feed =
                    bytes.firstIndex(of: 0x0A, from: start).map { min($0, slice.range.upperBound) }
                    ?? slice.range.upperBound
                var end = feed
                if end > start, bytes.base[end - 1] == 0x0D { end -= 1 }
                if let value = fastReader.read(bytes[start..<end], key: &keys) {
                    if keep { values.append(value) }
                    events.append(
                        .row(
                            line: line, value: keep ? values.count - 1 : 0, readProblemsEnd: context.diagnostics.count,
                            omittedEnd: context.omitted))
                } else {
                    let next = min(feed + 1, slice.range.upperBound)
                    parser.parseUTF8(bytes[start..<next], firstLine: line, atFileStart: false, generic)
                }
                start = feed + 1
                line += 1
            }
        } else {
            parser.parseUTF8(bytes[slice.range], firstLine: slice.firstLine, atFileStart: false, generic)
        }
        readProblems = context.diagnostics
        scannerProblems = parser.diagnostics
    }

    /// Adds this slice's rows to `outcome` in order, checking each key against every
    /// earlier row's.
    func merge(
        into outcome: inout ParallelResourceScan.Outcome<Value>, keys index: inout PrimaryKeyIndex,
        header: ResourceHeader, spec: ResourceSpec, file: String, keep: Bool
    ) {
        let width = spec.primaryKey.count
        var keyStart = 0
        var readStart = 0
        var omittedStart = 0
        for event in events {
            switch event {
            case .problem(let problem):
                outcome.fileProblems.append(problem)
            case .row(let line, let value, let readEnd, let omittedEnd):
                let key = keys[keyStart..<(keyStart + width)]
                keyStart += width
                if let earlier = index.insert(key, line: line) {
                    outcome.fileProblems.append(
                        header.duplicate(key, spec: spec, file: file, line: line, earlier: earlier))
                } else {
                    outcome.readProblems += readProblems[readStart..<readEnd]
                    // A duplicate row's problems are dropped, counted or not.
                    outcome.omitted += omittedEnd - omittedStart
                    if value >= 0 {
                        if keep { outcome.values.append(values[value]) }
                        outcome.count += 1
                    }
                }
                readStart = readEnd
                omittedStart = omittedEnd
            }
        }
    }
}
