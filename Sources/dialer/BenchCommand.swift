import ArgumentParser
import DialerBenchmarks
import DialerCore
import DialerLua
import DialerPostgres
import DialerReference
import DialerSQLite
import DialerSimulation
import Foundation

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Measure the engine's events per second and latency with each kind of rules and store, its memory per agent and its scaling over cores.",
        discussion: """
            Build with -c release before you trust the figures. Every run plays the seed cycle: for each of 50 \
            agents in turn login, call_fail, call_start, call_fail, call_end and logout, over and over (the seeds' \
            Python reference runs it at about 38,000 callbacks per second here). The runs, in order: the Lua rules \
            and the native Swift reference in memory, the rules alone, SQLite (one commit per event, then group \
            commit), PostgreSQL when --postgres or DIALER_BENCH_POSTGRES_URL names a server, one shard and one per \
            core, growth (the seed cycle of 43 agents at a time from a floor of each of --growth-agents, on \
            SQLite with --growth-leads leads, and the cost per event at the most agents over that at the fewest: \
            the target is at most 1.5×), leads import (--import-rows rows of a seeded list into a fresh SQLite store) and a simulated \
            8-hour shift, each in a fresh process with its time and peak memory, agent events through dialer serve \
            over loopback (scripts/bench-serve.sh with wrk, from a checkout), and the resident memory per \
            logged-in agent, each count in a fresh process. Each figure with a target prints it, met or not. Each run prints a line as it ends; --only picks runs by name.
            Exit codes: 0 done, 2 a rule file, a store or a run failed, 64 bad usage.
            """
    )

    @Option(help: ArgumentHelp("The rule file of the Lua runs.", valueName: "file")) var rules = "rules/default.lua"
    @Option(help: "Seed cycles of each in-memory run, at least 1 (one cycle: 300 events).") var cycles = 4_000
    @Option(help: "Logged-in agents of each memory measurement, 1 to 10000000; repeatable, largest last.")
    var memoryAgents: [Int] = [10_000, 100_000]
    @Option(
        help: ArgumentHelp(
            "PostgreSQL server to measure too, e.g. postgres://postgres@127.0.0.1:54329/postgres (default: DIALER_BENCH_POSTGRES_URL, else none).",
            valueName: "url"))
    var postgres: String?
    @Option(help: "Seed cycles of each SQLite run, at least 1 (group commit runs five times as many; PostgreSQL a quarter and twice as many).")
    var durableCycles = 200
    @Option(help: "Agents of the simulated 8-hour shift (seed 1), 1 to 100000.") var simulateAgents = 1_000
    @Option(help: "Agents of each growth run, 1 to 100000; repeatable, fewest first.") var growthAgents: [Int] = [100, 10_000, 100_000]
    @Option(help: "Leads in the SQLite store of each growth run, at least 1.") var growthLeads = 1_000_000
    @Option(help: "Events of each growth run (after a warm-up of a tenth as many), at least 1.") var growthEvents = 100_000
    @Option(
        help: ArgumentHelp(
            "Run only the runs whose name contains this text, e.g. native, SQLite, memory (default: every run); for profiling.", valueName: "text"))
    var only: String?
    @Option(help: "Rows of the lead list the import run reads into a fresh SQLite store, at least 1.") var importRows = 1_000_000
    @Option(help: "Seconds wrk sends agent events to dialer serve in the serve run, at least 1.") var serveSeconds = 20
    @Option(help: .hidden) var memoryProbe: Int?
    @Option(help: .hidden) var importProbe: String?
    @Flag(help: .hidden) var simulateProbe = false

    func validate() throws {
        try OptionRange.check("--cycles", cycles, atLeast: 1, "seed cycles")
        try OptionRange.check("--durable-cycles", durableCycles, atLeast: 1, "seed cycles")
        for count in memoryAgents { try OptionRange.check("--memory-agents", count, 1...10_000_000, "agents") }
        try OptionRange.check("--simulate-agents", simulateAgents, 1...100_000, "agents")
        for count in growthAgents { try OptionRange.check("--growth-agents", count, 1...100_000, "agents") }
        try OptionRange.check("--growth-leads", growthLeads, atLeast: 1, "leads")
        try OptionRange.check("--growth-events", growthEvents, atLeast: 1, "events")
        try OptionRange.check("--import-rows", importRows, atLeast: 1, "rows")
        try OptionRange.check("--serve-seconds", serveSeconds, atLeast: 1, "seconds")
    }

    /// The group-commit row again with every input journaled (`serve`'s default), and what
    /// the journal costs of the throughput without it (target: at most 15 %). On a busy
    /// machine one run of each varies by more than that: both run three times, interleaved,
    /// each on a new file, and the best of each is compared.
    private func reportJournalCost(
        _ bench: EngineBenchmarks, workload: SeedCycle, directory: URL, _ report: (BenchMeasurement) -> Void
    ) throws {
        var best: [Bool: BenchMeasurement] = [:]
        for round in 0..<3 {
            for journaled in [false, true] {
                let file = directory.appendingPathComponent("journal-\(journaled)-\(round).sqlite").path
                let engine = try bench.makeEngine(
                    rules: bench.luaRules(), store: try SQLiteAgentStore(path: file), workload: workload, commitMode: .grouped(maxEvents: 1_000))
                engine.journalsInputs = journaled
                let name = "SQLite durable, group commit, journal \(journaled ? "on" : "off"), best of 3"
                let run = bench.seedCycleBatched(name, engine: engine, workload: workload, cycles: durableCycles * 5)
                if run.eventsPerSecond > best[journaled]?.eventsPerSecond ?? 0 { best[journaled] = run }
            }
        }
        guard let off = best[false], let on = best[true] else { return }
        report(off)
        report(on)
        let cost = 1 - on.eventsPerSecond / off.eventsPerSecond
        let percent = String(format: "%.1f", cost * 100)
        say("journal on costs \(percent) % of durable group-commit throughput (target ≤ 15 %): \(cost <= 0.15 ? "met" : "not met")")
    }

    func run() throws {
        if let importProbe { return try probeImport(list: importProbe) }
        if simulateProbe { return try probeSimulate() }
        if let memoryProbe {
            // A fresh process: its resident size grows only with these agents, not with memory
            // an earlier run freed and the allocator kept.
            print(String(format: "%.1f", try EngineBenchmarks(rulesPath: rules, cycles: 0).memoryPerAgent(count: memoryProbe)))
            return
        }
        let bench = EngineBenchmarks(rulesPath: rules, cycles: cycles)
        let workload = SeedCycle(agents: 50)
        var rows: [BenchMeasurement] = []
        func wanted(_ name: String) -> Bool { only.map { name.localizedCaseInsensitiveContains($0) } ?? true }
        func report(_ m: BenchMeasurement) {
            rows.append(m)
            say(line(m))
        }
        say("dialer bench: \(ProcessInfo.processInfo.activeProcessorCount) cores, rules \(rules), seed cycle of 50 agents × 6 events")
        say(header())
        do {
            var lua: BenchMeasurement?
            var native: BenchMeasurement?
            if wanted("Lua rules, in memory") {
                lua = bench.seedCycle(
                    "Lua rules, in memory", engine: try bench.makeEngine(rules: bench.luaRules(), store: InMemoryAgentStore(), workload: workload),
                    workload: workload)
                report(lua!)
            }
            let shadowed = "Lua rules + Lua shadow rules, in memory"
            if wanted(shadowed) { report(try bench.shadowedSeedCycle(shadowed, workload: workload)) }
            if wanted("native Swift reference, in memory") {
                native = bench.seedCycle(
                    "native Swift reference, in memory",
                    engine: try bench.makeEngine(rules: SeedMatrixRules(), store: InMemoryAgentStore(), workload: workload), workload: workload)
                report(native!)
            }
            var luaAlone: BenchMeasurement?
            if wanted("rules alone") {
                luaAlone = try bench.rulesAlone("Lua rules alone (decisions, no engine)", rules: bench.luaRules(), workload: workload)
                report(luaAlone!)
                report(try bench.rulesAlone("native rules alone (decisions, no engine)", rules: SeedMatrixRules(), workload: workload))
            }
            if wanted("SQLite") {
                let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dialer-bench-\(ProcessInfo.processInfo.processIdentifier)")
                try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(at: dir) }
                let perEvent = try SQLiteAgentStore(path: dir.appendingPathComponent("per-event.sqlite").path)
                report(
                    bench.seedCycle(
                        "Lua rules, SQLite durable, one commit per event",
                        engine: try bench.makeEngine(rules: bench.luaRules(), store: perEvent, workload: workload), workload: workload,
                        cycles: durableCycles))
                let grouped = try SQLiteAgentStore(path: dir.appendingPathComponent("grouped.sqlite").path)
                report(
                    bench.seedCycleBatched(
                        "Lua rules, SQLite durable, group commit",
                        engine: try bench.makeEngine(
                            rules: bench.luaRules(), store: grouped, workload: workload, commitMode: .grouped(maxEvents: 1_000)), workload: workload,
                        cycles: durableCycles * 5))
                try reportJournalCost(bench, workload: workload, directory: dir, report)
            }
            if wanted("PostgreSQL") {
                if let url = postgres ?? ProcessInfo.processInfo.environment["DIALER_BENCH_POSTGRES_URL"] {
                    let schema = "bench_\(ProcessInfo.processInfo.processIdentifier)"
                    let pgURL = url + (url.contains("?") ? "&" : "?") + "schema=\(schema)"
                    let pgEvent = try PostgresAgentStore(url: pgURL, nodeID: "bench-1")
                    report(
                        bench.seedCycle(
                            "Lua rules, PostgreSQL, one commit per event",
                            engine: try bench.makeEngine(rules: bench.luaRules(), store: pgEvent, workload: workload), workload: workload,
                            cycles: max(durableCycles / 4, 1)))
                    let pgGroup = try PostgresAgentStore(url: pgURL, nodeID: "bench-1")
                    report(
                        bench.seedCycleBatched(
                            "Lua rules, PostgreSQL, group commit",
                            engine: try bench.makeEngine(
                                rules: bench.luaRules(), store: pgGroup, workload: workload, commitMode: .grouped(maxEvents: 1_000)),
                            workload: workload, cycles: durableCycles * 2))
                    try pgGroup.execute("DROP SCHEMA \(schema) CASCADE")
                } else {
                    say("PostgreSQL: not measured (give --postgres URL)")
                }
            }
            let cores = ProcessInfo.processInfo.activeProcessorCount
            var oneShard: BenchMeasurement?
            var allShards: BenchMeasurement?
            if wanted("shards") {
                oneShard = try bench.parallelSeedCycle(threads: 1, agentsPerShard: 50)
                report(oneShard!)
                if cores > 1 {
                    allShards = try bench.parallelSeedCycle(threads: cores, agentsPerShard: 50)
                    report(allShards!)
                }
            }

            say("")
            if let lua {
                say(
                    String(
                        format: "Lua rules vs the seeds' Python reference (%@ callbacks/s): %.1f× (target ≥ %.0f×: %@)",
                        NumberFormat.readable(SeedCycle.pythonReferenceCallbacksPerSecond, decimals: 0),
                        lua.eventsPerSecond / SeedCycle.pythonReferenceCallbacksPerSecond, BenchTargets.timesPython,
                        BenchTargets.verdict(lua.eventsPerSecond / SeedCycle.pythonReferenceCallbacksPerSecond >= BenchTargets.timesPython)))
                if let native {
                    say(
                        String(
                            format: "Lua rules vs the native Swift reference: %.2f× (%.0f%% of native speed)",
                            lua.eventsPerSecond / native.eventsPerSecond, 100 * lua.eventsPerSecond / native.eventsPerSecond))
                }
            }
            if let lua, let luaAlone {
                let engineMicros = 1e6 / lua.eventsPerSecond - 1e6 / luaAlone.eventsPerSecond * Double(luaAlone.events) / Double(lua.events)
                say(
                    String(
                        format:
                            "per event: %.2f µs in the Lua rules, %.2f µs in the engine's own work (state, undo, call records, commit; target ≤ %.1f µs: %@)",
                        1e6 / luaAlone.eventsPerSecond * Double(luaAlone.events) / Double(lua.events), engineMicros, BenchTargets.engineMicroseconds,
                        BenchTargets.verdict(engineMicros <= BenchTargets.engineMicroseconds)))
            }
            if let oneShard, let allShards {
                let scaling = allShards.eventsPerSecond / oneShard.eventsPerSecond
                say(
                    String(
                        format: "scaling from 1 to %d shards: %.2f× (target ≥ %.1f× from 1 to 2: %@)", cores, scaling, BenchTargets.twoShardScaling,
                        BenchTargets.verdict(scaling >= BenchTargets.twoShardScaling)))
            }
            if wanted("growth") { try growthRuns(bench, report: report) }
            if wanted("import") {
                // The list is written here, so the probe's memory is the import's alone.
                let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
                    "dialer-bench-list-\(ProcessInfo.processInfo.processIdentifier)")
                try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(at: dir) }
                let list = dir.appendingPathComponent("leads.csv").path
                try EngineBenchmarks.writeLeadList(rows: importRows, to: list)
                let (seconds, peak) = try figures(inFreshProcess: ["--import-probe", list])
                say(
                    String(
                        format:
                            "leads import, %@ rows into a fresh SQLite store (fresh process): %.2f s, %@ MB at most resident (target ≤ %.0f s for 1,000,000 rows%@)",
                        NumberFormat.grouped(importRows), seconds, NumberFormat.readable(peak / 1e6, decimals: 0), BenchTargets.importSeconds,
                        importRows == 1_000_000 ? ": " + BenchTargets.verdict(seconds <= BenchTargets.importSeconds) : ""))
            }
            if wanted("simulate") {
                let (seconds, peak) = try figures(inFreshProcess: ["--simulate-probe", "--simulate-agents", String(simulateAgents)])
                say(
                    String(
                        format:
                            "dialer simulate, %@ agents over an 8-hour shift (rules %@, seed 1, fresh process): %.2f s wall, %@ MB at most resident (target ≤ %.0f s at 1,000 agents%@)",
                        NumberFormat.grouped(simulateAgents), rules, seconds, NumberFormat.readable(peak / 1e6, decimals: 0),
                        BenchTargets.simulateSeconds,
                        simulateAgents == 1_000 ? ": " + BenchTargets.verdict(seconds <= BenchTargets.simulateSeconds) : ""))
            }
            if wanted("serve") { try serveRun() }
            if wanted("memory per agent") {
                for count in memoryAgents {
                    let bytes = try memoryInFreshProcess(count)
                    say(
                        String(
                            format:
                                "resident memory per agent at %@ logged-in agents (Lua rules, in memory, fresh process): %@ bytes (target ≤ %@ at 100,000%@)",
                            NumberFormat.grouped(count), NumberFormat.readable(bytes, decimals: 0),
                            NumberFormat.grouped(Int(BenchTargets.bytesPerAgent)),
                            count == 100_000 ? ": " + BenchTargets.verdict(bytes <= BenchTargets.bytesPerAgent) : ""))
                }
            }
        } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
    }

    /// The growth runs, each on a fresh SQLite file, and how the cost per event grew.
    private func growthRuns(_ bench: EngineBenchmarks, report: (BenchMeasurement) -> Void) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dialer-bench-growth-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var runs: [BenchMeasurement] = []
        for agents in growthAgents {
            let store = try SQLiteAgentStore(path: dir.appendingPathComponent("growth-\(agents).sqlite").path)
            var run = try bench.growth(agents: agents, leads: growthLeads, events: growthEvents, store: store)
            run.name += ", SQLite"
            report(run)
            runs.append(run)
        }
        guard let fewest = runs.first, let most = runs.last, runs.count > 1 else { return }
        let micros = { (run: BenchMeasurement) in 1e6 / run.eventsPerSecond }
        say(
            String(
                format: "growth: %.1f µs per event at %@ agents, %.1f µs at %@: %.2f× (target: at most %.1f×: %@)", micros(fewest),
                NumberFormat.grouped(growthAgents.first ?? 0), micros(most), NumberFormat.grouped(growthAgents.last ?? 0),
                micros(most) / micros(fewest), BenchTargets.growth, BenchTargets.verdict(micros(most) / micros(fewest) <= BenchTargets.growth)))
    }

    /// `--import-probe LIST`: imports the list into a fresh SQLite file and prints the import's
    /// seconds and this process's peak resident bytes.
    private func probeImport(list: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dialer-bench-import-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try SQLiteAgentStore(path: dir.appendingPathComponent("leads.sqlite").path)
        let (seconds, outcome) = try EngineBenchmarks.importLeads(from: list, into: store)
        guard outcome.rejected == 0, outcome.added == outcome.read else {
            throw BenchmarkError(message: "the import added \(outcome.added) of \(outcome.read) leads, \(outcome.rejected) rows refused")
        }
        print("\(seconds) \(peakResidentBytes())")
    }

    /// `--simulate-probe`: the 8-hour shift of `--simulate-agents` agents, its seconds and this
    /// process's peak resident bytes.
    private func probeSimulate() throws {
        var settings = SimulationSettings()
        settings.agents = simulateAgents
        settings.hours = 8
        settings.seed = 1
        let simulation = try Simulation(settings: settings, rules: LuaRuleSet(file: rules), keepsCallRecords: false)
        var result: SimulationResult?
        let seconds = wallSeconds { result = try? simulation.run() }
        guard result != nil else { throw BenchmarkError(message: "the simulated shift failed") }
        print("\(seconds) \(peakResidentBytes())")
    }

    /// Runs `dialer bench` with `arguments` in a fresh process and reads the two figures it prints.
    private func figures(inFreshProcess arguments: [String]) throws -> (Double, Double) {
        let text = try runFresh(arguments)
        let parts = text.split(separator: " ").compactMap { Double($0) }
        guard parts.count == 2 else { throw BenchmarkError(message: "dialer bench \(arguments.joined(separator: " ")) printed \(text)") }
        return (parts[0], parts[1])
    }

    /// `scripts/bench-serve.sh` with this binary: wrk sends agent events to a real `dialer serve`
    /// on SQLite over loopback for `--serve-seconds`; prints its figures beside the targets, or
    /// why it could not run (no checkout here, or no wrk).
    private func serveRun() throws {
        let script = "scripts/bench-serve.sh"
        guard FileManager.default.fileExists(atPath: script) else {
            say("serve: not measured (\(script) is not here: run dialer bench from a checkout)")
            return
        }
        let (agents, connections) = (50, 32)
        var environment = ProcessInfo.processInfo.environment
        environment["DIALER"] = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let (status, text) = try output(
            of: "/bin/bash", [script, String(agents), String(serveSeconds), String(connections)], environment: environment, withErrors: true)
        guard status == 0, let figures = ServeRun(wrkOutput: text) else {
            let why = text.split(separator: "\n").last.map(String.init) ?? "no output"
            say("serve: not measured (\(script) exited \(status): \(why))")
            return
        }
        say(figures.summary(connections: connections, seconds: serveSeconds))
    }

    /// Runs `dialer bench --memory-probe count` and reads the bytes per agent it prints.
    private func memoryInFreshProcess(_ count: Int) throws -> Double {
        let text = try runFresh(["--memory-probe", String(count)])
        guard let bytes = Double(text) else { throw BenchmarkError(message: "the memory probe for \(count) agents printed \(text)") }
        return bytes
    }

    /// `dialer bench --rules RULES` with `arguments` in a fresh process (its resident memory is
    /// its own, not what an earlier run left to the allocator); what it printed, trimmed.
    private func runFresh(_ arguments: [String]) throws -> String {
        let (status, text) = try output(of: "/proc/self/exe", ["bench", "--rules", rules] + arguments)
        guard status == 0 else {
            throw BenchmarkError(message: "dialer bench \(arguments.joined(separator: " ")) failed (exit \(status)): \(text)")
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs a program to its end: its exit status and what it printed (its errors too, with
    /// `withErrors`; else they go where this process's go).
    private func output(
        of executable: String, _ arguments: [String], environment: [String: String]? = nil, withErrors: Bool = false
    ) throws -> (status: Int32, text: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let out = Pipe()
        process.standardOutput = out
        if withErrors { process.standardError = out }
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    private func header() -> String {
        pad("run", 52) + pad("events", 10, right: true) + pad("events/s", 12, right: true) + pad("p50 µs", 9, right: true)
            + pad("p99 µs", 9, right: true)
    }

    private func line(_ m: BenchMeasurement) -> String {
        pad(m.name, 52) + pad(NumberFormat.grouped(m.events), 10, right: true)
            + pad(NumberFormat.readable(m.eventsPerSecond, decimals: 0), 12, right: true)
            + pad(m.p50.map { NumberFormat.readable($0, decimals: 2) } ?? "-", 9, right: true)
            + pad(m.p99.map { NumberFormat.readable($0, decimals: 2) } ?? "-", 9, right: true)
            + BenchTargets.label(forRun: m.name) { NumberFormat.readable($0, decimals: 0) }
    }

    private func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let space = String(repeating: " ", count: max(width - text.count, 1))
        return right ? space + text : text + space
    }
}
