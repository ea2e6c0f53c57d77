// Damped's objective (ExponentialSmoothing.concentrated: the ETS(A,Ad,N) filter with its
// sensitivities to the initial states, then the residual pass) in lanes, outside the
// package: what pairing two evaluations in SIMD2<Double> would save (docs/
// performance-history.md, "Measured and not built: Damped's objective in two lanes").
// Not built by the package.
//
//     swiftc -O damped-lanes.swift -o damped-lanes && ./damped-lanes
//
// Prints ns per call, three rounds, for one series of 20 values:
//   scalar                 one evaluation, as the package runs it
//   paired                 two evaluations (two parameter triples) in the lanes
//   separate 12 + 20       a first-origin fit's trial (12 values) and a final fit's (20)
//   prefix-paired 12|20    the same two, in lanes for the first 12 values, the second's
//                          last 8 alone
//   forecast-chain         one evaluation with the recursion carried on the one-step
//                          forecast (a shorter dependency chain, other rounding)
// The filter is one generic type, specialised for Double and SIMD2<Double>, so each lane
// is the scalar's arithmetic and the lanes' sums equal the scalar's bits.
import Foundation

/// What the filter needs of a lane type: Double, or SIMD2<Double> for two evaluations.
protocol Lanes {
    init(repeating: Double)
    static var zero: Self { get }
    static func + (a: Self, b: Self) -> Self
    static func - (a: Self, b: Self) -> Self
    static func * (a: Self, b: Self) -> Self
    static func / (a: Self, b: Self) -> Self
    static func += (a: inout Self, b: Self)
    subscript(lane: Int) -> Double { get }
}
extension Double: Lanes {
    init(repeating value: Double) { self = value }
    subscript(lane: Int) -> Double { self }
}
extension SIMD2: Lanes where Scalar == Double {}

/// The filter's states and sums after some values (the package's loop, lane by lane).
struct Filter<V: Lanes> {
    var level: V, slope = V.zero
    var sl = V(repeating: 1), sb = V.zero, tl = V.zero, tb = V(repeating: 1)
    var dd = V.zero, dg = V.zero, gg = V.zero, de = V.zero, ge = V.zero

    init(first: Double) { level = V(repeating: first) }

    /// Runs values from..<to, storing the errors and responses in e0, d, g.
    @inline(__always)
    mutating func run(
        _ y: UnsafeBufferPointer<Double>, _ range: Range<Int>, alpha: V, beta: V, phi: V,
        _ e0: UnsafeMutablePointer<V>, _ d: UnsafeMutablePointer<V>, _ g: UnsafeMutablePointer<V>
    ) {
        for t in range {
            let error = V(repeating: y[t]) - (level + phi * slope)
            e0[t] = error
            let dl = sl + phi * sb
            let dgt = tl + phi * tb
            d[t] = dl
            g[t] = dgt
            dd += dl * dl
            dg += dl * dgt
            gg += dgt * dgt
            de += dl * error
            ge += dgt * error
            level = level + phi * slope + alpha * error
            slope = phi * slope + beta * error
            sl = sl + phi * sb - alpha * dl
            sb = phi * sb - beta * dl
            tl = tl + phi * tb - alpha * dgt
            tb = phi * tb - beta * dgt
        }
    }

    /// The sum of squares after the least-squares correction of the initial states.
    @inline(__always)
    func sumOfSquares(
        _ n: Int, _ e0: UnsafeMutablePointer<V>, _ d: UnsafeMutablePointer<V>, _ g: UnsafeMutablePointer<V>
    ) -> V {
        let schur = gg - dg * dg / dd
        let sc = (ge - dg / dd * de) / schur
        let lc = (de - dg * sc) / dd
        var sse = V.zero
        for t in 0..<n {
            let e = e0[t] - lc * d[t] - sc * g[t]
            sse += e * e
        }
        return sse
    }

    /// Lane k as a one-lane filter.
    func lane(_ k: Int) -> Filter<Double> {
        var one = Filter<Double>(first: 0)
        (one.level, one.slope, one.sl, one.sb, one.tl, one.tb) = (level[k], slope[k], sl[k], sb[k], tl[k], tb[k])
        (one.dd, one.dg, one.gg, one.de, one.ge) = (dd[k], dg[k], gg[k], de[k], ge[k])
        return one
    }
}

@inline(never)
func evaluate<V: Lanes>(
    _ y: UnsafeBufferPointer<Double>, _ alpha: V, _ beta: V, _ phi: V, _ st: UnsafeMutablePointer<V>
) -> V {
    let n = y.count
    var filter = Filter<V>(first: y[0])
    filter.run(y, 0..<n, alpha: alpha, beta: beta, phi: phi, st, st + n, st + 2 * n)
    return filter.sumOfSquares(n, st, st + n, st + 2 * n)
}

