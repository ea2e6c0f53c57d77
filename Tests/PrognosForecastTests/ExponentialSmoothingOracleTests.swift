import Foundation
import PrognosTestSupport
import Testing

@testable import PrognosForecast

/// Simple exponential smoothing's least-squares fit against outside oracles on every
/// tenth M3 yearly series (`Fixtures/ses-oracles.json`, made by
/// `Scripts/fixtures/make_ses_fixtures.py`): scipy's global minimum of the concentrated
/// sum of squares over α ∈ [10⁻⁴, 0.9999], and statsmodels' ExponentialSmoothing fit.
@Suite struct ExponentialSmoothingOracleTests {
    // The fields are the fixture's JSON keys (Scripts/fixtures/make_ses_fixtures.py).
    // swift-format-ignore: AlwaysUseLowerCamelCase
    struct Case: Decodable {
        var id: String
        var y: [Double]
        var alpha: Double
        var initial_level: Double
        var sse: Double
        var local_minima: Int
        var statsmodels_alpha: Double
        var statsmodels_sse: Double
    }

    struct Fixture: Decodable {
        var cases: [Case]
    }

    static let cases: [Case] = TestSupport.jsonFixture("ses-oracles.json", as: Fixture.self)?.cases ?? []

    @Test func fixtureIsThere() {
        #expect(Self.cases.count == 65)
        // Both kinds of case are present: minima inside the box and at its upper end.
        #expect(Self.cases.contains { $0.local_minima == 1 })
        #expect(Self.cases.contains { $0.alpha == 0.9999 })
    }

    /// Where the sum of squares has one valley (or none: its minimum at an end), Brent's
    /// method must find scipy's global minimum: α to 10⁻⁴, the sum of squares to 10⁻⁸
    /// relative (at an end, α is approached to within its tolerance, 2 × 10⁻⁵).
    @Test func brentFindsTheGlobalMinimumOfOneValley() throws {
        for c in Self.cases where c.local_minima <= 1 {
            let fit = try #require(ExponentialSmoothing(trend: .none).fit(c.y))
            #expect(abs(fit.alpha - c.alpha) <= 1e-4, "\(c.id): α \(fit.alpha) against \(c.alpha)")
            #expect(
                fit.sumOfSquaredErrors <= c.sse * (1 + 1e-8), "\(c.id): SSE \(fit.sumOfSquaredErrors) against \(c.sse)")
            #expect(abs(fit.initialLevel - c.initial_level) <= 1e-3 * max(1, abs(c.initial_level)), "\(c.id)")
        }
    }

    /// Where statsmodels' α lies inside the box (its own is [0, 1]), its fit is no better
    /// than Prognos's, and the two agree on α.
    @Test func noWorseThanStatsmodels() throws {
        let inside = Self.cases.filter { $0.statsmodels_alpha > 1e-4 && $0.statsmodels_alpha < 0.9999 }
        #expect(inside.count >= 10)
        for c in inside {
            let fit = try #require(ExponentialSmoothing(trend: .none).fit(c.y))
            #expect(
                fit.sumOfSquaredErrors <= c.statsmodels_sse * (1 + 1e-8),
                "\(c.id): \(fit.sumOfSquaredErrors) against \(c.statsmodels_sse)")
            #expect(
                abs(fit.alpha - c.statsmodels_alpha) <= 1e-4, "\(c.id): α \(fit.alpha) against \(c.statsmodels_alpha)")
        }
    }
}
