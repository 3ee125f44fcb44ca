/// How one scenario ended.
public enum ScenarioVerdict: Sendable, Equatable {
    /// Every assertion held.
    case passed
    /// An assertion failed: `file:line: expected …, got …`.
    case failed(String)
    /// The file, its rules or an event raised an error (Lua error with file:line, rule error).
    case error(String)
    /// The scenario called `skip(reason)`; the reason.
    case skipped(String)
}

/// A verdict without its message: what reports count and colour.
public enum ScenarioOutcome: String, Sendable, Equatable, CaseIterable {
    /// Every assertion held.
    case passed
    /// An assertion failed.
    case failed
    /// An error stopped the scenario.
    case error
    /// The scenario skipped itself.
    case skipped
}

/// The outcome of replaying one scenario: a whole file, or one `case` of a file that has cases.
public struct ScenarioResult: Sendable {
    /// The scenario file.
    public var file: String
    /// Its `scenario "…"` title, if it gave one.
    public var title: String?
    /// The `case(name, fn)` this result is for; nil for a file without cases.
    public var caseName: String?
    /// Passed, failed, error or skipped.
    public var verdict: ScenarioVerdict
    /// The scenario file's line where it failed, raised its error or skipped, when known.
    public var line: Int?
    /// Wall-clock seconds the replay took (never shown in the human report, which stays byte-identical).
    public var duration: Double
    /// The last few events before the end, one line each, oldest first.
    public var recentEvents: [String]
    /// What the scenario printed with `print`.
    public var printed: [String]
    /// How often each matrix cell was decided, by `MatrixCell.index`.
    public var cellCounts: [Int]
    /// The rule files the scenario loaded (as resolved), so a watcher knows what to watch.
    public var ruleFiles: [String]

    /// Whether it passed.
    public var passed: Bool { verdict == .passed }

    /// Whether it failed or raised an error: what `--fail-fast` stops at.
    public var isFailure: Bool { outcome == .failed || outcome == .error }

    /// The verdict without its message.
    public var outcome: ScenarioOutcome {
        switch verdict {
        case .passed: .passed
        case .failed: .failed
        case .error: .error
        case .skipped: .skipped
        }
    }

    /// The failure, error or skip message; nil when it passed.
    public var message: String? {
        switch verdict {
        case .passed: nil
        case .failed(let text), .error(let text), .skipped(let text): text
        }
    }

    /// File, title and case: what `--filter` matches and `--list` prints.
    public var name: ScenarioName { ScenarioName(file: file, title: title, caseName: caseName) }
}
