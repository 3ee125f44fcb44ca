public import ArgumentParser
public import DialerCore
import DialerLua
import Foundation

struct Soak: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Drive many agents through the engine on a store with a seeded random workload.",
        discussion: """
            The agents (soak-0, soak-1, …) and fictional leads are added to the store when it lacks them. At start \
            the engine recovers whatever a previous run left open (--recovery). Each time the events committed \
            pass a multiple of --checkpoint-every, and at the end, it prints 'checkpoint events=… dials=… agent=… \
            ts=…': everything up to that line is on disk. Kill it at any moment and start it again on the same \
            store, and nothing committed is lost. At the end it prints how many events it sent in how many \
            seconds, and the events per second.
            Exit codes: 0 done, 1 --verify found a broken invariant, 2 the rules or the store failed, at start or \
            when the store refuses a commit (a full disk, an I/O error), where the soak stops, 64 bad usage.
            """
    )

    @OptionGroup var storeOptions: StoreOptions
    @Option(help: ArgumentHelp("The rule file the engine runs.", valueName: "file")) var rules = "rules/default.lua"
    @Option(help: "Agents to drive, 1 to 100000; the ones the store lacks are added.") var agents = 50
    @Option(help: "Events to send over all agents; 0 only recovers what a previous run left open.") var events = 100_000
    @Option(help: "Fictional leads to add when the store holds fewer dialable ones than this; 0 adds none.") var leads = 200_000
    @Option(help: "Seed of the random workload: the same seed sends the same events.") var seed: UInt64 = 1
    @Option(help: "Events per commit, at least 1 (1: one transaction per event).") var group = 256
    @Option(help: "Days of engine time the store's journal of inputs keeps (rules, agents, leads, events); 0: no journal.")
    var journalDays = 7
    @Option(help: "Events between two checkpoint lines, at least 1.") var checkpointEvery = 1_000
    @Option(help: "What becomes of calls a previous run left open: end-calls (they are ended) or keep-connected.")
    var recovery: DialerEngine.RecoveryPolicy = .endCalls
    @Flag(help: "After the run, check the store's invariants and exit 1 if one is broken.") var verify = false

    @Option(help: "Seconds after which to stop even if events remain (default: no time limit).") var duration: Double?

    func validate() throws {
        try OptionRange.check("--agents", agents, 1...100_000, "agents")
        try OptionRange.check("--events", events, atLeast: 0, "events")
        try OptionRange.check("--leads", leads, atLeast: 0, "leads")
        try OptionRange.check("--journal-days", journalDays, atLeast: 0, "days")
        try OptionRange.check("--group", group, atLeast: 1, "events per commit")
        try OptionRange.check("--checkpoint-every", checkpointEvery, atLeast: 1, "events")
        if let duration, !(duration > 0) {
            throw ValidationError("--duration \(duration) is out of range: expected more than 0 seconds, e.g. --duration 30")
        }
    }

    /// With a journal: the rule file the soak runs on, and a pruning of what is past the retention.
    private func journalStart(_ store: any AgentStore, clock: VirtualClock) throws {
        let retention = JournalRetention(days: journalDays)
        guard retention.isOn else { return }
        let text = try String(contentsOfFile: rules, encoding: .utf8)
        let seed = Int(truncatingIfNeeded: seed)
        try store.commit(StoreBatch(journal: [JournalEntry(time: clock.now, input: .rules(file: rules, text: text, seed: seed, trigger: "start"))]))
        _ = try store.pruneJournal(before: retention.cutoff(at: clock.now))
    }

    func run() throws {
        let store = try storeOptions.open()
        let shared = store as? any SharedAgentStore
        let ids = (0..<agents).map { "soak-\($0)" }
        let engine: DialerEngine
        let clock: VirtualClock
        do {
            let existing = try store.listAgents()
            clock = VirtualClock(start: (existing.compactMap(\.timestamp).max() ?? 0) + 1)
            try journalStart(store, clock: clock)
            let journaled = journalDays > 0
            let added = Set(existing.map(\.agentID))
            var batch = StoreBatch()
            batch.states = ids.filter { !added.contains($0) }.map { AgentState(agentID: $0) }
            if journaled { batch.journal = batch.states.map { JournalEntry(time: clock.now, input: .agentAdded(agentID: $0.agentID)) } }
            if !batch.states.isEmpty { try store.commit(batch) }
            // The leads are inputs too: journaled with them (a replay needs the numbers it dials),
            // except on a shared store, where every node adds the same list at once and one
            // transaction for it would hold the other nodes back (each is the same entry anyway).
            func addLeads(_ numbers: [String]) throws {
                guard !numbers.isEmpty else { return }
                let entry = journaled && shared == nil ? JournalEntry(time: clock.now, input: .leadsAdded(numbers: numbers)) : nil
                _ = try store.addLeads(numbers, journal: entry)
            }
            if shared != nil {
                try addLeads((0..<leads).map(LeadList.fictionalNumber))  // idempotent: every node adds the same
            } else {
                let counts = try store.summarizeLeads(at: .greatestFiniteMagnitude)  // every available lead counts, waiting or not
                if counts.ready < leads {
                    let next = counts.ready + counts.dialing + counts.done  // the fictional numbers are added in order
                    try addLeads((next..<(next + leads)).map(LeadList.fictionalNumber))
                }
            }
            let ruleSet = try LuaRuleSet(file: rules, seed: Int(truncatingIfNeeded: seed))
            let pool = StoredLeadPool(store: store, settings: ruleSet.leadSettings)
            engine = try DialerEngine(rules: ruleSet, store: store, leads: pool, telephony: DiscardingTelephony(), clock: clock)
            engine.commitMode = group <= 1 ? .perEvent : .grouped(maxEvents: group)
            engine.journalsInputs = journaled
        } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
        defer { if let shared { try? shared.releaseLeases() } }
        let openBefore = engine.agentIDs.reduce(0) { $0 + engine.ringingDials(of: $1).count + (engine.liveCall(of: $1) == nil ? 0 : 1) }
        do {
            let refused = try engine.recover(policy: recovery)
            say("recovered \(openBefore) open dials (\(recovery.rawValue)); \(refused.count) events refused")
        } catch {
            printError("recovery failed: \(error)")
            throw ExitCode(2)
        }
        let dialsBefore = (try? store.loadDials().count) ?? 0
        var workload = RandomWorkload(agentIDs: ids, seed: seed)
        var refused = 0
        var elsewhere = 0
        var lastAgent = ids[0]
        let start = ContinuousClock.now
        var lastRenewal = start
        var sent = 0
        func elapsed(since instant: ContinuousClock.Instant) -> Double {
            let d = ContinuousClock.now - instant
            return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        }
        while sent < events, duration.map({ elapsed(since: start) < $0 }) ?? true {
            if let shared, elapsed(since: lastRenewal) >= shared.leaseSeconds / 3 {
                lastRenewal = .now
                takeOver(shared, engine)
            }
            let batch = min(group, events - sent)
            for _ in 0..<batch {
                let event = workload.nextEvent(for: engine)
                clock.advance(to: clock.now + 0.01)
                guard engine.state(of: event.agentID) != nil else {
                    elsewhere += 1  // driven by another node
                    continue
                }
                lastAgent = event.agentID
                engine.submit(event)
            }
            let failed = engine.drain()
            refused += failed.count
            // A store that refuses commits (disk full, I/O error, server gone) refuses every
            // later event too: stop rather than count refusals and exit 0.
            for case .store(let cause, let operation) in failed {
                printError("soak stopped after \(sent) events: \(EngineError.store(cause, during: operation))")
                throw ExitCode(2)
            }
            if let first = failed.first, refused == failed.count { printError("first refused event: \(first)") }
            let previous = sent
            sent += batch
            if sent / checkpointEvery != previous / checkpointEvery || sent == events {
                let ts = engine.state(of: lastAgent)?.timestamp.map { "\($0)" } ?? "none"
                say("checkpoint events=\(sent) dials=\(dialsBefore + engine.facts.dials) agent=\(lastAgent) ts=\(ts)")
            }
        }
        let seconds = elapsed(since: start)
        let rate = NumberFormat.readable(Double(sent) / max(seconds, 1e-9), decimals: 0)
        say(
            "\(NumberFormat.grouped(sent)) events in \(NumberFormat.readable(seconds, decimals: 2)) s: \(rate) events/s (\(store.location), "
                + "\(group <= 1 ? "one commit per event" : "group commit of \(NumberFormat.grouped(group))"), \(NumberFormat.grouped(refused)) refused)"
        )
        if let shared {
            say(
                "node \(shared.nodeID) drove \(NumberFormat.grouped(engine.agentIDs.count)) agents at the end; \(NumberFormat.grouped(elsewhere)) events were for agents driven elsewhere"
            )
        }
        if verify {
            let problems = (try? StoreInvariants.violations(in: store)) ?? ["cannot read the store back"]
            if problems.isEmpty {
                say("invariants ok")
            } else {
                problems.forEach { printError($0) }
                throw ExitCode(1)
            }
        }
    }

    /// Renews this node's leases and takes over agents whose node stopped renewing.
    private func takeOver(_ shared: any SharedAgentStore, _ engine: DialerEngine) {
        do {
            let takeover = try engine.renewLeases(on: shared, recovery: recovery)
            if !takeover.adopted.isEmpty { say("took over \(takeover.adopted.count) agents") }
        } catch {
            printError("lease renewal failed: \(error)")
        }
    }
}

/// Writes a line straight to standard output (unbuffered: a checkpoint is out before the next commit).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// Telephony for soak runs: the workload plays the far end itself.
final class DiscardingTelephony: Telephony {
    func place(_ dial: Dial) {}
    func hangUp(number: String, agentID: String) {}
    func bridge(_ dial: Dial, placedFor: String) {}
}

extension DialerEngine.RecoveryPolicy: ExpressibleByArgument {}
