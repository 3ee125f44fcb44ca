public import DialerCore
import Foundation

/// A set of replayed scenario files and what `dialer replay` prints for them.
public struct ScenarioSuite: Sendable {
    /// Every file's result, in the order run.
    public var results: [ScenarioResult]

    /// Replays every file with one runner.
    public init(files: [String], runner: ScenarioRunner) {
        results = files.map { runner.run(file: $0) }
    }

    /// A suite of results already obtained.
    public init(results: [ScenarioResult]) {
        self.results = results
    }

    /// Files that passed.
    public var passedCount: Int { results.filter(\.passed).count }
    /// Files that failed or raised an error.
    public var failedCount: Int { results.count - passedCount }

    /// 0 all passed, 1 an assertion failed, 2 a file failed to load or raised an error.
    public var exitCode: Int32 {
        if results.contains(where: { if case .error = $0.verdict { true } else { false } }) { return 2 }
        return failedCount > 0 ? 1 : 0
    }

    /// How often each matrix cell was decided over all files, by `MatrixCell.index`.
    public var cellCounts: [Int] {
        results.reduce(into: Array(repeating: 0, count: MatrixCell.count)) { sum, result in
            for (i, n) in result.cellCounts.enumerated() { sum[i] += n }
        }
    }

    /// Cells no file reached.
    public var unreachedCells: [MatrixCell] { MatrixCell.all.filter { cellCounts[$0.index] == 0 } }

    /// The report: one line per file (with the failure and the last events under a failed one),
    /// the coverage grid if asked, and last `N passed, N failed`.
    public func render(coverage: Bool) -> String {
        var out: [String] = []
        for result in results {
            let name = result.title.map { "\(result.file) (\($0))" } ?? result.file
            switch result.verdict {
            case .passed:
                out.append("ok    \(name)")
            case .failed(let message), .error(let message):
                out.append("\(result.passed ? "ok" : { if case .failed = result.verdict { "FAIL" } else { "ERROR" } }())  \(name)")
                out.append(contentsOf: message.split(separator: "\n", omittingEmptySubsequences: false).map { "      \($0)" })
                if !result.recentEvents.isEmpty {
                    out.append("      last events:")
                    out.append(contentsOf: result.recentEvents.map { "        \($0)" })
                }
            }
            out.append(contentsOf: result.printed.map { "      | \($0)" })
        }
        if coverage { out.append(contentsOf: renderCoverage()) }
        out.append("\(passedCount) passed, \(failedCount) failed")
        return out.joined(separator: "\n") + "\n"
    }

    /// The status × event grid with how often each cell fired.
    public func renderCoverage() -> [String] {
        let counts = cellCounts
        let events = EventKind.allCases.map(\.rawValue)
        let widths = events.map { max($0.count, 5) }
        var lines = ["", "coverage: how often each status × event cell was decided"]
        lines.append("status    " + zip(events, widths).map { pad($0, $1) }.joined(separator: " "))
        for status in AgentStatus.allCases {
            let cells = EventKind.allCases.enumerated().map { i, event in
                pad(String(counts[MatrixCell(status, event).index]), widths[i])
            }
            lines.append(status.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0) + cells.joined(separator: " "))
        }
        let reached = MatrixCell.count - unreachedCells.count
        lines.append("\(reached) of \(MatrixCell.count) cells reached")
        if !unreachedCells.isEmpty {
            lines.append("not reached: " + unreachedCells.map(\.description).joined(separator: ", "))
        }
        lines.append("")
        return lines
    }

    private func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(width - text.count, 0)) + text
    }

    /// Expands directories into the `.lua` files below them, sorted; files are kept as given.
    public static func collectFiles(_ paths: [String]) throws(ScenarioPathError) -> [String] {
        let fm = FileManager.default
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else { throw ScenarioPathError(path: path) }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            let found = (fm.enumerator(atPath: path)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".lua") }.sorted()
            files.append(contentsOf: found.map { "\(base)/\($0)" })
        }
        return files
    }
}

/// A scenario path that does not exist.
public struct ScenarioPathError: Error, CustomStringConvertible {
    /// The path as given.
    public var path: String
    /// The message a person reads.
    public var description: String { "\(path): no such file or directory" }
}
