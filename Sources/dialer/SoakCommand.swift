public import ArgumentParser
public import DialerCore
import DialerLua
import Foundation

struct Soak: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Drive many agents through the engine on a store with a seeded random workload.",
        discussion: """
            Agents soak-0 … soak-N and fictional leads are created in the store when missing. At start the engine
            recovers whatever a previous run left open (--recovery). While it runs it prints a checkpoint after
            every committed group: `checkpoint events=… dials=… agent=… ts=…`: everything up to there is on disk.
            Kill it at any moment and start it again on the same store: nothing committed is lost.
            """
    )

    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "Rule file.") var rules = "rules/default.lua"
    @Option(help: "Number of agents.") var agents = 50
    @Option(help: "Number of events to send.") var events = 100_000
    @Option(help: "Leads to create when the store has fewer dialable ones.") var leads = 200_000
    @Option(help: "Seed of the workload.") var seed: UInt64 = 1
    @Option(help: "Events per commit (1: one transaction per event).") var group = 256
    @Option(help: "Print a checkpoint every this many events.") var checkpointEvery = 1_000
    @Option(help: "What becomes of calls a previous run left open: end-calls or keep-connected.")
    var recovery: DialerEngine.RecoveryPolicy = .endCalls
    @Flag(help: "After the run, check the store's invariants and exit 1 if one is broken.") var verify = false

    func run() throws {
        let store = try storeOptions.open()
        let ids = (0..<agents).map { "soak-\($0)" }
        let engine: DialerEngine
        let clock: VirtualClock
        do {
            let known = try store.loadAgents()
            var batch = StoreBatch()
            let existing = Set(known.map(\.agentID))
            batch.states = ids.filter { !existing.contains($0) }.map { AgentState(agentID: $0) }
            if !batch.states.isEmpty { try store.commit(batch) }
            let dialable = try store.loadDialableLeads().count
            if dialable < leads {
                let next = try store.loadDials().count + dialable
                _ = try store.addLeads((next..<(next + leads)).map(LeadList.fictionalNumber))
            }
            clock = VirtualClock(start: (known.compactMap(\.timestamp).max() ?? 0) + 1)
            let ruleSet = try LuaRuleSet(file: rules, seed: Int(truncatingIfNeeded: seed))
            engine = try DialerEngine(rules: ruleSet, store: store, leads: StoredLeads(store: store), telephony: DiscardingTelephony(), clock: clock)
            engine.commitMode = group <= 1 ? .perEvent : .grouped(maxEvents: group)
        } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
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
        var errors = 0
        var lastAgent = ids[0]
        let start = ContinuousClock.now
        var sent = 0
        while sent < events {
            let batch = min(group, events - sent)
            for _ in 0..<batch {
                let event = workload.nextEvent(for: engine)
                lastAgent = event.agentID
                engine.submit(event)
                clock.advance(to: clock.now + 0.01)
            }
            let failed = engine.drain()
            errors += failed.count
            if let first = failed.first, errors == failed.count { printError("first refused event: \(first)") }
            let previous = sent
            sent += batch
            if sent / checkpointEvery != previous / checkpointEvery || sent == events {
                let ts = engine.state(of: lastAgent)?.timestamp.map { "\($0)" } ?? "none"
                say("checkpoint events=\(sent) dials=\(dialsBefore + engine.facts.dials) agent=\(lastAgent) ts=\(ts)")
            }
        }
        let seconds = Double((ContinuousClock.now - start).components.attoseconds) / 1e18 + Double((ContinuousClock.now - start).components.seconds)
        say(String(format: "%d events in %.2f s: %.0f events/s (%@, %@, %d refused)",
                     events, seconds, Double(events) / max(seconds, 1e-9), store.location,
                     group <= 1 ? "one commit per event" : "group commit of \(group)", errors))
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
}

/// Writes a line straight to standard output (unbuffered: a checkpoint is out before the next commit).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// Telephony for soak runs: the workload plays the far end itself.
final class DiscardingTelephony: Telephony {
    func place(_ dial: Dial) {}
    func hangUp(number: String, agentID: String) {}
}

extension DialerEngine.RecoveryPolicy: ExpressibleByArgument {}
