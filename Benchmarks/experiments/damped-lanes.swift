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
// Each lane is the scalar's arithmetic, so the lanes' sums equal the scalar's bits.
import Foundation
@inline(never)
func scalar(_ y: UnsafeBufferPointer<Double>, _ alpha: Double, _ beta: Double, _ phi: Double, _ st: UnsafeMutablePointer<Double>) -> Double {
    let n = y.count
    let e0 = st, d = st + n, g = st + 2*n
    let reference = y[0]
    var level = reference, slope = 0.0
    var sl = 1.0, sb = 0.0, tl = 0.0, tb = 1.0
    var dd = 0.0, dg = 0.0, gg = 0.0, de = 0.0, ge = 0.0
    for t in 0..<n {
        let error = y[t] - (level + phi * slope)
        e0[t] = error
        let dl = sl + phi * sb
        let dgt = tl + phi * tb
        d[t] = dl; g[t] = dgt
        dd += dl * dl; dg += dl * dgt; gg += dgt * dgt; de += dl * error; ge += dgt * error
        level = level + phi * slope + alpha * error
        slope = phi * slope + beta * error
        sl = sl + phi * sb - alpha * dl
        sb = phi * sb - beta * dl
        tl = tl + phi * tb - alpha * dgt
        tb = phi * tb - beta * dgt
    }
    let schur = gg - dg * dg / dd
    let sc = (ge - dg / dd * de) / schur
    let lc = (de - dg * sc) / dd
    var sse = 0.0
    for t in 0..<n { let e = e0[t] - lc * d[t] - sc * g[t]; sse += e * e }
    return sse
}
typealias V = SIMD2<Double>
@inline(never)
func paired(_ y: UnsafeBufferPointer<Double>, _ alpha: V, _ beta: V, _ phi: V, _ st: UnsafeMutablePointer<V>) -> V {
    let n = y.count
    let e0 = st, d = st + n, g = st + 2*n
    let reference = V(repeating: y[0])
    var level = reference, slope = V.zero
    var sl = V(repeating: 1), sb = V.zero, tl = V.zero, tb = V(repeating: 1)
    var dd = V.zero, dg = V.zero, gg = V.zero, de = V.zero, ge = V.zero
    for t in 0..<n {
        let yt = V(repeating: y[t])
        let error = yt - (level + phi * slope)
        e0[t] = error
        let dl = sl + phi * sb
        let dgt = tl + phi * tb
        d[t] = dl; g[t] = dgt
        dd += dl * dl; dg += dl * dgt; gg += dgt * dgt; de += dl * error; ge += dgt * error
        level = level + phi * slope + alpha * error
        slope = phi * slope + beta * error
        sl = sl + phi * sb - alpha * dl
        sb = phi * sb - beta * dl
        tl = tl + phi * tb - alpha * dgt
        tb = phi * tb - beta * dgt
    }
    let schur = gg - dg * dg / dd
    let sc = (ge - dg / dd * de) / schur
    let lc = (de - dg * sc) / dd
    var sse = V.zero
    for t in 0..<n { let e = e0[t] - lc * d[t] - sc * g[t]; sse += e * e }
    return sse
}
let y = (0..<20).map { 100 + 3 * Double($0) + 5 * sin(Double($0)) }

