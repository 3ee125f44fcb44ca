import DialerCore
import Foundation

/// The report for a person: a header with the seed, one line per scenario (the message and
/// the last events under a failure), the coverage grid if asked, and last
/// `N passed, N failed` (`, N skipped` when something was skipped). Nothing in it varies from
/// run to run: the same files and seed give the same bytes.
public struct HumanReport: ScenarioReport {
    /// Whether to print the grid and the threshold.
    public var coverage: CoverageRequest
    /// Words or colours.
    public var style: any HumanStyle

    /// Makes the report.
    public init(coverage: CoverageRequest = CoverageRequest(), style: any HumanStyle = PlainStyle()) {
        self.coverage = coverage
        self.style = style
    }

    /// The report text.
    public func render(_ suite: ScenarioSuite) -> String {
        let fileCount = suite.files.count
        var out = [style.detail("replaying \(fileCount) file\(fileCount == 1 ? "" : "s") (seed \(suite.seed))")]
        for result in suite.results {
            out.append(style.label(result.outcome) + result.name.description)
            if let message = result.message {
                out.append(contentsOf: message.split(separator: "\n", omittingEmptySubsequences: false).map { "      \($0)" })
            }
            if result.isFailure && !result.recentEvents.isEmpty {
                out.append(style.detail("      last events:"))
                out.append(contentsOf: result.recentEvents.map { style.detail("        \($0)") })
            }
            out.append(contentsOf: result.printed.map { style.detail("      | \($0)") })
        }
        if coverage.isRequested { out.append(contentsOf: grid(suite.coverage)) }
        if !suite.notRun.isEmpty {
            out.append("stopped at the first failure (--fail-fast): \(suite.notRun.count) file\(suite.notRun.count == 1 ? "" : "s") not run")
        }
        let worst = [ScenarioOutcome.error, .failed, .skipped].first { suite.count($0) > 0 } ?? .passed
        out.append(style.summary(suite.summaryLine, worst: worst))
        return out.joined(separator: "\n") + "\n"
    }

    /// The status × event grid with how often each cell fired.
    private func grid(_ coverage: ScenarioCoverage) -> [String] {
        let events = EventKind.allCases.map(\.rawValue)
        let widths = events.map { max($0.count, 5) }
        var lines = ["", "coverage: how often each status × event cell was decided"]
        lines.append("status    " + zip(events, widths).map { pad($0, $1) }.joined(separator: " "))
        for status in AgentStatus.allCases {
            let cells = EventKind.allCases.enumerated().map { i, event in
                pad(String(coverage.count(MatrixCell(status, event))), widths[i])
            }
            lines.append(status.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0) + cells.joined(separator: " "))
        }
        lines.append("\(coverage.reachedCount) of \(MatrixCell.count) cells reached")
        if let threshold = self.coverage.threshold { lines.append(coverage.verdict(threshold: threshold)) }
        if !coverage.unreachedCells.isEmpty {
            lines.append("not reached: " + coverage.unreachedCells.map(\.description).joined(separator: ", "))
        }
        lines.append("")
        return lines
    }

    private func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(width - text.count, 0)) + text
    }
}
