import Testing

@testable import PrognosSupport

@Suite struct ParallelArrayTests {
    /// Every element in its place, whatever the number of workers and the block size, and
    /// an element that owns storage (an array) survives being built in place.
    @Test(arguments: [(1, 64), (2, 1), (2, 7), (4, 3), (3, 1000)])
    func elementsLandInIndexOrder(threads: Int, blockSize: Int) {
        let count = 1_001
        let made = parallelArray(count: count, threads: threads, blockSize: blockSize) { index in
            [index, index * index]
        }
        #expect(made == (0..<count).map { [$0, $0 * $0] })
    }

    @Test func anEmptyJobMakesAnEmptyArray() {
        let made = parallelArray(count: 0, threads: 2) { $0 }
        #expect(made.isEmpty)
    }
}
