/// Replays scenario files, each in a fresh engine.
///
/// A file without `case(name, fn)` calls is one scenario. A file with cases is replayed once to
/// learn their names (case bodies do not run), then once per case in a fresh engine: the top
/// level runs every time as the shared set-up, and only that case's body runs.
public struct ScenarioRunner: Sendable {
    /// The options every file runs with.
    public var options: ScenarioOptions

    /// Makes a runner.
    public init(options: ScenarioOptions = ScenarioOptions()) { self.options = options }

    /// Replays one file: one result, or one per case, in the order the file defines them.
    /// Only the scenarios `filter` selects are replayed; with `failFast`, the cases after the
    /// first that fails or raises an error are not replayed.
    public func run(file: String, filter: ScenarioFilter? = nil, failFast: Bool = false) -> [ScenarioResult] {
        let (whole, caseNames) = replay(file, .topLevel)
        if caseNames.isEmpty {
            return filter?.selects(whole.name) ?? true ? [whole] : []
        }
        var results: [ScenarioResult] = []
        for caseName in caseNames {
            let name = ScenarioName(file: file, title: whole.title, caseName: caseName)
            guard filter?.selects(name) ?? true else { continue }
            var result = replay(file, .onlyCase(caseName)).result
            result.title = result.title ?? whole.title
            results.append(result)
            if failFast && result.isFailure { break }
        }
        return results
    }

    /// The names of the scenarios in one file, for `--list`: the file's top level runs to learn
    /// its title and case names, but no case body runs and no verdict is kept.
    public func names(file: String, filter: ScenarioFilter? = nil) -> [ScenarioName] {
        let (whole, caseNames) = replay(file, .topLevel)
        let names =
            caseNames.isEmpty
            ? [whole.name]
            : caseNames.map { ScenarioName(file: file, title: whole.title, caseName: $0) }
        return names.filter { filter?.selects($0) ?? true }
    }

    private func replay(_ file: String, _ part: ScenarioPart) -> (result: ScenarioResult, caseNames: [String]) {
        let clock = ContinuousClock()
        let start = clock.now
        let session = ScenarioSession(file: file, options: options, part: part)
        var result = session.run()
        let elapsed = (clock.now - start).components
        result.duration = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
        return (result, session.caseNames)
    }
}
