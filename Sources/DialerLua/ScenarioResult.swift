/// How one scenario file ended.
public enum ScenarioVerdict: Sendable, Equatable {
    /// Every assertion held.
    case passed
    /// An assertion failed: `file:line: expected …, got …`.
    case failed(String)
    /// The file, its rules or an event raised an error (Lua error with file:line, rule error).
    case error(String)
}

/// The outcome of replaying one scenario file.
public struct ScenarioResult: Sendable {
    /// The scenario file.
    public var file: String
    /// Its `scenario "…"` title, if it gave one.
    public var title: String?
    /// Passed, failed or error.
    public var verdict: ScenarioVerdict
    /// The last few events before the end, one line each, oldest first.
    public var recentEvents: [String]
    /// What the scenario printed with `print`.
    public var printed: [String]
    /// How often each matrix cell was decided, by `MatrixCell.index`.
    public var cellCounts: [Int]

    /// Whether it passed.
    public var passed: Bool { verdict == .passed }
}
