import CLAPACK
import Foundation

/// The global linear model (`global`): one linear autoregression on scale-normalised lag
/// windows, fitted across all series of an indicator, with strength borrowed from the
/// indicator's kind and the whole panel. Montero-Manso & Hyndman, "Principles and
/// algorithms for forecasting groups of time series: locality and globality", IJF 37(4),
/// 2021: a model fitted across many series may be as complex as a long series allows, and
/// a 5-point series borrows from the others.
///
/// Each series is divided by its scale s (``PanelScales``). A window of p values ending at
/// t gives the features x = (1, (yₜ₋₁ − yₜ)/s, …, (yₜ₋ₚ₊₁ − yₜ)/s) and, for each horizon h,
/// the target (yₜ₊ₕ − yₜ)/s: the model forecasts the change from the last value, in the
/// series' own typical moves, directly for each horizon (no recursion). Features and
/// targets are clipped to ±`clip`, so that a series that barely moved before one jump does
/// not steer the fit.
///
/// For each order p = 1…`maximumOrder` and horizon h the coefficients are, by ridge
/// regression towards the level above (``PanelHierarchy``),
///
///     β(panel)     = (XᵀX + λI)⁻¹ Xᵀy                       over all windows,
///     β(kind)      = (XₖᵀXₖ + λI)⁻¹ (Xₖᵀyₖ + λ β(panel)),
///     β(indicator) = (XᵢᵀXᵢ + λI)⁻¹ (Xᵢᵀyᵢ + λ β(kind)),
///
/// with λ = `ridge` (in windows: the features are of order one). The panel's own
/// coefficients are thus shrunk towards 0, the random walk (no change): a panel of
/// thousands of windows keeps its fit, and one of a handful, as a single municipality's
/// annual report gives, does not extrapolate a line through two windows. XᵀX and Xᵀy of each indicator come from `cblas_dsyrk` and `cblas_dgemv` on its
/// windows; a kind's and the panel's are their indicators' sums; each system is solved by
/// Cholesky (`LAPACKE_dposv`). p = 1 is the pooled drift: the mean h-step change, in moves.
///
/// A series of n values is forecast with order min(n, `maximumOrder`): ŷₙ₊ₕ = yₙ + s · xᵀβ.
///
/// Edge cases: where no series has a window of order p for horizon h, the next lower order
/// is used; where none has one of order 1 either, the forecast is the last value (Naive).
/// An empty series gets no forecast.
public struct GlobalLinearModel: Sendable {
    public var maximumOrder: Int
    public var ridge: Double
    public var clip: Double

    public init(maximumOrder: Int = 3, ridge: Double = 10, clip: Double = 20) {
        self.maximumOrder = max(1, maximumOrder)
        self.ridge = ridge
        self.clip = clip
    }

    /// The coefficients of every order, horizon and node: `coefficients[p − 1][h − 1][node]`,
    /// nil where the panel has no window of that order and horizon.
    struct Fit: Sendable {
        var coefficients: [[[[Double]]?]]
    }

    /// The features of the window of `order` values ending at index t.
    @inline(__always)
    func features(_ y: [Double], end t: Int, order: Int, scale: Double, into row: inout [Double]) {
        row[0] = 1
        for j in 1..<max(1, order) { row[j] = clipped((y[t - j] - y[t]) / scale) }
    }

    @inline(__always)
    func clipped(_ x: Double) -> Double { min(max(x, -clip), clip) }

    func fit(_ panel: [PanelSeries], scales: [Double], hierarchy: PanelHierarchy, horizon: Int) -> Fit {
        var coefficients: [[[[Double]]?]] = []
        for order in 1...maximumOrder {
            var byHorizon: [[[Double]]?] = []
            for h in 1...max(1, horizon) {
                byHorizon.append(fit(panel, scales: scales, hierarchy: hierarchy, order: order, horizon: h))
            }
            coefficients.append(byHorizon)
        }
        return Fit(coefficients: coefficients)
    }

