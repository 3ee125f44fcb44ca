import ArgumentParser
import DialerCore
import DialerLua
import DialerSimulation
import Foundation

/// `dialer capture`: a window of a journaled run as a scenario that `dialer replay` passes.
struct Capture: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a scenario that reproduces a window of a journaled run, for some agents or all.",
        discussion: """
            Replays the store's journal from the run's start with the rule files it journaled, then writes the window as a \
            scenario: the agents (and the leads they dial) where the window found them, every input that reached them at its \
            time, and what the live engine did, asserted after each. The scenario is replayed at once to check it passes; \
            exit 1 if it does not (it is written all the same). Details: docs/capture.md.
            """
    )

    @OptionGroup var storeOptions: StoreOptions
    @Option(name: .customLong("agent"), help: ArgumentHelp("An agent to capture (repeatable; default: every agent).", valueName: "ID"))
    var agents: [String] = []
    @Option(
        help: ArgumentHelp("Start of the window: ISO 8601 with its offset, or seconds since 1970 (default: the journal's start).", valueName: "TIME"))
    var from: String?
    @Option(help: ArgumentHelp("End of the window, exclusive (default: the journal's end).", valueName: "TIME"))
    var to: String?
    @Option(
        name: [.customShort("o"), .customLong("output")],
        help: ArgumentHelp("Write the scenario to FILE (default: standard output).", valueName: "FILE"))
    var output: String?

    func validate() throws {
        _ = try window()
    }

    func run() throws {
        let (from, to) = try window()
        let store = try storeOptions.open(readOnly: true)
        let window: CapturedWindow
        do {
            let entries = try store.journalEntries(from: .start, to: to.map(JournalBound.time) ?? .end)
            window = try JournalCapture.window(of: entries, agents: agents, from: from, to: to)
        } catch let error as CaptureError {
            printError("capture: \(error)")
            throw ExitCode(2)
        } catch {
            printError("capture: cannot read the journal of \(storeOptions.location): \(error)")
            throw ExitCode(2)
        }
        let file = output ?? FileManager.default.temporaryDirectory.appendingPathComponent("dialer-capture-\(getpid()).lua").path
        let text = CapturedScenarioText(window: window, source: storeOptions.location, rulesPath: { rulesPath($0, beside: file) }).render()
        guard FileManager.default.createFile(atPath: file, contents: Data(text.utf8)) else {
            printError("capture: cannot write \(file)")
            throw ExitCode(2)
        }
        if output == nil { writeOut(text) }
        defer { if output == nil { try? FileManager.default.removeItem(atPath: file) } }
        try check(file, window)
    }

    /// The window's bounds, each from ISO 8601 or seconds.
    private func window() throws -> (Timestamp?, Timestamp?) {
        let bounds = (try from.map { try Self.time($0, "--from") }, try to.map { try Self.time($0, "--to") })
        if let start = bounds.0, let end = bounds.1, end <= start { throw ValidationError("--to \(to!) is not after --from \(from!)") }
        return bounds
    }

    static func time(_ text: String, _ option: String) throws -> Timestamp {
        if let seconds = Double(text), seconds.isFinite, seconds >= 0 { return seconds }
        if let time = parseTimestamp(iso8601: text) { return time }
        throw ValidationError("\(option) \(text) is not a time: give ISO 8601 with its offset (2026-01-15T10:00:00-05:00) or seconds since 1970")
    }

    /// The live rule file where it still holds the journaled text; else a copy of the text
    /// written beside the scenario (as `.rules`, so `dialer replay DIR` does not take it for a scenario).
    private func rulesPath(_ rules: JournalReplay.RuleFile, beside scenario: String) -> String {
        if let text = try? String(contentsOfFile: rules.file, encoding: .utf8), TextDigest.sha256(text) == rules.sha256 { return rules.file }
        let stem = output.map { ($0 as NSString).deletingPathExtension } ?? "captured"
        let copy = "\(stem)-\(rules.sha256.prefix(8)).rules"
        if !FileManager.default.createFile(atPath: copy, contents: Data(rules.text.utf8)) {
            printError("capture: cannot write the journaled rule file to \(copy)")
        }
        printError("note: \(rules.file) no longer holds the text that was live; the scenario loads the journaled copy \(copy)")
        return output == nil ? copy : (copy as NSString).lastPathComponent
    }

    /// The likeliest reason a captured window does not replay on its own (docs/capture.md).
    private var why: String {
        if !agents.isEmpty {
            return
                "the agents left out took leads from the same pool (or moved campaign figures the rules read): leave out --agent to capture every agent"
        }
        return
            "the journal does not reproduce the run (a soak with --group above 1 does not replay); please report it with the store (docs/capture.md)"
    }

    private static func message(_ verdict: ScenarioVerdict) -> String {
        switch verdict {
        case .passed: "passed"
        case .failed(let message), .error(let message): message
        case .skipped(let reason): "skipped: \(reason)"
        }
    }

    /// Replays the scenario just written; says whether it passes.
    private func check(_ file: String, _ window: CapturedWindow) throws {
        let options = ScenarioOptions(seed: window.ruleFile.seed)
        let results = ScenarioRunner(options: options).run(file: file)
        let inputs = window.steps.count
        if let failed = results.first(where: { !$0.passed }) {
            printError("capture: the scenario does not pass: \(Self.message(failed.verdict))")
            for event in failed.recentEvents { printError("  \(event)") }
            printError("capture: \(why)")
            throw ExitCode(1)
        }
        printError("capture: \(inputs) inputs for \(window.agentIDs.count) agents\(output.map { " written to \($0)" } ?? ""); replayed: passes")
    }
}
