public import DialerCore
import DialerLua

extension EngineBenchmarks {
    /// Agents whose seed cycles one group commit takes (6 events each: 258 events).
    static let growthAgentsPerGroup = 43

    /// The cost of an event as the floor grows: `agents` agents on `store` holding `leads`
    /// fictional leads, dialed through a `StoredLeadPool` with the rule file's `LEADS`. Each
    /// group commit takes the seed cycle (login, call_fail, call_start, call_fail, call_end,
    /// logout) of 43 agents in a row from a random place in the floor (seed 1), so every run
    /// sends the same mix of events whatever the number of agents; the engine finds each agent
    /// among all of them and each lead among all the leads. Timed after a warm-up (a tenth as
    /// many events) that makes the first read of the leads: the figure is the steady cost.
    public func growth(agents: Int, leads: Int, events: Int, store: any AgentStore) throws -> BenchMeasurement {
        let ids = (0..<agents).map { "grow-\($0)" }
        var batch = StoreBatch()
        batch.states = ids.map { AgentState(agentID: $0) }
        try store.commit(batch)
        _ = try store.addLeads((0..<leads).map(LeadList.fictionalNumber))
        let rules = try luaRules()
        let engine = try DialerEngine(
            rules: rules, store: store, leads: StoredLeadPool(store: store, settings: rules.leadSettings), telephony: NullTelephony(),
            clock: VirtualClock(start: 1))
        engine.commitMode = .grouped(maxEvents: 6 * Self.growthAgentsPerGroup)
        var random = SeededRandom(seed: 1)
        func play(_ count: Int) throws -> Int {
            var sent = 0
            while sent < count {
                let first = Int.random(in: 0..<agents, using: &random)
                let group = (0..<min(Self.growthAgentsPerGroup, agents)).map { ids[(first + $0) % agents] }
                for id in group {
                    engine.submit(AgentEvent(agentID: id, kind: .login))
                    engine.submit(AgentEvent(agentID: id, kind: .callFail))
                }
                try check(engine.drain())
                for id in group {
                    engine.submit(AgentEvent(agentID: id, kind: .callStart, number: engine.oldestRingingDial(of: id)?.number ?? "+12125550100"))
                    engine.submit(AgentEvent(agentID: id, kind: .callFail))
                    engine.submit(AgentEvent(agentID: id, kind: .callEnd))
                    engine.submit(AgentEvent(agentID: id, kind: .logout))
                }
                try check(engine.drain())
                sent += 6 * group.count
            }
            return sent
        }
        _ = try play(max(events / 10, 1))
        var played = 0
        let time = try wallSeconds { played = try play(events) }
        return BenchMeasurement(
            name: "growth, \(NumberFormat.grouped(agents)) agents, \(NumberFormat.grouped(leads)) leads", events: played, seconds: time)
    }

    /// A store that refuses a commit stops the run.
    private func check(_ refused: [EngineError]) throws {
        if case .store(let cause, let operation)? = refused.first { throw EngineError.store(cause, during: operation) }
    }
}
