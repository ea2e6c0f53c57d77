import Foundation
import Testing

@testable import PrognosForecast

/// The adaptive Nelder–Mead of the `dotm` method (Gao & Han 2012 coefficients, 5 % start
/// steps, a standard-deviation stop): known minima, the box, and where it starts.
@Suite struct AdaptiveNelderMeadTests {
    /// Rosenbrock's valley from its classic start (−1.2, 1): the minimum (1, 1).
    @Test func findsTheRosenbrockMinimum() {
        let optimizer = AdaptiveNelderMead(lower: [-5, -5], upper: [5, 5], tolerance: 1e-16, maximumIterations: 5000)
        let (point, value) = optimizer.minimize(start: AdaptiveNelderMead.Point(-1.2, 1, 0, 0)) { x in
            let a = 1 - x[0]
            let b = x[1] - x[0] * x[0]
            return a * a + 100 * b * b
        }
        #expect(abs(point[0] - 1) < 1e-4 && abs(point[1] - 1) < 1e-4, "\(point)")
        #expect(value < 1e-8)
    }

    /// A convex quadratic in four parameters whose minimum lies outside the box in one
    /// coordinate: the others reach theirs and that one stops at its bound.
    @Test func aMinimumOutsideTheBoxEndsOnTheBound() {
        let target = AdaptiveNelderMead.Point(0.3, -2, 7, 1.5)
        let optimizer = AdaptiveNelderMead(
            lower: [-10, -5, 0, 0], upper: [10, 5, 5, 5], tolerance: 1e-18, maximumIterations: 20_000)
        var outside = false
        let (point, _) = optimizer.minimize(start: AdaptiveNelderMead.Point(0.5, 1, 1, 1)) { x in
            if x[2] > 5 { outside = true }
            let d = x - target
            return (d * d * AdaptiveNelderMead.Point(1, 2, 3, 4)).sum()
        }
        #expect(!outside)
        #expect(point[2] == 5)
        #expect(abs(point[0] - 0.3) < 1e-5 && abs(point[1] + 2) < 1e-5 && abs(point[3] - 1.5) < 1e-5, "\(point)")
    }

    /// The start simplex is the start and the start times 1.05 on each axis (10⁻⁴ for a
    /// zero coordinate); a tolerance wider than its spread stops there, at its best vertex.
    @Test func startsFromFivePercentStepsAndStopsOnTheSpread() {
        var evaluated: [AdaptiveNelderMead.Point] = []
        let optimizer = AdaptiveNelderMead(lower: [-10, -10], upper: [10, 10], tolerance: 1e3)
        let (point, value) = optimizer.minimize(start: AdaptiveNelderMead.Point(2, 0, 0, 0)) { x in
            evaluated.append(x)
            return x[0] * x[0] + x[1] * x[1]
        }
        #expect(evaluated == [.init(2.1, 0, 0, 0), .init(2, 1e-4, 0, 0), .init(2, 0, 0, 0)])
        #expect(point == AdaptiveNelderMead.Point(2, 0, 0, 0) && value == 4)
    }
}

extension AdaptiveNelderMeadTests {
    /// The same quadratic in a box that is tight on the first coordinate: an early
    /// expansion clamps every vertex to its lower bound 0, and the search stays on that
    /// face (documented in the type: the published search behaves the same).
    @Test func clampingCanHoldACoordinateOnItsBound() {
        let target = AdaptiveNelderMead.Point(0.3, -2, 7, 1.5)
        let optimizer = AdaptiveNelderMead(
            lower: [0, -5, 0, 0], upper: [1, 5, 5, 5], tolerance: 1e-18, maximumIterations: 20_000)
        let (point, _) = optimizer.minimize(start: AdaptiveNelderMead.Point(0.5, 1, 1, 1)) { x in
            let d = x - target
            return (d * d * AdaptiveNelderMead.Point(1, 2, 3, 4)).sum()
        }
        #expect(point[0] == 0)
        #expect(abs(point[1] + 2) < 1e-5 && point[2] == 5 && abs(point[3] - 1.5) < 1e-5, "\(point)")
    }
}
