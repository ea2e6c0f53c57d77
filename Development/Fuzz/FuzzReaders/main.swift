import Foundation
import Prognos
import ZIPFoundation

/// A mutation fuzzer for Prognos's readers: it takes real inputs (the bundled dataset,
/// the seed report, the Kolada examples, a wide table), mutates them at random (byte
/// flips, insertions of delimiters, quotes, parentheses, minus signs, percent signs,
/// non-breaking spaces, braces, deletions and duplications of ranges) and feeds each
/// mutant to a reader. A crash ends the process (and fails the run); an input that takes
/// over a second is reported as a hang. The canonical reader is also run on one thread and
/// on two in small slices (with its fast path for observations), which must agree.
///
///     swift run -c release FuzzReaders <reader> [seconds] [seed]
///
/// reader: canonical, wide, xlsx, kolada, report, competition, or all. `xlsx` mutates a
/// workbook's bytes (a bad archive) half the time, and otherwise one XML part inside it,
/// packed again (bad XML in a good archive).
let arguments = CommandLine.arguments
let which = arguments.count > 1 ? arguments[1] : "all"
let seconds = arguments.count > 2 ? Double(arguments[2]) ?? 10 : 10
var random = SplitMix64(seed: arguments.count > 3 ? UInt64(arguments[3]) ?? 1 : 1)

// The repository root: Development/Fuzz/<fuzzer>/main.swift is four levels down.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
func load(_ path: String) -> Data {
    FileManager.default.contents(atPath: root.appendingPathComponent(path).path) ?? Data()
}

let dataset = "Datasets/alingsas-ks-2023/"
let canonicalFiles = [
    "entities.csv", "indicators.csv", "goals.csv", "observations.csv", "targets.csv", "budget_lines.csv",
    "forecast_vintages.csv",
]
let descriptorData = load(dataset + "datapackage.json")
let canonical = Dictionary(
    uniqueKeysWithValues: canonicalFiles.map { ($0, String(decoding: load(dataset + $0), as: UTF8.self)) })
let observationsWithoutQuotes =
    (canonical["observations.csv"] ?? "").split(separator: "\n")
    .filter { !$0.contains("\"") }.joined(separator: "\n") + "\n"
let seedReport = load("Tests/Fixtures/seed-report-alingsas-ks-2023.txt")
let workbookSeed = load("Tests/Fixtures/xlsx/budget.xlsx")
/// The workbook's parts, to mutate one and pack them again.
let workbookParts: [(String, Data)] = {
    guard let archive = try? Archive(data: workbookSeed, accessMode: .read) else { return [] }
    return archive.compactMap { entry in
        var data = Data()
        guard (try? archive.extract(entry) { data.append($0) }) != nil else { return nil }
        return (entry.path, data)
    }
}()

/// The parts packed into an .xlsx archive in memory.
func pack(_ parts: [(String, Data)]) -> Data? {
    guard let archive = try? Archive(data: Data(), accessMode: .create) else { return nil }
    for (path, data) in parts {
        try? archive.addEntry(
            with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
        ) { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
    }
    return archive.data
}
let koladaSeeds = [
    ("k.json", load("Tests/Fixtures/kolada/RECONSTRUCTED_v3_data_N03702_0180-1480_2019.json")),
    ("k.json", load("Tests/Fixtures/kolada/RECONSTRUCTED_v2_data_N03702_0180-1480_2019.json")),
    ("values.csv", load("Tests/Fixtures/kolada/values_tidy.csv")),
]
let municipalitiesSeed = load("Tests/Fixtures/kolada/municipalities.csv")
let groupsSeed = Data(
    String(decoding: load("Tests/Fixtures/kolada/municipality_group_members_subset.csv"), as: UTF8.self)
        .split(separator: "\n", omittingEmptySubsequences: false).prefix(300).joined(separator: "\n").utf8)
let wideSeed = Data(
    "\u{FEFF}Indikator;Enhet;Utfall 2021;Utfall 2022;Preliminärt utfall 2023;Mål 2023\nFöretagsklimat NKI;index;71;72;(73);72\nAndel chefer;%;-;40%;53%;60%\nKostnader;tkr;\u{2212}88 880;\u{2212}102\u{00A0}266;;\n"
        .utf8)
let competitionSeed = Data(
    "series_id,split,t,value\nA,train,1,10\nA,train,2,12\nA,test,1,13\nB,train,1,5.5\nB,train,2,4\n".utf8)

let tokens: [[UInt8]] = [
    ";", ",", "\t", "\n", "\r\n", "\"", "(", ")", "-", "\u{2212}", "%", "\u{00A0}", "{", "}", "[", "]", ":", "null",
    "1e308", "NaN", "2023", "Mål 2023", "Indikator: ", "Kommunstyrelsens mål 9 - ", "Bedömning: Helt uppfyllt", ".",
    "0", "\u{FEFF}", "\\", "*", "Belopp i tkr\tBudget 2023\tBokslut 2023\n", "Bokslut 2023\t", "Prognos\t",
    "per månad 4", "Kvinnor\t", "<i>",
].map { Array($0.utf8) }

@MainActor func mutate(_ data: Data) -> Data {
    var bytes = Array(data)
    for _ in 0..<(1 + Int(random.next() % 8)) {
        let position = bytes.isEmpty ? 0 : Int(random.next() % UInt64(bytes.count + 1))
        switch random.next() % 6 {
        case 0 where !bytes.isEmpty && position < bytes.count:
            bytes[position] = UInt8(truncatingIfNeeded: random.next())
        case 1:
            bytes.insert(contentsOf: tokens[Int(random.next() % UInt64(tokens.count))], at: position)
        case 2 where !bytes.isEmpty:
            let length = Int(random.next() % 64)
            bytes.removeSubrange(position..<min(bytes.count, position + length))
        case 3 where !bytes.isEmpty:
            let length = Int(random.next() % 128)
            let end = min(bytes.count, position + length)
            bytes.insert(contentsOf: Array(bytes[min(position, end)..<end]), at: min(position, bytes.count))
        case 4:
            bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: position)
        default:
            if !bytes.isEmpty {
                bytes.swapAt(Int(random.next() % UInt64(bytes.count)), Int(random.next() % UInt64(bytes.count)))
            }
        }
    }
    return Data(bytes)
}

