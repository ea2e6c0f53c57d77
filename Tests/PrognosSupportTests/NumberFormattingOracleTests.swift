import Foundation
import Testing

@testable import PrognosSupport

/// ``NumberFormatting/plain(_:)-(Double)`` rounds to 15 significant digits from the
/// shortest round-trip digits; the oracle is C's `printf("%.15g")`, read back and printed
/// by ``NumberFormatting/exact(_:)``, which is what it computed before.
@Suite struct NumberFormattingOracleTests {
    static func reference(_ value: Double) -> String {
        guard value.isFinite else { return "" }
        let rounded = Double(String(format: "%.15g", value)) ?? value
        // printf's 15 digits of the values next to the largest double read back as ∞: those
        // are written with their own shortest digits (an empty cell would lose them; a chart
        // line drew nothing: FuzzRuns, a target of 1.7976931348623157e308).
        return rounded.isFinite ? NumberFormatting.exact(rounded) : NumberFormatting.exact(value)
    }

    @Test func agreesWithPrintfOnRandomBitPatterns() {
        var random = SplitMix64(seed: 15)
        var checked = 0
        while checked < 100_000 {
            let value = Double(bitPattern: random.next())
            guard value.isFinite else { continue }
            #expect(NumberFormatting.plain(value) == Self.reference(value), "\(value)")
            checked += 1
        }
    }

    @Test func agreesWithPrintfOnComputedValuesOfEveryMagnitude() {
        var random = SplitMix64(seed: 16)
        for _ in 0..<100_000 {
            // Values like a forecast or a probability: full precision, magnitudes 1e-8…1e12.
            let magnitude = Foundation.pow(10, Double(Int(random.next() % 21)) - 8)
            let value = (random.nextUnit() - 0.3) * magnitude
            #expect(NumberFormatting.plain(value) == Self.reference(value), "\(value)")
        }
    }

    @Test func agreesWithPrintfAcrossFixedNotation() {
        var random = SplitMix64(seed: 18)
        for _ in 0..<200_000 {
            // Full-precision values from 10⁻⁵ to 10¹⁶, the range printed without an exponent
            // and its borders, some of them rounding up to a power of ten.
            let exponent = Double(Int(random.next() % 22)) - 5
            var value = (random.nextUnit() + 0.05) * Foundation.pow(10, exponent)
            if random.next() % 8 == 0 { value = Foundation.pow(10, exponent) * (1 - random.nextUnit() * 1e-15) }
            if random.next() % 2 == 0 { value = -value }
            #expect(NumberFormatting.plain(value) == Self.reference(value), "\(value)")
        }
    }

    @Test func agreesWithPrintfAtAndNearHalfwayCases() {
        var random = SplitMix64(seed: 17)
        for _ in 0..<50_000 {
            // A 16-digit decimal ending in 5: the double nearest to it, and its neighbours.
            var digits = String(1 + random.next() % 9)
            for _ in 0..<14 { digits += String(random.next() % 10) }
            digits += "5"
            let exponent = Int(random.next() % 40) - 20
            guard let tie = Double("0.\(digits)e\(exponent)") else { continue }
            for value in [tie, tie.nextUp, tie.nextDown, -tie, 1 / tie] {
                #expect(NumberFormatting.plain(value) == Self.reference(value), "\(value)")
            }
        }
    }

    /// The byte writers used by summary.json: numbers against printf, integers against `String`.
    @Test func appendedBytesEqualTheStrings() {
        var random = SplitMix64(seed: 19)
        for k in 0..<100_000 {
            let value =
                k % 2 == 0
                ? Double(bitPattern: random.next())
                : (random.nextUnit() - 0.3) * Foundation.pow(10, Double(Int(random.next() % 21)) - 8)
            var bytes: [UInt8] = []
            NumberFormatting.appendPlain(value, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == Self.reference(value), "\(value)")
            let integer = Int(bitPattern: UInt(random.next())) >> Int(random.next() % 64)
            bytes.removeAll()
            NumberFormatting.appendInteger(integer, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == String(integer))
        }
        for integer in [0, 1, -1, 9, 10, -10, Int.max, Int.min] {
            var bytes: [UInt8] = []
            NumberFormatting.appendInteger(integer, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == String(integer))
        }
    }

    @Test func edgeValues() {
        let values: [Double] = [
            0, -0.0, 1, -1, 72, 0.1 + 0.2, 1e-5, 1.2345e-5, 9.999999999999999, 99999999999999.99, 0.30000000000000004,
            .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude, 1e16, 123_456_789_012_345_680,
            9_007_199_254_740_992, 0.000123, Double(bitPattern: 1), 1.7976931348623157e308,
            // The ends of fixed notation, where 15 rounded digits are printed directly.
            0.0001, 0.00009999999999999999, 0.000099999999999999995, 0.00010000000000000002, -0.00012345678901234567,
            999_999_999_999_999.9, 99_999_999_999_999.97, 12_345_678_901_234.56, 1e15 - 0.3, 0.9999999999999999,
            -0.99999999999999994, 71.99999999999999, 72.00000000000001, 0.30000000000000004, 1.0000000000000002,
        ]
        for value in values {
            #expect(NumberFormatting.plain(value) == Self.reference(value), "\(value)")
        }
        #expect(NumberFormatting.plain(.greatestFiniteMagnitude) == "1.7976931348623157e+308")
        #expect(NumberFormatting.plain(-.greatestFiniteMagnitude) == "-1.7976931348623157e+308")
        #expect(NumberFormatting.plain(Double.nan) == "")
        #expect(NumberFormatting.plain(-Double.infinity) == "")
    }
}
