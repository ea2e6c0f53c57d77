/// Why a least-squares problem could not be solved.
public enum LinearAlgebraError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Fewer observations than parameters.
    case tooFewObservations(observations: Int, parameters: Int)
    /// The design's columns are linearly dependent to working precision. `columns`
    /// are the indices (0-based, in the caller's column order) that pivoted QR found
    /// to lie in the span of the others.
    case rankDeficient(rank: Int, columns: [Int])
    /// A value of the design or the response is NaN or infinite.
    case nonFinite
    /// LAPACK reported an error (its `info` value) in the named routine.
    case lapack(routine: String, info: Int)

    public var description: String {
        switch self {
        case .tooFewObservations(let n, let p):
            return "\(n) observations cannot determine \(p) parameters"
        case .rankDeficient(let rank, let columns):
            return "the design has rank \(rank): columns \(columns) are collinear with the others"
        case .nonFinite:
            return "the data contain a value that is not finite"
        case .lapack(let routine, let info) where info > 0:
            return
                "the system is singular: pivot \(info) of the triangular factor is zero, so the terms are collinear (LAPACK \(routine))"
        case .lapack(let routine, let info):
            return
                "the linear-algebra library refused argument \(-info) of \(routine) (a problem of this size or shape that Prognos should have caught; please report it with the input)"
        }
    }
}