@MainActor func runOnce(_ reader: String) {
    switch reader {
    case "canonical":
        var files = canonical
        // Half the time without the observations' quoted notes, so that the file can be cut
        // into slices and the fast path runs.
        if random.next() % 2 == 0 { files["observations.csv"] = observationsWithoutQuotes }
        let name = canonicalFiles[Int(random.next() % UInt64(canonicalFiles.count))]
        files[name] = String(decoding: mutate(Data((files[name] ?? "").utf8)), as: UTF8.self)
        let descriptorBytes = random.next() % 4 == 0 ? mutate(descriptorData) : descriptorData
        let (descriptor, _) = DataPackageDescriptor.parse(descriptorBytes, file: "datapackage.json")
        guard let descriptor else { return }
        // One thread (the generic path only) against two threads in small slices, where
        // ordinary observation rows take the fast path: the same dataset or problems.
        let one = Result { () throws(InvalidInput) in
            try CanonicalDatasetReader.read(descriptor: descriptor, files: files, location: "fuzz", threads: 1).dataset
        }
        let two = Result { () throws(InvalidInput) in
            try CanonicalDatasetReader.read(
                descriptor: descriptor, files: files, location: "fuzz", threads: 2, sliceBytes: 256
            ).dataset
        }
        let agree: Bool
        switch (one, two) {
        case (.success(let a), .success(let b)): agree = a == b
        case (.failure(let a), .failure(let b)):
            agree = a.diagnostics.map(\.description) == b.diagnostics.map(\.description)
        default: agree = false
        }
        if !agree {
            print("canonical: one thread and two read a mutated \(name) differently:\n\(files[name] ?? "")")
            exit(1)
        }
        // Lenient: never a crash; rows left out exactly when the strict read failed, and
        // what it keeps is the strict read's dataset when that one succeeded.
        if let lenient = try? CanonicalDatasetReader.read(
            descriptor: descriptor, files: files, location: "fuzz", threads: 2, sliceBytes: 256, lenient: true)
        {
            let consistent: Bool
            switch one {
            case .success(let dataset): consistent = lenient.rejected.isEmpty && lenient.dataset == dataset
            case .failure: consistent = !lenient.rejected.isEmpty
            }
            if !consistent {
                print(
                    "canonical: a lenient read of a mutated \(name) disagrees with the strict one:\n\(files[name] ?? "")"
                )
                exit(1)
            }
        }
    case "wide":
        _ = try? WideTableReader.read(mutate(wideSeed), file: "w.csv", name: "w", lenient: random.next() % 2 == 0)
    case "xlsx":
        var bytes = workbookSeed
        if random.next() % 2 == 0 {
            bytes = mutate(workbookSeed)
        } else if !workbookParts.isEmpty {
            var parts = workbookParts
            let index = Int(random.next() % UInt64(parts.count))
            parts[index].1 = mutate(parts[index].1)
            bytes = pack(parts) ?? workbookSeed
        }
        _ = try? WideTableReader.read(bytes, file: "w.xlsx", name: "w", lenient: random.next() % 2 == 0)
    case "kolada":
        let seed = koladaSeeds[Int(random.next() % UInt64(koladaSeeds.count))]
        // A third of the inputs also carry comparison groups (mutated) and municipality names.
        let withGroups = random.next() % 3 == 0
        _ = try? KoladaReader.read(
            [KoladaReader.Input(file: seed.0, data: mutate(seed.1))],
            municipalities: withGroups ? municipalitiesSeed : nil,
            groups: withGroups ? KoladaReader.Input(file: "g.csv", data: mutate(groupsSeed)) : nil, name: "k",
            lenient: random.next() % 2 == 0)
    case "report":
        _ = try? ReportTextReader.read(
            String(decoding: mutate(seedReport), as: UTF8.self), file: "r.txt", name: "r",
            entities: ReportTextReader.Entities(goals: "e", budget: "b", staff: "s"), lenient: random.next() % 2 == 0)
    case "competition":
        _ = try? CompetitionReader.read(
            series: String(decoding: mutate(competitionSeed), as: UTF8.self), seriesFile: "s.csv", meta: nil,
            metaFile: "", name: "c", lenient: random.next() % 2 == 0)
    default:
        break
    }
}

let readers = which == "all" ? ["canonical", "wide", "xlsx", "kolada", "report", "competition"] : [which]
for reader in readers {
    let start = Date()
    var count = 0
    var slowest = 0.0
    while Date().timeIntervalSince(start) < seconds / Double(readers.count) {
        let begin = Date()
        runOnce(reader)
        let elapsed = Date().timeIntervalSince(begin)
        slowest = max(slowest, elapsed)
        if elapsed > 1 { print("\(reader): an input took \(elapsed) s (hang?)") }
        count += 1
    }
    print(
        "\(reader): \(count) inputs in \(Int(Date().timeIntervalSince(start))) s, no crash; slowest \(String(format: "%.3f", slowest)) s"
    )
}
