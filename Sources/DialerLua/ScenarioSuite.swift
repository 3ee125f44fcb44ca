import Foundation

/// A set of replayed scenarios: what `dialer replay` reports and exits with.
public struct ScenarioSuite: Sendable {
    /// Every scenario's result (one per file, or one per case), in the order run.
    public var results: [ScenarioResult]
    /// The seed `math.random` had, so a failure can be replayed exactly.
    public var seed: Int
    /// Files not replayed because `--fail-fast` stopped at a failure.
    public var notRun: [String]

    /// Replays the files with one runner: only what `filter` selects; with `failFast`, nothing
    /// after the first scenario that fails or raises an error.
    public init(files: [String], runner: ScenarioRunner, filter: ScenarioFilter? = nil, failFast: Bool = false) {
        var results: [ScenarioResult] = []
        var notRun: [String] = []
        for file in files {
            if failFast && results.contains(where: \.isFailure) {
                notRun.append(file)
                continue
            }
            results.append(contentsOf: runner.run(file: file, filter: filter, failFast: failFast))
        }
        self.init(results: results, seed: runner.options.seed, notRun: notRun)
    }

    /// A suite of results already obtained.
    public init(results: [ScenarioResult], seed: Int = 1, notRun: [String] = []) {
        self.results = results
        self.seed = seed
        self.notRun = notRun
    }

    /// How many scenarios ended with `outcome`.
    public func count(_ outcome: ScenarioOutcome) -> Int { results.filter { $0.outcome == outcome }.count }

    /// Scenarios that passed.
    public var passedCount: Int { count(.passed) }
    /// Scenarios that failed or raised an error.
    public var failedCount: Int { count(.failed) + count(.error) }
    /// Scenarios that skipped themselves.
    public var skippedCount: Int { count(.skipped) }

    /// The files replayed, in order, each once.
    public var files: [String] {
        var seen = Set<String>()
        return results.map(\.file).filter { seen.insert($0).inserted }
    }

    /// `N passed, N failed`, and `, N skipped` only when something was skipped (so the line of
    /// a suite without skips is what it always was).
    public var summaryLine: String {
        "\(passedCount) passed, \(failedCount) failed" + (skippedCount > 0 ? ", \(skippedCount) skipped" : "")
    }

    /// 0 all passed (skipped ones do not count), 1 an assertion failed, 2 a file failed to load
    /// or raised an error.
    public var exitCode: Int32 {
        if count(.error) > 0 { return 2 }
        return count(.failed) > 0 ? 1 : 0
    }

    /// `exitCode`, made 1 when fewer than `threshold` percent of the matrix cells were reached
    /// (an error's 2 stays).
    public func exitCode(threshold: Double?) -> Int32 {
        if exitCode == 0, let threshold, !coverage.meets(threshold) { return 1 }
        return exitCode
    }

    /// How much of the matrix the scenarios reached.
    public var coverage: ScenarioCoverage { ScenarioCoverage(results: results) }

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
