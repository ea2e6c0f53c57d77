import Dispatch
import Synchronization

/// `[element(0), element(1), …, element(count − 1)]`, made on `threads` workers.
///
/// Workers take blocks of `blockSize` consecutive indices from a shared counter, so a
/// worker slowed by other work on its core (chart rendering beside the analysis) takes
/// fewer blocks instead of leaving the other idle while it finishes a fixed share. Each
/// element is built straight into the array's storage, exactly once, by whichever worker
/// took its block: no optional slot per element and no copy afterwards. The result does
/// not depend on the number of threads or on which worker made what, provided `element`
/// depends on its index alone.
package func parallelArray<Element: Sendable>(
    count: Int, threads: Int, blockSize: Int = 64, _ element: @Sendable (Int) -> Element
) -> [Element] {
    guard count > 0 else { return [] }
    let block = max(1, blockSize)
    let blocks = (count + block - 1) / block
    let workers = max(1, min(threads, blocks))
    return [Element](unsafeUninitializedCapacity: count) { buffer, initializedCount in
        guard let base = buffer.baseAddress else { return }
        let storage = UninitializedStorage(base: base)
        let nextBlock = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let taken = nextBlock.wrappingAdd(1, ordering: .relaxed).oldValue
                guard taken < blocks else { return }
                for index in (taken * block)..<min(count, (taken + 1) * block) {
                    storage.initialize(index, to: element(index))
                }
            }
        }
        // Every block was taken exactly once and every index of it initialised.
        initializedCount = count
    }
}

/// The array's storage while its elements are built; each index is written by one worker.
private struct UninitializedStorage<Element>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>

    func initialize(_ index: Int, to value: Element) {
        (base + index).initialize(to: value)
    }
}
