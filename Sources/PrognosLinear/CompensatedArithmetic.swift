/// Error-free transformations and compensated sums and dot products: results as
/// accurate as if computed in twice the working precision, then rounded once.
///
/// - `twoSum(a, b)` returns s = fl(a + b) and the exact error e with a + b = s + e
///   (Knuth's TwoSum, branch-free).
/// - `twoProduct(a, b)` returns p = fl(a·b) and e with a·b = p + e exactly, using a
///   fused multiply-add.
/// - `dot2` is Ogita, Rump and Oishi's Dot2 ("Accurate sum and dot product", SIAM J.
///   Sci. Comput. 26(6), 2005): its error is bounded by ε|xᵀy| + γ²ₙ|x|ᵀ|y|, i.e. the
///   condition number of the dot product enters only with ε².
///
/// Least-squares refinement computes its residuals with these, so that the residual
/// of a nearly cancelling sum (a polynomial design's columns) is still accurate.
public enum CompensatedArithmetic {
    @inlinable
    public static func twoSum(_ a: Double, _ b: Double) -> (sum: Double, error: Double) {
        let s = a + b
        let bVirtual = s - a
        let aVirtual = s - bVirtual
        return (s, (a - aVirtual) + (b - bVirtual))
    }

    @inlinable
    public static func twoProduct(_ a: Double, _ b: Double) -> (product: Double, error: Double) {
        let p = a * b
        return (p, (-p).addingProduct(a, b))
    }

    /// Σ xᵢ yᵢ + Σ extraᵢ in twice the working precision, rounded once.
    @inlinable
    public static func dot2(
        _ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>, plus extra: [Double] = []
    ) -> Double {
        var sum = 0.0
        var compensation = 0.0
        for i in 0..<min(x.count, y.count) {
            let (p, pe) = twoProduct(x[i], y[i])
            let (s, se) = twoSum(sum, p)
            sum = s
            compensation += pe + se
        }
        for value in extra {
            let (s, se) = twoSum(sum, value)
            sum = s
            compensation += se
        }
        return sum + compensation
    }

    /// Σ xᵢ in twice the working precision, rounded once (Ogita–Rump–Oishi Sum2).
    @inlinable
    public static func sum2<C: Collection>(_ values: C) -> Double where C.Element == Double {
        var sum = 0.0
        var compensation = 0.0
        for value in values {
            let (s, e) = twoSum(sum, value)
            sum = s
            compensation += e
        }
        return sum + compensation
    }

    /// Σ xᵢ² in twice the working precision, rounded once.
    @inlinable
    public static func sumOfSquares<C: Collection>(_ values: C) -> Double where C.Element == Double {
        var sum = 0.0
        var compensation = 0.0
        for value in values {
            let (p, pe) = twoProduct(value, value)
            let (s, se) = twoSum(sum, p)
            sum = s
            compensation += pe + se
        }
        return sum + compensation
    }
}
