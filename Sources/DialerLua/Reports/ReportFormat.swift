/// The report formats of `dialer replay --format`.
public enum ReportFormat: String, CaseIterable, Sendable, CustomStringConvertible {
    /// Lines for a person: `ok`/`FAIL`/`ERROR`/`skip` per scenario, last `N passed, N failed`.
    case human
    /// JUnit XML, one `testsuite` per file, for CI systems.
    case junit
    /// TAP version 13, which `prove` and TAP 14 readers both take.
    case tap
    /// One JSON document with every detail, the seed and (with coverage) the grid.
    case json

    /// The name as written on the command line.
    public var description: String { rawValue }

    /// The report for this format. `coverage` adds the grid and the threshold (human, TAP,
    /// JSON); `style` colours the human report.
    public func report(coverage: CoverageRequest = CoverageRequest(), style: any HumanStyle = PlainStyle()) -> any ScenarioReport {
        switch self {
        case .human: HumanReport(coverage: coverage, style: style)
        case .junit: JUnitReport()
        case .tap: TAPReport(coverage: coverage)
        case .json: JSONReport(coverage: coverage)
        }
    }
}
