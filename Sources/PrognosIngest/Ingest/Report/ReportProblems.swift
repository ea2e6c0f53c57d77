/// What the report reader could not use, sorted by what it means for the data: rejected
/// cells, rows and checkpoints were left out (a strict read fails on them); warnings
/// point at things read as they are or skipped as not data (a table of another kind).
struct ReportProblems {
    var rejected: [Diagnostic] = []
    var warnings: [Diagnostic] = []
}
