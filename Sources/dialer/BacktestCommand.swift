import ArgumentParser
import DialerCore
import DialerSimulation
import Foundation

struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Replay a store's journal through a fresh engine with other rules; what would have differed, side by side with the live rules.",
        discussion: """
            The journal is replayed from the run's start twice: with the rule files it put live (what happened) and with \
            --rules in place of every one of them. The journal's agent side is played at its times; each dial the new rules \
            place gets the far end of the live dial of the same number (the k-th dial of a number, its k-th live dial), as \
            long after it as live. What the journal cannot say (a dial never placed live, the length of a call live rules \
            dropped) is modelled by the simulation's carrier, seeded, and those figures say "modelled". See docs/backtest.md.
            Examples:
              dialer simulate --store sqlite:/tmp/shift.sqlite --rules rules/power.lua --agents 10 --hours 1
              dialer backtest --store sqlite:/tmp/shift.sqlite --rules rules/predictive.lua
              dialer backtest --store sqlite:/tmp/shift.sqlite --rules rules/predictive.lua --from 600 --to 1800 --html out/backtest.html
            Exit codes: 0 it ran (differences are not an error), 2 the store has no journal or one that does not start at a \
            run's start, the rules do not load (file:line), or an output cannot be written, 64 bad usage.
            """
    )

    @OptionGroup var storeOptions: StoreOptions
    @Option(help: ArgumentHelp("The rule file to put in place of every rule file the journal put live.", valueName: "FILE"))
    var rules: String
    @Option(
        help: ArgumentHelp("Count from this engine time: ISO 8601 with its offset, or seconds (a simulation's virtual seconds).", valueName: "TIME"))
    var from: String?
    @Option(help: ArgumentHelp("Count until this engine time (excluded); as --from.", valueName: "TIME")) var to: String?
    @Option(help: "How many diverging decisions to list.") var divergences = 5
    @Option(help: "table or json, to standard output.") var format: OutputFormat = .table
    @Option(help: ArgumentHelp("Also write the JSON report to FILE.", valueName: "FILE")) var json: String?
    @Option(help: ArgumentHelp("Write a self-contained HTML report to FILE.", valueName: "FILE")) var html: String?

    func validate() throws {
        try OptionRange.check("--divergences", divergences, 0...1_000, "decisions")
        let window = try window()
        if let from = window.from, let to = window.to, to <= from { throw ValidationError("--to must come after --from") }
    }

    func run() throws {
        let text: String
        do {
            text = try String(contentsOfFile: rules, encoding: .utf8)
        } catch {
            printError("cannot read \(rules): \(error.localizedDescription)")
            throw ExitCode(2)
        }
        let store = try storeOptions.open(readOnly: true)
        let backtest = Backtest(rules: rules, text: text, window: try window(), divergences: divergences)
        let report: BacktestReport
        do {
            report = try backtest.run(store: store)
        } catch {
            printError(error.description)
            throw ExitCode(2)
        }
        writeOut(format == .json ? BacktestJSON.render(report) : BacktestTextReport.render(report))
        var written = true
        if let json { written = save(BacktestJSON.render(report), to: json) && written }
        if let html { written = save(BacktestHTMLReport.render(report), to: html) && written }
        if !written { throw ExitCode(2) }
    }

    private func window() throws -> BacktestWindow {
        BacktestWindow(from: try from.map { try Self.time($0, option: "--from") }, to: try to.map { try Self.time($0, option: "--to") })
    }

    /// Seconds, or an ISO 8601 time with its offset.
    static func time(_ text: String, option: String) throws -> Timestamp {
        if let seconds = Double(text), seconds.isFinite { return seconds }
        if let time = parseTimestamp(iso8601: text) { return time }
        throw ValidationError("\(option) \(text) is not a time: give ISO 8601 with its offset (2026-11-27T09:00:00Z) or seconds (600)")
    }
}
