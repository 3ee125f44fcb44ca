public import DialerCore
public import DialerLua
import DialerReference
import Foundation

/// The engine benchmarks `dialer bench` prints.
public struct EngineBenchmarks {
    /// The rule file of the Lua runs.
    public var rulesPath: String
    /// Seed-cycle repetitions of the throughput runs.
    public var cycles: Int

    /// Makes the benchmarks.
    public init(rulesPath: String = "rules/default.lua", cycles: Int = 4_000) {
        self.rulesPath = rulesPath
        self.cycles = cycles
    }

    /// Telephony that drops everything: the benchmark plays the far end itself.
    final class NullTelephony: Telephony {
        func place(_ dial: Dial) {}
        func hangUp(number: String, agentID: String) {}
        func bridge(_ dial: Dial, placedFor: String) {}
    }

    /// An engine on `rules` and `store` with the workload's agents added.
    public func makeEngine(rules: any RuleSet, store: any AgentStore, workload: SeedCycle, commitMode: DialerEngine.CommitMode = .perEvent) throws
        -> DialerEngine
    {
        let engine = try DialerEngine(
            rules: rules, store: store, leads: LeadList([], generateAfterList: true), telephony: NullTelephony(), clock: VirtualClock())
        engine.commitMode = commitMode
        let known = Set(try store.listAgents().map(\.agentID))
        for id in workload.agentIDs where !known.contains(id) { try engine.addAgent(AgentState(agentID: id)) }
        return engine
    }

    /// The Lua rule set of the benchmark.
    public func luaRules() throws -> LuaRuleSet { try LuaRuleSet(file: rulesPath) }

    /// Seed cycles one event at a time: throughput, then latency per event.
    public func seedCycle(_ name: String, engine: DialerEngine, workload: SeedCycle, cycles: Int? = nil) -> BenchMeasurement {
        let cycles = cycles ?? self.cycles
        for _ in 0..<max(cycles / 20, 1) { workload.runCycle(on: engine) }  // warm up
        let time = wallSeconds { for _ in 0..<cycles { workload.runCycle(on: engine) } }
        let latencyCycles = max(cycles / 4, 1)
        let recorder = LatencyRecorder(capacity: latencyCycles * workload.eventsPerCycle)
        for _ in 0..<latencyCycles { workload.runCycle(on: engine, measure: recorder.measure) }
        return BenchMeasurement(
            name: name, events: cycles * workload.eventsPerCycle, seconds: time, p50: recorder.percentile(50), p99: recorder.percentile(99))
    }

    /// The Lua seed cycle with a second Lua rule state asked about every decision and its
    /// reaction compared with the live one, as `serve --shadow-rules` does (its counters aside):
    /// what a shadow costs per event, beside "Lua rules, in memory".
    public func shadowedSeedCycle(_ name: String, workload: SeedCycle) throws -> BenchMeasurement {
        let engine = try makeEngine(rules: luaRules(), store: InMemoryAgentStore(), workload: workload)
        let shadow = try luaRules()
        var differences = 0
        engine.onDecision = { input, live in
            if (try? shadow.react(to: input)) != live { differences += 1 }
        }
        let measured = seedCycle(name, engine: engine, workload: workload)
        guard differences == 0 else { throw BenchmarkError(message: "\(name): the same rules differed from themselves \(differences) times") }
        return measured
    }

    /// The rules alone, without the engine: the inputs the engine gave the rules in one seed
    /// cycle (launched `dialing` events included) decided again and again. Its figure is the
    /// ceiling the engine's own bookkeeping divides. Events here are rule decisions.
    public func rulesAlone(_ name: String, rules: any RuleSet, workload: SeedCycle) throws -> BenchMeasurement {
        final class Recorder: RuleSet {
            let inner: any RuleSet
            var inputs: [RuleInput] = []
            init(_ inner: any RuleSet) { self.inner = inner }
            var origin: String { inner.origin }
            func react(to input: RuleInput) throws(RuleError) -> Reaction {
                inputs.append(input)
                return try inner.react(to: input)
            }
        }
        let recorder = Recorder(rules)
        workload.runCycle(on: try makeEngine(rules: recorder, store: InMemoryAgentStore(), workload: workload))
        let inputs = recorder.inputs
        var effects = 0
        let time = wallSeconds {
            for _ in 0..<cycles {
                for input in inputs { effects &+= (try? rules.react(to: input))?.effects.count ?? 0 }
            }
        }
        guard effects > 0 else { throw BenchmarkError(message: "\(name): the rules decided no effect at all") }
        return BenchMeasurement(name: name, events: cycles * inputs.count, seconds: time)
    }

    /// Seed cycles sent in batches of one cycle (group commit).
    public func seedCycleBatched(_ name: String, engine: DialerEngine, workload: SeedCycle, cycles: Int) -> BenchMeasurement {
        workload.runCycleBatched(on: engine)
        let time = wallSeconds { for _ in 0..<cycles { workload.runCycleBatched(on: engine) } }
        return BenchMeasurement(name: name, events: cycles * workload.eventsPerCycle, seconds: time)
    }

    /// The Lua seed cycle on `threads` shards at once, each with its own engine and rule state
    /// (how the engine scales across cores: one Lua state per shard).
    public func parallelSeedCycle(threads: Int, agentsPerShard: Int) throws -> BenchMeasurement {
        let cycles = self.cycles
        let path = rulesPath
        let failures = Failures()
        let time = wallSeconds {
            DispatchQueue.concurrentPerform(iterations: threads) { shard in
                do {
                    let workload = SeedCycle(agents: agentsPerShard, prefix: "shard\(shard)")
                    let bench = EngineBenchmarks(rulesPath: path, cycles: cycles)
                    let engine = try bench.makeEngine(rules: try bench.luaRules(), store: InMemoryAgentStore(), workload: workload)
                    for _ in 0..<cycles { workload.runCycle(on: engine) }
                } catch {
                    failures.record("\(error)")
                }
            }
        }
        if let first = failures.first { throw BenchmarkError(message: first) }
        return BenchMeasurement(
            name: "\(threads) shards × \(agentsPerShard) agents, Lua rules, in memory", events: threads * cycles * agentsPerShard * 6, seconds: time)
    }

    /// Resident memory per agent for `count` logged-in agents (Lua rules, in memory).
    public func memoryPerAgent(count: Int) throws -> Double {
        let rules = try luaRules()
        let before = residentBytes()
        let store = InMemoryAgentStore()
        let engine = try DialerEngine(
            rules: rules, store: store, leads: LeadList([], generateAfterList: true), telephony: NullTelephony(), clock: VirtualClock())
        for i in 0..<count {
            let id = "agent-\(i)"
            try engine.addAgent(AgentState(agentID: id))
            engine.handle(AgentEvent(agentID: id, kind: .login))
        }
        let after = residentBytes()
        withExtendedLifetime((engine, store)) {}
        return Double(after - before) / Double(count)
    }
}

/// A benchmark that could not run.
public struct BenchmarkError: Error, CustomStringConvertible {
    /// What went wrong.
    public var message: String
    /// Makes an error.
    public init(message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}

/// Errors collected from concurrent shards.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []
    func record(_ message: String) { lock.withLock { messages.append(message) } }
    var first: String? { lock.withLock { messages.first } }
}