    /// The coefficients of one order and horizon at every node, nil without any window.
    func fit(_ panel: [PanelSeries], scales: [Double], hierarchy: PanelHierarchy, order p: Int, horizon h: Int)
        -> [[Double]]?
    {
        // Each indicator's windows, row-major.
        var designs = [[Double]](repeating: [], count: hierarchy.nodeCount)
        var targets = [[Double]](repeating: [], count: hierarchy.nodeCount)
        var row = [Double](repeating: 0, count: p)
        for (index, series) in panel.enumerated() {
            let y = series.values
            let n = y.count
            guard n >= p + h else { continue }
            let node = hierarchy.indicatorNode[index]
            let s = scales[index]
            for t in (p - 1)...(n - 1 - h) {
                features(y, end: t, order: p, scale: s, into: &row)
                designs[node].append(contentsOf: row)
                targets[node].append(clipped((y[t + h] - y[t]) / s))
            }
        }
        // Normal equations at every node: the indicators' own, summed upwards.
        var gram = [[Double]](repeating: [Double](repeating: 0, count: p * p), count: hierarchy.nodeCount)
        var moment = [[Double]](repeating: [Double](repeating: 0, count: p), count: hierarchy.nodeCount)
        var windows = [Int](repeating: 0, count: hierarchy.nodeCount)
        for node in 0..<hierarchy.nodeCount where !targets[node].isEmpty {
            let rows = targets[node].count
            designs[node].withUnsafeBufferPointer { x in
                gram[node].withUnsafeMutableBufferPointer { g in
                    cblas_dsyrk(
                        CblasRowMajor, CblasUpper, CblasTrans, Int32(p), Int32(rows), 1, x.baseAddress, Int32(p), 0,
                        g.baseAddress, Int32(p))
                }
                targets[node].withUnsafeBufferPointer { y in
                    moment[node].withUnsafeMutableBufferPointer { b in
                        cblas_dgemv(
                            CblasRowMajor, CblasTrans, Int32(rows), Int32(p), 1, x.baseAddress, Int32(p), y.baseAddress,
                            1, 0, b.baseAddress, 1)
                    }
                }
            }
            windows[node] = rows
        }
        // Children come after their parents: sum from the last node up.
        for node in stride(from: hierarchy.nodeCount - 1, through: 1, by: -1) {
            let up = hierarchy.parent[node]
            for k in 0..<(p * p) { gram[up][k] += gram[node][k] }
            for k in 0..<p { moment[up][k] += moment[node][k] }
            windows[up] += windows[node]
        }
        guard windows[0] > 0 else { return nil }
        var solved = [[Double]](repeating: [], count: hierarchy.nodeCount)
        for node in 0..<hierarchy.nodeCount {
            let up = hierarchy.parent[node]
            var a = gram[node]
            var b = moment[node]
            // Towards the level above; the panel towards 0, the random walk.
            let penalty = max(ridge, 1e-12)
            if up >= 0 {
                for k in 0..<p { b[k] += ridge * solved[up][k] }
            }
            // Symmetric: only the upper triangle was filled by dsyrk.
            for i in 0..<p {
                for j in 0..<i { a[i * p + j] = a[j * p + i] }
                a[i * p + i] += penalty
            }
            let info = LAPACKE_dposv(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "U")), Int32(p), 1, &a, Int32(p), &b, 1)
            if info != 0 || b.contains(where: { !$0.isFinite }) {
                solved[node] = up < 0 ? [Double](repeating: 0, count: p) : solved[up]
            } else {
                solved[node] = b
            }
        }
        return solved
    }

    /// The point forecasts of one series of the panel the fit came from.
    func points(_ y: [Double], series index: Int, scale: Double, fit: Fit, hierarchy: PanelHierarchy, horizon: Int)
        -> [Double]?
    {
        guard let last = y.last else { return nil }
        let node = hierarchy.indicatorNode[index]
        var row = [Double](repeating: 0, count: maximumOrder)
        return (1...max(1, horizon)).map { h in
            var order = min(y.count, maximumOrder)
            while order >= 1 {
                if h - 1 < fit.coefficients[order - 1].count, let nodes = fit.coefficients[order - 1][h - 1] {
                    features(y, end: y.count - 1, order: order, scale: scale, into: &row)
                    var change = 0.0
                    for k in 0..<order { change += row[k] * nodes[node][k] }
                    return last + scale * change
                }
                order -= 1
            }
            return last
        }
    }
}
