import Foundation

/// `dialer replay --watch`: replays every scenario, then polls the scenario files and the rule
/// files they loaded, and replays what a change affects: the changed (or new) scenario files,
/// or every scenario when a rule file changed.
///
/// It runs on the calling thread and returns when `shouldStop` says so (checked between polls,
/// so a round in progress finishes) or after `maxReruns` reruns; both make it testable.
public final class ScenarioWatcher {
    /// One replay: the first (number 0) or a rerun after a change.
    public struct Round: Sendable {
        /// 0 for the first replay, then 1, 2, … for each rerun.
        public var number: Int
        /// The files whose change caused the rerun (rule files first); empty for the first.
        public var changed: [String]
        /// The scenarios replayed in this round.
        public var suite: ScenarioSuite

        /// The line printed before a rerun: `=== rerun 1: scenarios/a.lua changed, replaying 1 file ===`;
        /// nil for the first round.
        public var separator: String? {
            guard number > 0 else { return nil }
            let shown = changed.prefix(3).joined(separator: ", ") + (changed.count > 3 ? " and \(changed.count - 3) more" : "")
            let files = suite.files.count
            return "=== rerun \(number): \(shown) changed, replaying \(files) file\(files == 1 ? "" : "s") ==="
        }
    }

    /// Scenario files or directories, as given (directories are searched again on every poll).
    public let paths: [String]
    /// Replays the files.
    public let runner: ScenarioRunner
    /// Only these scenarios, if set.
    public let filter: ScenarioFilter?
    /// Stop each round at its first failure.
    public let failFast: Bool
    /// Seconds between two looks at the files.
    public let pollInterval: Double

    private var files: [String] = []
    private var resultsByFile: [String: [ScenarioResult]] = [:]
    private var stamps: [String: FileStamp] = [:]

    /// Makes a watcher; nothing runs until `watch`.
    public init(paths: [String], runner: ScenarioRunner, filter: ScenarioFilter? = nil, failFast: Bool = false, pollInterval: Double = 1) {
        self.paths = paths
        self.runner = runner
        self.filter = filter
        self.failFast = failFast
        self.pollInterval = pollInterval
    }

    /// The latest result of every scenario file still there, in file order: what the suite
    /// looks like now, and what the command exits with when the watch stops.
    public var latest: ScenarioSuite {
        ScenarioSuite(results: files.flatMap { resultsByFile[$0] ?? [] }, seed: runner.options.seed)
    }

    /// Replays everything and hands the round to `report`, then polls every `pollInterval`
    /// seconds and hands over each rerun, until `shouldStop` returns true or `maxReruns`
    /// reruns were reported. Throws if a path does not exist at the start.
    public func watch(maxReruns: Int? = nil, shouldStop: () -> Bool = { false }, report: (Round) -> Void) throws(ScenarioPathError) {
        files = try ScenarioSuite.collectFiles(paths)
        record(files)
        report(Round(number: 0, changed: [], suite: replay(files)))
        var reruns = 0
        while maxReruns.map({ reruns < $0 }) ?? true {
            guard pause(shouldStop) else { return }
            let current = (try? ScenarioSuite.collectFiles(paths)) ?? files
            let changedRules = ruleFiles.filter { FileStamp(of: $0) != stamps[$0] }
            let changedScenarios = current.filter { FileStamp(of: $0) != stamps[$0] }
            for gone in Set(files).subtracting(current) {
                resultsByFile[gone] = nil
                stamps[gone] = nil
            }
            files = current
            guard !changedRules.isEmpty || !changedScenarios.isEmpty else { continue }
            record(changedRules + changedScenarios)
            let affected = changedRules.isEmpty ? changedScenarios : current
            reruns += 1
            report(Round(number: reruns, changed: changedRules + changedScenarios, suite: replay(affected)))
        }
    }

    /// Every rule file a scenario loaded, and the `--rules` override.
    private var ruleFiles: [String] {
        var seen = Set<String>()
        let all = (runner.options.rulesOverride.map { [$0] } ?? []) + files.flatMap { resultsByFile[$0] ?? [] }.flatMap(\.ruleFiles)
        return all.filter { seen.insert($0).inserted }
    }

    /// Replays `files` and starts watching the rule files they loaded for the first time.
    private func replay(_ files: [String]) -> ScenarioSuite {
        let suite = ScenarioSuite(files: files, runner: runner, filter: filter, failFast: failFast)
        for file in files where !suite.notRun.contains(file) {
            resultsByFile[file] = suite.results.filter { $0.file == file }
        }
        record(ruleFiles.filter { stamps[$0] == nil })
        return suite
    }

    private func record(_ paths: [String]) {
        for path in paths { stamps[path] = FileStamp(of: path) }
    }

    /// Sleeps one poll interval in short slices; false as soon as `shouldStop` says so.
    private func pause(_ shouldStop: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(pollInterval)
        while Date() < deadline {
            if shouldStop() { return false }
            Thread.sleep(forTimeInterval: min(0.05, max(deadline.timeIntervalSinceNow, 0)))
        }
        return !shouldStop()
    }
}

/// What a poll compares: modification time and contents (contents too, because some file
/// systems keep whole seconds only). Both nil for a missing file.
private struct FileStamp: Equatable {
    var modified: Date?
    var contents: Data?

    init(of path: String) {
        modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
        contents = FileManager.default.contents(atPath: path)
    }
}
