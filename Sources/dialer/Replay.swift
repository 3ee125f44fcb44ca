import ArgumentParser
import DialerLua
import Foundation

struct Replay: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replay Lua scenario files and check their assertions.",
        discussion: """
            Each file runs in a fresh engine on a virtual clock (each case(name, fn) of a file too). \
            Directories are searched for .lua files.
            Examples:
              dialer replay scenarios/
              dialer replay --format human --format junit:reports/replay.xml scenarios/
              dialer replay --format tap:reports/replay.tap --format json:reports/replay.json scenarios/
              dialer replay --filter ready_ --filter 'keep.alive' --list scenarios/
              dialer replay --coverage --threshold 90 scenarios/
              dialer replay --watch --poll-interval 0.5 scenarios/
            Exit codes: 0 all passed (skipped ones do not count), 1 an assertion failed, the coverage \
            threshold was missed or --filter selected no scenario, 2 a file failed to load or raised an error, 64 bad usage.
            """
    )

    @Argument(help: "Scenario files or directories.")
    var paths: [String]

    @Flag(help: "Print the status × event grid with how often each cell fired, and the cells no scenario reached.")
    var coverage = false

    @Option(help: ArgumentHelp("Exit 1 when fewer than PCT percent of the 28 matrix cells were reached (implies --coverage).", valueName: "PCT"))
    var threshold: Double?

    @Option(help: "Use this rule file for every scenario, whatever the scenario names.")
    var rules: String?

    @Option(help: "Seed for math.random in scenarios and rules (echoed in the header and in JSON).")
    var seed = 1

    @Option(
        name: .customLong("format"),
        help: ArgumentHelp(
            "human (default), junit, tap or json; repeatable; FORMAT:FILE writes a file, e.g. junit:reports/replay.xml. At most one goes to standard output (human if none does).",
            valueName: "FORMAT[:FILE]"))
    var formats: [String] = []

    @Option(
        name: .customLong("filter"),
        help: ArgumentHelp(
            "Replay only scenarios whose file path, title or case name matches REGEX; repeatable (a scenario runs if it matches any). Selecting nothing exits 1.",
            valueName: "REGEX"))
    var filters: [String] = []

    @Flag(help: "Print the selected scenario names, one a line, and replay nothing.")
    var list = false

    @Flag(help: "Stop at the first scenario that fails or raises an error.")
    var failFast = false

    @Flag(help: "Replay again whenever a scenario or rule file changes; Ctrl-C stops.")
    var watch = false

    @Option(help: ArgumentHelp("Seconds between two looks at the files in --watch mode.", valueName: "SECONDS"))
    var pollInterval = 1.0

    func validate() throws {
        do {
            _ = try reportRequests()
        } catch {
            throw ValidationError(error.description)
        }
        if let threshold, !(0...100).contains(threshold) {
            throw ValidationError("--threshold \(threshold) is not a percentage; give a number from 0 to 100, e.g. --threshold 90")
        }
        if !(pollInterval > 0) {
            throw ValidationError("--poll-interval must be more than 0 seconds, e.g. --poll-interval 0.5")
        }
        do { _ = try ScenarioFilter(filters) } catch { throw ValidationError(error.description) }
        if list && watch { throw ValidationError("--list and --watch do not go together: --list replays nothing") }
    }

    func run() throws {
        let filter = filters.isEmpty ? nil : try ScenarioFilter(filters)
        let runner = ScenarioRunner(options: ScenarioOptions(rulesOverride: rules, seed: seed))
        let files: [String]
        do {
            files = try ScenarioSuite.collectFiles(paths)
        } catch {
            printError(error.description)
            throw ExitCode(2)
        }
        if list {
            let names = files.flatMap { runner.names(file: $0, filter: filter) }
            writeOut(names.map { "\($0)\n" }.joined())
            if let filter, names.isEmpty { try selectedNothing(filter, files: files.count) }
            return
        }
        if watch {
            try watchFiles(runner: runner, filter: filter)
            return
        }
        let suite = ScenarioSuite(files: files, runner: runner, filter: filter, failFast: failFast)
        guard emit(suite) else { throw ExitCode(2) }
        try finish(suite, filter: filter, files: files.count)
    }

    /// Replays, then reruns on every change until Ctrl-C; exits with the latest results.
    private func watchFiles(runner: ScenarioRunner, filter: ScenarioFilter?) throws {
        let interrupt = Interrupt.install()
        let watcher = ScenarioWatcher(paths: paths, runner: runner, filter: filter, failFast: failFast, pollInterval: pollInterval)
        do {
            try watcher.watch(shouldStop: { interrupt.isRaised }) { round in
                if let separator = round.separator { writeOut("\n\(separator)\n") }
                _ = emit(round.suite)
            }
        } catch {
            printError(error.description)
            throw ExitCode(2)
        }
        printError("stopped watching")
        try finish(watcher.latest, filter: filter, files: (try? ScenarioSuite.collectFiles(paths).count) ?? 0)
    }

    /// Notes on standard error, then the exit code.
    private func finish(_ suite: ScenarioSuite, filter: ScenarioFilter?, files: Int) throws {
        if let filter, suite.results.isEmpty { try selectedNothing(filter, files: files) }
        if let threshold, !suite.coverage.meets(threshold) { printError("coverage " + suite.coverage.verdict(threshold: threshold)) }
        let code = suite.exitCode(threshold: threshold)
        if code != 0 { throw ExitCode(code) }
    }

    /// A filter that selects nothing is a mistake (a typo would otherwise pass CI having
    /// checked nothing): exit 1, naming the filters.
    private func selectedNothing(_ filter: ScenarioFilter, files: Int) throws -> Never {
        printError(
            "\(filter.description) selected no scenario in \(files) file\(files == 1 ? "" : "s"); `dialer replay --list PATH...` prints every name a filter can match"
        )
        throw ExitCode(1)
    }

    private func reportRequests() throws(ReportOptionError) -> [ReportRequest] {
        var requests: [ReportRequest] = []
        for text in formats { requests.append(try ReportRequest(parsing: text)) }
        return try ReportRequest.resolve(requests)
    }

    /// Writes every requested report; false if a file could not be written.
    private func emit(_ suite: ScenarioSuite) -> Bool {
        var written = true
        for request in (try? reportRequests()) ?? [] {
            let style: any HumanStyle = request.destination == nil && TerminalStyle.wanted ? TerminalStyle() : PlainStyle()
            let text = request.format.report(coverage: CoverageRequest(grid: coverage, threshold: threshold), style: style).render(suite)
            guard let file = request.destination else {
                writeOut(text)
                continue
            }
            do {
                let url = URL(fileURLWithPath: file)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            } catch {
                printError("cannot write --format \(request): \(error.localizedDescription)")
                written = false
            }
        }
        return written
    }
}

/// Writes to standard output unbuffered, so reports and separators appear in order and at once.
func writeOut(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}
