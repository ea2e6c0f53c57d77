import Testing

@testable import PrognosIngest

/// The duplicate-key index the canonical reader streams every row through.
@Suite struct PrimaryKeyIndexTests {
    @Test func findsEveryDuplicateWithItsFirstLineAcrossGrowth() {
        var index = PrimaryKeyIndex(columns: 4)
        // 60,000 distinct keys (the table grows several times), then each again.
        var line = 1
        for e in 0..<30 {
            for i in 0..<100 {
                for year in 2004..<2024 {
                    line += 1
                    #expect(index.insert(["E\(e)", "I\(i)", String(year), "T"], line: line) == nil)
                }
            }
        }
        var firstLine = 1
        for e in 0..<30 {
            for i in 0..<100 {
                for year in 2004..<2024 {
                    firstLine += 1
                    line += 1
                    let earlier = index.insert(["E\(e)", "I\(i)", String(year), "T"], line: line)
                    if earlier != firstLine {
                        Issue.record("key E\(e) I\(i) \(year): \(String(describing: earlier)), expected \(firstLine)")
                    }
                }
            }
        }
        // Same values in other columns are other keys.
        #expect(index.insert(["I0", "E0", "2004", "T"], line: line + 1) == nil)
        #expect(index.insert(["E0", "I0", "2004", "K"], line: line + 2) == nil)
    }

    /// A table sized for its keys up front (at most three quarters full) finds the same
    /// duplicates without growing.
    @Test func reservedTable() {
        #expect(PackedKeyTable.capacity(for: 768) == 1024)
        #expect(PackedKeyTable.capacity(for: 769) == 2048)
        #expect(PackedKeyTable.capacity(for: 18_336_296) == 1 << 25)
        var index = PrimaryKeyIndex(columns: 2)
        index.reserve(5000)
        for k in 0..<5000 { #expect(index.insert(["e\(k % 50)", "i\(k / 50)"], line: k + 2) == nil) }
        #expect(index.insert(["e7", "i3"], line: 9999) == 3 * 50 + 7 + 2)
    }

    @Test func keysWiderThanFiveColumnsStillWork() {
        var index = PrimaryKeyIndex(columns: 6)
        #expect(index.insert(["a", "b", "c", "d", "e", "f"], line: 2) == nil)
        #expect(index.insert(["a", "b", "c", "d", "e", "g"], line: 3) == nil)
        #expect(index.insert(["a", "b", "c", "d", "e", "f"], line: 4) == 2)
    }
}
