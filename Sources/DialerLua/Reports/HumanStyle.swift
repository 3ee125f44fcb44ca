/// How the human report marks outcomes. Plain words by default; the command line swaps in
/// colour and symbols when it writes to a terminal.
public protocol HumanStyle: Sendable {
    /// The mark before a scenario's name, with its spacing: `ok    `, `FAIL  `.
    func label(_ outcome: ScenarioOutcome) -> String
    /// Secondary lines: the header, the last events, what a scenario printed.
    func detail(_ text: String) -> String
    /// The closing `N passed, N failed` line; `outcome` is the worst one in the suite.
    func summary(_ text: String, worst outcome: ScenarioOutcome) -> String
}

/// Plain text: what a file, a pipe or `NO_COLOR` gets, byte for byte the same on every run.
public struct PlainStyle: HumanStyle {
    /// Makes the plain style.
    public init() {}

    /// `ok    `, `FAIL  `, `ERROR  `, `skip  `.
    public func label(_ outcome: ScenarioOutcome) -> String {
        switch outcome {
        case .passed: "ok    "
        case .failed: "FAIL  "
        case .error: "ERROR  "
        case .skipped: "skip  "
        }
    }

    /// The text as it is.
    public func detail(_ text: String) -> String { text }

    /// The text as it is.
    public func summary(_ text: String, worst outcome: ScenarioOutcome) -> String { text }
}
