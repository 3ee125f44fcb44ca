public import DialerCore

/// Cuts a window out of a journal for `dialer capture`: replays the journal from its start to
/// the window's, notes where every agent and lead stood, then replays the window noting what
/// the engine did about each input.
public enum JournalCapture {
    /// The window `[from, to)` of `entries` (a journal from a run's start) for `agents` (every
    /// agent when empty; agents an answer passed between join the chosen ones). `from` defaults
    /// to the first entry, `to` to past the last.
    public static func window(of entries: [JournalEntry], agents chosen: [String], from: Timestamp?, to: Timestamp?)
        throws(CaptureError) -> CapturedWindow
    {
        guard let first = entries.first else { throw .emptyJournal }
        let start = (from ?? first.time).rounded(.down)
        let end = to ?? .infinity
        let replay = JournalReplay()
        let log = StepLog()
        replay.onStep = { log.steps.append($0) }
        var index = entries.startIndex
        while index < entries.endIndex, entries[index].time < start || replay.engine == nil {  // the run's rule file first
            try apply(entries[index], replay)
            index += 1
        }
        guard let engine = replay.engine, let ruleFile = replay.ruleFile else { throw .noRunBefore(start) }
        let agents = engine.agentIDs.map { agentStart($0, engine) }
        let campaign = engine.campaignHistory
        let standing = (try? replay.store.listLeads()) ?? []
        var raw: [RawStep] = []
        while index < entries.endIndex, entries[index].time < end {
            let entry = entries[index]
            log.steps.removeAll()
            let wasPaused = replay.dialingPaused
            try apply(entry, replay)
            raw.append(
                RawStep(
                    entry: entry, steps: log.steps, after: afterStates(log.steps, engine: replay.engine),
                    ruleFile: entry.kind == .rules ? replay.ruleFile : nil,
                    resumedFor: wasPaused && !replay.dialingPaused ? readyAgents(replay.engine) : []))
            index += 1
        }
        let window = try Selection(chosen: chosen, agents: agents, raw: raw)
        return CapturedWindow(
            from: start, to: end, ruleFile: ruleFile, campaign: campaign,
            agents: agents.filter { window.agents.contains($0.state.agentID) }.sorted(by: Self.readyOrder),
            agentIDs: window.agents.sorted(), joined: window.joined, leads: standing.filter { window.numbers.contains($0.number) },
            steps: try window.steps(raw, start: agents),
            placed: window.placed(raw), outcomes: outcomes(window.numberOrder, replay.store),
            sequences: raw.first.map { $0.entry.sequence...raw.last!.entry.sequence })
    }

    /// Collects the steps the replay's engine takes.
    private final class StepLog {
        var steps: [EngineStep] = []
    }

    /// An input of the window before the agents are chosen.
    struct RawStep {
        let entry: JournalEntry
        let steps: [EngineStep]
        /// Each touched agent's state and ringing numbers after the input.
        let after: [String: (state: AgentState, ringing: [String])]
        /// The rule file a `rules` entry put live.
        let ruleFile: JournalReplay.RuleFile?
        /// For a resume: the ready agents `serve` then sent a `dialing` event each (the next
        /// entries), in id order, as `resume_dialing()` does.
        let resumedFor: [String]
    }

    private static func readyAgents(_ engine: DialerEngine?) -> [String] {
        guard let engine else { return [] }
        return engine.agentIDs.filter { engine.state(of: $0)?.status == .ready }
    }

    private static func apply(_ entry: JournalEntry, _ replay: JournalReplay) throws(CaptureError) {
        let refused: [EngineError]
        do {
            refused = try replay.apply(entry)
        } catch {
            throw .journal(error)
        }
        // The live engine journals only what it accepted: a refusal here means the replay went another way.
        if let error = refused.first { throw .diverged(sequence: entry.sequence, time: entry.time, "\(error)") }
    }

    private static func agentStart(_ agentID: String, _ engine: DialerEngine) -> CapturedWindow.AgentStart {
        CapturedWindow.AgentStart(
            state: engine.state(of: agentID)!, since: engine.statusSince(of: agentID) ?? 0, ringing: engine.ringingDials(of: agentID),
            call: engine.liveCall(of: agentID))
    }

    /// Ready agents are answered in the order they became ready: declared in that order.
    private static func readyOrder(_ a: CapturedWindow.AgentStart, _ b: CapturedWindow.AgentStart) -> Bool {
        (a.since, a.state.agentID) < (b.since, b.state.agentID)
    }

    private static func afterStates(_ steps: [EngineStep], engine: DialerEngine?) -> [String: (state: AgentState, ringing: [String])] {
        guard let engine else { return [:] }
        var after: [String: (state: AgentState, ringing: [String])] = [:]
        for id in steps.flatMap({ [$0.event.agentID] + ($0.routedFrom.map { [$0] } ?? []) }) where after[id] == nil {
            guard let state = engine.state(of: id) else { continue }
            after[id] = (state, engine.ringingDials(of: id).map(\.number))
        }
        return after
    }

    /// The outcome of each number's latest dial now.
    private static func outcomes(_ numbers: [String], _ store: InMemoryAgentStore) -> [(number: String, outcome: DialOutcome?)] {
        var latest: [String: Dial] = [:]
        for dial in (try? store.loadDials()) ?? [] { latest[dial.number] = dial }
        return numbers.map { ($0, latest[$0]?.outcome) }
    }
}
