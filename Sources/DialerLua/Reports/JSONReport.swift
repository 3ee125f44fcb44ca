import DialerCore
import Foundation

/// One JSON document with everything: the seed, the counts and exit code, every scenario with
/// its file, title, case, status, message, line, duration, last events, printed lines and rule
/// files, the files `--fail-fast` left out and, with coverage, the grid.
///
/// In `summary`, `failed` counts assertion failures and `errors` errors (the human line's
/// `failed` is both).
public struct JSONReport: ScenarioReport {
    /// Whether to include the grid and the threshold.
    public var coverage: CoverageRequest

    /// Makes the report.
    public init(coverage: CoverageRequest = CoverageRequest()) { self.coverage = coverage }

    /// The JSON text, keys sorted, pretty-printed.
    public func render(_ suite: ScenarioSuite) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(document(suite)) else {
            preconditionFailure("a report made of strings, whole numbers and finite numbers always encodes")
        }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private func document(_ suite: ScenarioSuite) -> Document {
        let summary = Summary(
            total: suite.results.count, passed: suite.passedCount, failed: suite.count(.failed), errors: suite.count(.error),
            skipped: suite.skippedCount, files: suite.files.count, exitCode: suite.exitCode(threshold: coverage.threshold))
        let scenarios = suite.results.map { result in
            Scenario(
                name: result.name.description, file: result.file, title: result.title, case: result.caseName,
                status: result.outcome.rawValue, message: result.message, line: result.line, durationSeconds: result.duration,
                recentEvents: result.recentEvents, printed: result.printed, ruleFiles: result.ruleFiles)
        }
        var grid: Grid?
        if coverage.isRequested {
            let threshold = coverage.threshold
            let figures = suite.coverage
            grid = Grid(
                cells: MatrixCell.all.map { Cell(status: $0.status.rawValue, event: $0.event.rawValue, count: figures.count($0)) },
                reached: figures.reachedCount, total: MatrixCell.count, percent: (figures.percent * 10).rounded() / 10,
                notReached: figures.unreachedCells.map(\.description), threshold: threshold,
                thresholdMet: threshold.map(figures.meets))
        }
        return Document(seed: suite.seed, summary: summary, scenarios: scenarios, notRun: suite.notRun, coverage: grid)
    }

    private struct Document: Encodable {
        var seed: Int
        var summary: Summary
        var scenarios: [Scenario]
        var notRun: [String]
        var coverage: Grid?
    }

    private struct Summary: Encodable {
        var total, passed, failed, errors, skipped, files: Int
        var exitCode: Int32
    }

    private struct Scenario: Encodable {
        var name, file: String
        var title, `case`: String?
        var status: String
        var message: String?
        var line: Int?
        var durationSeconds: Double
        var recentEvents, printed, ruleFiles: [String]
    }

    private struct Grid: Encodable {
        var cells: [Cell]
        var reached, total: Int
        var percent: Double
        var notReached: [String]
        var threshold: Double?
        var thresholdMet: Bool?
    }

    private struct Cell: Encodable {
        var status, event: String
        var count: Int
    }
}
