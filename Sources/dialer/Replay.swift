import ArgumentParser
import DialerLua

struct Replay: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replay Lua scenario files and check their assertions.",
        discussion: """
            Each file runs in a fresh engine on a virtual clock. Directories are searched for .lua files.
            Exit codes: 0 all passed, 1 an assertion failed, 2 a file failed to load or raised an error, 64 bad usage.
            """
    )

    @Argument(help: "Scenario files or directories.")
    var paths: [String]

    @Flag(help: "Print the status × event grid with how often each cell fired, and the cells no scenario reached.")
    var coverage = false

    @Option(help: "Use this rule file for every scenario, whatever the scenario names.")
    var rules: String?

    @Option(help: "Seed for math.random in scenarios and rules.")
    var seed = 1

    func run() throws {
        let files: [String]
        do {
            files = try ScenarioSuite.collectFiles(paths)
        } catch {
            printError(error.description)
            throw ExitCode(2)
        }
        let runner = ScenarioRunner(options: ScenarioOptions(rulesOverride: rules, seed: seed))
        let suite = ScenarioSuite(files: files, runner: runner)
        print(suite.render(coverage: coverage), terminator: "")
        if suite.exitCode != 0 { throw ExitCode(suite.exitCode) }
    }
}