@inline(never)
func prefixPaired(
    _ y: UnsafeBufferPointer<Double>, _ m: Int, _ alpha: SIMD2<Double>, _ beta: SIMD2<Double>,
    _ phi: SIMD2<Double>, _ st: UnsafeMutablePointer<SIMD2<Double>>, _ s1: UnsafeMutablePointer<Double>
) -> SIMD2<Double> {
    let n = y.count
    var both = Filter<SIMD2<Double>>(first: y[0])
    both.run(y, 0..<m, alpha: alpha, beta: beta, phi: phi, st, st + n, st + 2 * n)
    var out = SIMD2<Double>.zero
    out[0] = both.sumOfSquares(m, st, st + n, st + 2 * n)[0]
    // Lane 1 goes on alone over the last n − m values.
    var second = both.lane(1)
    for t in 0..<m {
        s1[t] = st[t][1]
        s1[n + t] = st[n + t][1]
        s1[2 * n + t] = st[2 * n + t][1]
    }
    second.run(y, m..<n, alpha: alpha[1], beta: beta[1], phi: phi[1], s1, s1 + n, s1 + 2 * n)
    out[1] = second.sumOfSquares(n, s1, s1 + n, s1 + 2 * n)
    return out
}

/// The same filter with the recursion carried on the one-step forecast f = ℓ + φb:
/// f' = f + (α + φβ) e + φ² b (a shorter chain; other rounding).
@inline(never)
func forecastChain(
    _ y: UnsafeBufferPointer<Double>, _ alpha: Double, _ beta: Double, _ phi: Double, _ st: UnsafeMutablePointer<Double>
) -> Double {
    let n = y.count
    var filter = Filter<Double>(first: y[0])
    let e0 = st
    let d = st + n
    let g = st + 2 * n
    var f = y[0]
    let k = alpha + phi * beta
    let p2 = phi * phi
    for t in 0..<n {
        let error = y[t] - f
        e0[t] = error
        let dl = filter.sl + phi * filter.sb
        let dgt = filter.tl + phi * filter.tb
        d[t] = dl
        g[t] = dgt
        filter.dd += dl * dl
        filter.dg += dl * dgt
        filter.gg += dgt * dgt
        filter.de += dl * error
        filter.ge += dgt * error
        f = f + k * error + p2 * filter.slope
        filter.slope = phi * filter.slope + beta * error
        filter.sl = filter.sl + phi * filter.sb - alpha * dl
        filter.sb = phi * filter.sb - beta * dl
        filter.tl = filter.tl + phi * filter.tb - alpha * dgt
        filter.tb = phi * filter.tb - beta * dgt
    }
    return filter.sumOfSquares(n, e0, d, g)
}

func time(_ label: String, _ body: () -> Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let check = body()
    let ns = Double(DispatchTime.now().uptimeNanoseconds - start) / 2e6
    print(label, String(format: "%.1f ns", ns), check)
}

let y = (0..<20).map { 100 + 3 * Double($0) + 5 * sin(Double($0)) }
let y12 = Array(y[0..<12])
let st = UnsafeMutablePointer<Double>.allocate(capacity: 100)
let sv = UnsafeMutablePointer<SIMD2<Double>>.allocate(capacity: 100)
let s1 = UnsafeMutablePointer<Double>.allocate(capacity: 100)
typealias V2 = SIMD2<Double>
y.withUnsafeBufferPointer { yb in
    y12.withUnsafeBufferPointer { y12b in
        for _ in 0..<3 {
            time("scalar") {
                (0..<2_000_000).reduce(0.0) { $0 + evaluate(yb, 0.3 + Double($1 & 7) * 0.01, 0.05, 0.95, st) }
            }
            time("paired") {
                let sum = (0..<2_000_000).reduce(V2.zero) {
                    $0 + evaluate(yb, V2(0.3 + Double($1 & 7) * 0.01, 0.4), V2(0.05, 0.06), V2(0.95, 0.9), sv)
                }
                return sum[0]
            }
            time("separate 12 + 20") {
                (0..<2_000_000).reduce(0.0) {
                    $0 + evaluate(y12b, 0.3 + Double($1 & 7) * 0.01, 0.05, 0.95, st) + evaluate(yb, 0.4, 0.06, 0.9, st)
                }
            }
            time("prefix-paired 12|20") {
                let sum = (0..<2_000_000).reduce(V2.zero) {
                    $0
                        + prefixPaired(
                            yb, 12, V2(0.3 + Double($1 & 7) * 0.01, 0.4), V2(0.05, 0.06), V2(0.95, 0.9), sv, s1)
                }
                return sum[0] + sum[1]
            }
            time("forecast-chain") {
                (0..<2_000_000).reduce(0.0) { $0 + forecastChain(yb, 0.3 + Double($1 & 7) * 0.01, 0.05, 0.95, st) }
            }
        }
    }
}