@inline(never)
func prefixPaired(_ y: UnsafeBufferPointer<Double>, _ m: Int, _ alpha: V, _ beta: V, _ phi: V, _ st: UnsafeMutablePointer<V>, _ s1: UnsafeMutablePointer<Double>) -> V {
    let n = y.count
    let e0 = st, d = st + n, g = st + 2*n
    let reference = V(repeating: y[0])
    var level = reference, slope = V.zero
    var sl = V(repeating: 1), sb = V.zero, tl = V.zero, tb = V(repeating: 1)
    var dd = V.zero, dg = V.zero, gg = V.zero, de = V.zero, ge = V.zero
    for t in 0..<m {
        let yt = V(repeating: y[t])
        let error = yt - (level + phi * slope)
        e0[t] = error
        let dl = sl + phi * sb
        let dgt = tl + phi * tb
        d[t] = dl; g[t] = dgt
        dd += dl * dl; dg += dl * dgt; gg += dgt * dgt; de += dl * error; ge += dgt * error
        level = level + phi * slope + alpha * error
        slope = phi * slope + beta * error
        sl = sl + phi * sb - alpha * dl
        sb = phi * sb - beta * dl
        tl = tl + phi * tb - alpha * dgt
        tb = phi * tb - beta * dgt
    }
    // lane 0 result
    var out = V.zero
    do {
        let schur = gg[0] - dg[0] * dg[0] / dd[0]
        let sc = (ge[0] - dg[0] / dd[0] * de[0]) / schur
        let lc = (de[0] - dg[0] * sc) / dd[0]
        var sse = 0.0
        for t in 0..<m { let e = e0[t][0] - lc * d[t][0] - sc * g[t][0]; sse += e * e }
        out[0] = sse
    }
    // lane 1 tail, scalar
    let a = alpha[1], b = beta[1], p = phi[1]
    var L = level[1], S = slope[1], SL = sl[1], SB = sb[1], TL = tl[1], TB = tb[1]
    var DD = dd[1], DG = dg[1], GG = gg[1], DE = de[1], GE = ge[1]
    let E0 = s1, D = s1 + n, G = s1 + 2*n
    for t in 0..<m { E0[t] = e0[t][1]; D[t] = d[t][1]; G[t] = g[t][1] }
    for t in m..<n {
        let error = y[t] - (L + p * S)
        E0[t] = error
        let dl = SL + p * SB
        let dgt = TL + p * TB
        D[t] = dl; G[t] = dgt
        DD += dl * dl; DG += dl * dgt; GG += dgt * dgt; DE += dl * error; GE += dgt * error
        L = L + p * S + a * error
        S = p * S + b * error
        SL = SL + p * SB - a * dl
        SB = p * SB - b * dl
        TL = TL + p * TB - a * dgt
        TB = p * TB - b * dgt
    }
    let schur = GG - DG * DG / DD
    let sc = (GE - DG / DD * DE) / schur
    let lc = (DE - DG * sc) / DD
    var sse = 0.0
    for t in 0..<n { let e = E0[t] - lc * D[t] - sc * G[t]; sse += e * e }
    out[1] = sse
    return out
}
@inline(never)
func fast(_ y: UnsafeBufferPointer<Double>, _ alpha: Double, _ beta: Double, _ phi: Double, _ st: UnsafeMutablePointer<Double>) -> Double {
    // chain on the one-step forecast: f' = f + (α+φβ) e + φ² b ... approximate variant
    let n = y.count
    let e0 = st, d = st + n, g = st + 2*n
    var f = y[0], slope = 0.0
    var sl = 1.0, sb = 0.0, tl = 0.0, tb = 1.0
    var dd = 0.0, dg = 0.0, gg = 0.0, de = 0.0, ge = 0.0
    let k = alpha + phi * beta, p2 = phi * phi
    for t in 0..<n {
        let error = y[t] - f
        e0[t] = error
        let dl = sl + phi * sb
        let dgt = tl + phi * tb
        d[t] = dl; g[t] = dgt
        dd += dl * dl; dg += dl * dgt; gg += dgt * dgt; de += dl * error; ge += dgt * error
        f = f + k * error + p2 * slope
        slope = phi * slope + beta * error
        sl = sl + phi * sb - alpha * dl
        sb = phi * sb - beta * dl
        tl = tl + phi * tb - alpha * dgt
        tb = phi * tb - beta * dgt
    }
    let schur = gg - dg * dg / dd
    let sc = (ge - dg / dd * de) / schur
    let lc = (de - dg * sc) / dd
    var sse = 0.0
    for t in 0..<n { let e = e0[t] - lc * d[t] - sc * g[t]; sse += e * e }
    return sse
}
let y12 = Array(y[0..<12])
let st = UnsafeMutablePointer<Double>.allocate(capacity: 100)
let sv = UnsafeMutablePointer<V>.allocate(capacity: 100)
y.withUnsafeBufferPointer { yb in
  for _ in 0..<3 {
    var acc = 0.0
    var t0 = DispatchTime.now().uptimeNanoseconds
    for i in 0..<2_000_000 { acc += scalar(yb, 0.3 + Double(i & 7) * 0.01, 0.05, 0.95, st) }
    var t1 = DispatchTime.now().uptimeNanoseconds
    print("scalar ns/call", Double(t1 - t0) / 2e6, acc)
    var accv = V.zero
    t0 = DispatchTime.now().uptimeNanoseconds
    for i in 0..<2_000_000 { accv += paired(yb, V(0.3 + Double(i & 7) * 0.01, 0.4), V(0.05, 0.06), V(0.95, 0.9), sv) }
    t1 = DispatchTime.now().uptimeNanoseconds
    print("paired ns/call", Double(t1 - t0) / 2e6, accv)
    let s1 = UnsafeMutablePointer<Double>.allocate(capacity: 100)
    var acc2 = 0.0
    t0 = DispatchTime.now().uptimeNanoseconds
    y12.withUnsafeBufferPointer { y12b in
    for i in 0..<2_000_000 { acc2 += scalar(y12b, 0.3 + Double(i & 7) * 0.01, 0.05, 0.95, st) + scalar(yb, 0.4, 0.06, 0.9, st) }
    }
    t1 = DispatchTime.now().uptimeNanoseconds
    print("separate 12 + 20 ns", Double(t1 - t0) / 2e6, acc2)
    var acc3 = V.zero
    t0 = DispatchTime.now().uptimeNanoseconds
    for i in 0..<2_000_000 { acc3 += prefixPaired(yb, 12, V(0.3 + Double(i & 7) * 0.01, 0.4), V(0.05, 0.06), V(0.95, 0.9), sv, s1) }
    t1 = DispatchTime.now().uptimeNanoseconds
    print("prefix-paired 12|20 ns", Double(t1 - t0) / 2e6, acc3[0] + acc3[1])
    var acc4 = 0.0
    t0 = DispatchTime.now().uptimeNanoseconds
    for i in 0..<2_000_000 { acc4 += fast(yb, 0.3 + Double(i & 7) * 0.01, 0.05, 0.95, st) }
    t1 = DispatchTime.now().uptimeNanoseconds
    print("forecast-chain ns/call", Double(t1 - t0) / 2e6, acc4)
  }
}
