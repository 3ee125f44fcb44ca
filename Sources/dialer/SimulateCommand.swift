import ArgumentParser
import DialerCore
import DialerLua
import DialerSimulation
import Foundation
import Logging

struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Simulate a shift: agents, a carrier and the rules on the virtual clock; call metrics, reports and logs.",
        discussion: """
            Drives the production engine and rule file with simulated agents' desktops and a seeded carrier model, \
            one event at a time on a virtual clock: hours of shift run in seconds. The same seed and rules give \
            the same report, byte for byte.
            Abandon rate = drops ÷ live answers over the whole run. Utilisation = talking ÷ logged-in time.
            Examples:
              dialer simulate --agents 200 --hours 8 --seed 1
              dialer simulate --rules rules/predictive.lua --compare rules/power.lua
              dialer simulate --html out/shift.html --csv out/calls.csv --log-dir out/logs
              dialer simulate --format json --json out/shift.json
              dialer simulate --answer-curve day --agent-talk-spread 0.3
              dialer simulate --sweep --html out/sweep.html
            Exit codes: 0 done, 1 the rules refused events (the report names the first), 2 a rule file, store or \
            output could not be used, 64 bad usage.
            """
    )

    @Option(help: "Rule file.") var rules = "rules/default.lua"
    @Option(help: ArgumentHelp("A second rule file, run on the same seed, carrier and agents; the key figures side by side.", valueName: "FILE"))
    var compare: String?
    @Option(
        name: .customLong("set"),
        help: ArgumentHelp("Override a setting of the --rules file (repeatable), e.g. --set ABANDON_TARGET=0.02.", valueName: "NAME=VALUE"))
    var overrides: [String] = []

    @Option(help: "Agents on the shift.") var agents = 50
    @Option(help: "Hours in each agent's shift.") var hours = 8.0
    @Option(help: "Seed of the carrier, the agents and the rules' math.random.") var seed: UInt64 = 1

    @Option(help: "table or json, to standard output.") var format: OutputFormat = .table
    @Option(help: ArgumentHelp("Also write the JSON report to FILE.", valueName: "FILE")) var json: String?
    @Option(help: ArgumentHelp("Write every call record to FILE as CSV.", valueName: "FILE")) var csv: String?
    @Option(help: ArgumentHelp("Write a self-contained HTML report with charts to FILE.", valueName: "FILE")) var html: String?
    @Option(help: ArgumentHelp("Write dialer.log and agents.log into DIR (with --compare, into DIR/<rule file name>/).", valueName: "DIR"))
    var logDir: String?
    @Option(help: "Lowest log level written: trace, debug, info, notice, warning, error, critical.") var logLevel = "info"

    @Option(
        help: ArgumentHelp("Where the engine commits: memory: (default), sqlite:PATH (must be new or empty) or postgres://…", valueName: "location"))
    var store = "memory:"
    @Option(help: "With a store: leads to add to it (default: 300 per agent-hour).") var leads: Int?
    @Option(help: "With a store: days of engine time its journal of inputs keeps (seed, settings, rules, events); 0: no journal.")
    var journalDays = 7

    @Option(
        help: ArgumentHelp(
            "Reload the rules SECONDS into the run, between two events, as serve's hot reload does (the file read again, or --reload-rules).",
            valueName: "SECONDS"))
    var reloadAt: Double?
    @Option(help: ArgumentHelp("With --reload-at: the rule file put live then (default: the run's own, read again).", valueName: "FILE"))
    var reloadRules: String?

    @Option(help: "Share of dials a person answers.") var answerRate = CarrierModel().answerProbability
    @Option(help: "Share of dials that are busy.") var busyRate = CarrierModel().busyProbability
    @Option(help: "Share of dials that fail (bad numbers, network).") var failedRate = CarrierModel().failedProbability
    @Option(help: "Seconds an unanswered dial rings before the dialer gives up (at least 15, the US rule).") var ringTimeout = CarrierModel()
        .ringTimeout
    @Option(help: "Median seconds of ringing before a person answers.") var answerDelay = CarrierModel().answerDelayMedian
    @Option(help: "Mean seconds before a busy or failed dial is reported.") var failDelay = CarrierModel().failDelayMean
    @Option(help: "Median talk time in seconds (lognormal).") var talkTime = CarrierModel().talkMedian
    @Option(help: "Shape of the talk time (lognormal sigma).") var talkSigma = CarrierModel().talkSigma
    @Option(help: "Median seconds of wrap-up after each call.") var wrapUp = SimulationSettings().wrapUpMedian
    @Option(help: "Seconds between two keep-alives of a desktop.") var keepAliveEvery = SimulationSettings().keepAliveEvery
    @Option(help: "Share of keep-alives lost.") var keepAliveMissRate = SimulationSettings().keepAliveMissRate
    @Option(help: "Seconds an agent logged out by the dialer takes to log in again.") var reloginDelay = SimulationSettings().reloginDelay
    @Option(help: "Agents log in at random over this many seconds.") var loginSpread = SimulationSettings().loginSpread
    @Option(help: "Send dialing to every ready agent this often (seconds), like a pacing loop; off by default.") var pacingTick: Double?
    @Option(help: "Seconds to keep running after the last shift for calls still going.") var drainLimit = SimulationSettings().drainLimit
    @Option(
        help: ArgumentHelp(
            "How the answer rate moves through the day: flat (--answer-rate all day), day (low mid-morning, high early evening), or HOUR:RATE points such as 9:0.25,12:0.3,18:0.38.",
            valueName: "curve"))
    var answerCurve = "flat"
    @Option(help: "The leads' local hour of day when the run starts, 0 to 24 (what --answer-curve reads).") var startHour = SimulationSettings()
        .startHour
    @Option(help: "How much agents differ in talk time: a lognormal sigma per agent, 0 (all alike) to 2.") var agentTalkSpread = SimulationSettings()
        .agentTalkSpread
    @Option(help: "Share of answers that are answering machines, 0 to 1 (default 0: people only).") var machineShare = CarrierModel().machineShare
    @Option(help: "Seconds answering-machine detection listens before it decides, 0 (no detection: machines reach agents) to 30.")
    var amdSeconds = CarrierModel().detectionSeconds
    @Option(help: "Share of machines detection misses (they reach an agent).") var amdMissRate = CarrierModel().detectionMissRate
    @Option(help: "Share of people detection takes for a machine and hangs up on (abandoned calls).") var amdFalseMachineRate = CarrierModel()
        .falseMachineRate
    @Flag(
        help:
            "Run the pacing sweep instead: rules/predictive.lua, rules/power.lua and one line per agent, on --sweep-agents floors, the flat and the day carrier each with and without answering machines, --sweep-seeds seeds each; a table of medians (and --html)."
    )
    var sweep = false
    @Option(help: "Floor sizes of the sweep (repeatable).") var sweepAgents: [Int] = [5, 20, 50, 200]
    @Option(help: "Seeds per cell of the sweep, at least 1.") var sweepSeeds = 3
    @Option(help: "Rule sets of the sweep (repeatable): predictive, power, one-line; all three when left out.")
    var sweepRules: [String] = []
    @Option(help: "Carriers of the sweep (repeatable): flat, day, flat+machines, day+machines; all four when left out.")
    var sweepCarriers: [String] = []

    func validate() throws {
        if journalDays < 0 { throw ValidationError("--journal-days must not be negative (0 turns the journal off; default 7)") }
        do {
            _ = try AnswerCurve.parse(answerCurve)
            try settings().validate()
        } catch {
            throw ValidationError(error.description)
        }
        if Self.level(logLevel) == nil {
            throw ValidationError("--log-level \(logLevel) is unknown; use trace, debug, info, notice, warning, error or critical")
        }
        _ = try settingOverrides()
        if compare != nil, store != "memory:" {
            throw ValidationError("--compare runs twice and --store holds one run: leave --store out (both runs stay in memory)")
        }
        if let reloadAt, !(reloadAt >= 0 && reloadAt <= hours * 3600) {
            throw ValidationError("--reload-at \(reloadAt) is outside the shift: give seconds from 0 to \(Int(hours * 3600)) (--hours \(hours))")
        }
        if reloadRules != nil, reloadAt == nil { throw ValidationError("--reload-rules needs --reload-at SECONDS: when to put the file live") }
        if let leads, leads < 1 { throw ValidationError("--leads must be at least 1, e.g. --leads 100000") }
        if sweep {
            for count in sweepAgents { try OptionRange.check("--sweep-agents", count, 1...100_000, "agents") }
            try OptionRange.check("--sweep-seeds", sweepSeeds, 1...100, "seeds")
            for name in sweepRules where !Self.sweepRuleNames.contains(name) {
                throw ValidationError("--sweep-rules \(name) is unknown; use \(Self.sweepRuleNames.joined(separator: ", "))")
            }
            for name in sweepCarriers where !Self.sweepCarrierNames.contains(name) {
                throw ValidationError("--sweep-carriers \(name) is unknown; use \(Self.sweepCarrierNames.joined(separator: ", "))")
            }
            if compare != nil || store != "memory:" || csv != nil || json != nil {
                throw ValidationError("--sweep runs its own rule files in memory: leave out --compare, --store, --csv and --json")
            }
        }
    }

    func run() throws {
        if sweep { return try runSweep() }
        let settings = settings()
        var runs: [SimulationResult] = []
        for (index, file) in ([rules] + (compare.map { [$0] } ?? [])).enumerated() {
            do {
                runs.append(
                    try simulate(
                        file, settings: settings, overrides: index == 0 ? try settingOverrides() : [:], logs: logDestination(for: file, index: index))
                )
            } catch let error as SimulationError {
                printError(error.description)
                throw ExitCode(2)
            }
        }
        let reports = runs.map(\.report)
        switch format {
        case .json: writeOut(SimulationJSON.render(reports))
        case .table: writeOut(reports.count == 1 ? SimulationTextReport.render(reports[0]) : SimulationTextReport.renderComparison(reports))
        }
        var written = true
        if let json { written = save(SimulationJSON.render(reports), to: json) && written }
        if let csv { written = save(CallRecordCSV.render(runs.map { ($0.report.rules, $0.calls) }), to: csv) && written }
        if let html { written = save(SimulationHTMLReport.render(reports), to: html) && written }
        if !written { throw ExitCode(2) }
        if let refusing = reports.first(where: { $0.refusedEvents > 0 }) {
            printError("\(refusing.rules): the engine refused \(refusing.refusedEvents) events; first: \(refusing.firstRefusal ?? "?")")
            throw ExitCode(1)
        }
    }

    private func simulate(_ file: String, settings: SimulationSettings, overrides: [String: LuaValue], logs: SimulationLogs.Destination?)
        throws(SimulationError) -> SimulationResult
    {
        let ruleSet = try Simulation.loadRules(file, overrides: overrides, seed: settings.seed)
        let agentStore: any AgentStore
        var leadSource: (any LeadSource)?
        let journal = store == "memory:" ? JournalRetention.off : JournalRetention(days: journalDays)
        do {
            agentStore = try StoreLocation(store).open(node: nil, lease: 15)
            if store != "memory:" {
                let count = leads ?? Int((Double(settings.agents) * settings.hours * 300).rounded(.up))
                if try agentStore.listAgents().isEmpty, try agentStore.loadDials().isEmpty {
                    // Journaled as the run's first input: a replay of the journal dials the same numbers.
                    let numbers = (0..<count).map(LeadList.fictionalNumber)
                    _ = try agentStore.addLeads(numbers, journal: journal.isOn ? JournalEntry(time: 0, input: .leadsAdded(numbers: numbers)) : nil)
                }
                leadSource = StoredLeadPool(store: agentStore, settings: ruleSet.leadSettings)
                if let hours = ruleSet.leadSettings.hours {
                    // The virtual clock starts at 1970-01-01 00:00 UTC, 19:00 on the US East coast:
                    // say so before the operator wonders why dialing stops two hours in.
                    printError(
                        "note: \(file) keeps calling hours \(hours.window) in each lead's local time; the simulated shift starts at 1970-01-01 00:00 UTC (19:00 in New York), so leads become undialable as their evening ends; set LEADS = { hours = false } in the rule file to simulate without them"
                    )
                }
            }
        } catch let error as SimulationError {
            throw error
        } catch {
            throw .store(StoreError(error, store: store))
        }
        let text = journal.isOn ? try? String(contentsOfFile: file, encoding: .utf8) : nil
        let simulation = try Simulation(
            settings: settings, rules: ruleSet, store: agentStore, leads: leadSource, logs: logs, journal: journal, ruleText: text,
            keepsCallRecords: csv != nil)
        if let reloadAt { try scheduleReload(of: file, overrides: overrides, seed: settings.seed, at: reloadAt, in: simulation) }
        let bar = ProgressBar(label: "simulating \(file)")
        defer { bar.finish() }
        return try simulation.run { done, total in bar.update(done: done, total: total) }
    }

    /// `--reload-at`: the run's rule file (with its `--set` overrides) read again, or `--reload-rules`.
    private func scheduleReload(of file: String, overrides: [String: LuaValue], seed: UInt64, at time: Double, in simulation: Simulation)
        throws(SimulationError)
    {
        let path = reloadRules ?? file
        let rules = try Simulation.loadRules(path, overrides: path == file ? overrides : [:], seed: seed)
        simulation.reloadRules(rules, text: (try? String(contentsOfFile: path, encoding: .utf8)) ?? "", at: time)
    }

    /// The names `--sweep-rules` and `--sweep-carriers` take, in the sweep's order.
    static let sweepRuleNames = ["predictive", "power", "one-line"]
    static let sweepCarrierNames = ["flat", "day", "flat+machines", "day+machines"]

    /// `--sweep`: the pacing matrix, its table on standard output and, with `--html`, the page.
    private func runSweep() throws {
        var base = settings()
        base.carrier.answerCurve = nil
        let carriers = zip(Self.sweepCarrierNames, PacingSweep.carriers(from: base.carrier)).filter {
            sweepCarriers.isEmpty || sweepCarriers.contains($0.0)
        }
        let rules: [(String, PacingSweep.Rules)] = [
            (
                "predictive",
                .init(name: "predictive.lua", path: "rules/predictive.lua", overrides: try settingOverrides(), detectionSetting: "AMD_HANG_UPS")
            ),
            ("power", .init(name: "power.lua", path: "rules/power.lua")),
            ("one-line", .init(name: "one line per agent", path: "rules/power.lua", overrides: ["DIAL_RATIO": .integer(1)])),
        ]
        let sweep = PacingSweep(
            rules: rules.filter { sweepRules.isEmpty || sweepRules.contains($0.0) }.map(\.1),
            agents: sweepAgents, carriers: carriers.map(\.1), seeds: sweepSeeds, base: base)
        let cells: [PacingSweep.Cell]
        do {
            cells = try sweep.run { printError("sweep: \($0)") }
        } catch {
            printError(error.description)
            throw ExitCode(2)
        }
        writeOut(PacingSweepReport.text(cells, seeds: sweepSeeds, hours: hours))
        if let html, !save(PacingSweepReport.html(cells, seeds: sweepSeeds, hours: hours), to: html) { throw ExitCode(2) }
    }

    private func settings() -> SimulationSettings {
        var settings = SimulationSettings()
        settings.agents = agents
        settings.hours = hours
        settings.seed = seed
        settings.wrapUpMedian = wrapUp
        settings.keepAliveEvery = keepAliveEvery
        settings.keepAliveMissRate = keepAliveMissRate
        settings.reloginDelay = reloginDelay
        settings.loginSpread = loginSpread
        settings.pacingTick = pacingTick
        settings.drainLimit = drainLimit
        settings.carrier.answerProbability = answerRate
        settings.carrier.busyProbability = busyRate
        settings.carrier.failedProbability = failedRate
        settings.carrier.ringTimeout = ringTimeout
        settings.carrier.answerDelayMedian = answerDelay
        settings.carrier.failDelayMean = failDelay
        settings.carrier.talkMedian = talkTime
        settings.carrier.talkSigma = talkSigma
        settings.carrier.answerCurve = try? AnswerCurve.parse(answerCurve)
        settings.carrier.machineShare = machineShare
        settings.carrier.detectionSeconds = amdSeconds
        settings.carrier.detectionMissRate = amdMissRate
        settings.carrier.falseMachineRate = amdFalseMachineRate
        settings.startHour = startHour
        settings.agentTalkSpread = agentTalkSpread
        return settings
    }

    /// `--set NAME=VALUE` as Lua values: integers, numbers, true/false, or text.
    private func settingOverrides() throws -> [String: LuaValue] {
        var values: [String: LuaValue] = [:]
        for text in overrides {
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                throw ValidationError("--set \(text): expected NAME=VALUE, e.g. --set DIAL_RATIO=3")
            }
            let name = String(text[..<equals])
            let raw = String(text[text.index(after: equals)...])
            values[name] =
                if let integer = Int(raw) { .integer(integer) } else if let number = Double(raw) {
                    .number(number)
                } else if raw == "true" || raw == "false" { .boolean(raw == "true") } else { .string(raw) }
        }
        return values
    }

    private func logDestination(for file: String, index: Int) -> SimulationLogs.Destination? {
        guard let logDir, let level = Self.level(logLevel) else { return nil }
        guard compare != nil else { return SimulationLogs.Destination(directory: logDir, level: level) }
        var name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        if index == 1, name == URL(fileURLWithPath: rules).deletingPathExtension().lastPathComponent { name += "-compare" }
        return SimulationLogs.Destination(directory: logDir + "/" + name, level: level)
    }

    private static func level(_ text: String) -> Logger.Level? { Logger.Level(rawValue: text) }
}
