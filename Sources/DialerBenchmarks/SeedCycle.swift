public import DialerCore

/// The "seed cycle" workload of the benchmark: for each of `agents` agents in turn, `login`,
/// `call_fail`, `call_start`, `call_fail`, `call_end`, `logout`, repeated. The reference Python
/// implementation of the seeds runs it at about 38,000 callbacks per second on this machine.
public struct SeedCycle: Sendable {
    /// Agents taking part, `bench-0` …
    public let agentIDs: [String]
    /// Callbacks (events sent from outside) per cycle: six per agent.
    public var eventsPerCycle: Int { agentIDs.count * 6 }
    /// Callbacks per second of the seeds' Python reference here.
    public static let pythonReferenceCallbacksPerSecond = 38_000.0

    /// Makes the workload for `agents` agents.
    public init(agents: Int, prefix: String = "bench") {
        agentIDs = (0..<agents).map { "\(prefix)-\($0)" }
    }

    /// Sends one cycle, one event at a time, each handled (and committed) before the next.
    /// Calls `measure` around every event when given (for latency).
    public func runCycle(on engine: DialerEngine, measure: ((() -> Void) -> Void)? = nil) {
        for id in agentIDs {
            send(AgentEvent(agentID: id, kind: .login), engine, measure)
            send(AgentEvent(agentID: id, kind: .callFail), engine, measure)
            let number = engine.oldestRingingDial(of: id)?.number ?? "+12125550100"
            send(AgentEvent(agentID: id, kind: .callStart, number: number), engine, measure)
            send(AgentEvent(agentID: id, kind: .callFail), engine, measure)
            send(AgentEvent(agentID: id, kind: .callEnd), engine, measure)
            send(AgentEvent(agentID: id, kind: .logout), engine, measure)
        }
    }

    /// Sends one cycle as one batch and drains once (group commit takes it in as few
    /// transactions as its group size allows).
    public func runCycleBatched(on engine: DialerEngine) {
        for id in agentIDs {
            engine.submit(AgentEvent(agentID: id, kind: .login))
            engine.submit(AgentEvent(agentID: id, kind: .callFail))
        }
        engine.drain()
        for id in agentIDs {
            let number = engine.oldestRingingDial(of: id)?.number ?? "+12125550100"
            engine.submit(AgentEvent(agentID: id, kind: .callStart, number: number))
            engine.submit(AgentEvent(agentID: id, kind: .callFail))
            engine.submit(AgentEvent(agentID: id, kind: .callEnd))
            engine.submit(AgentEvent(agentID: id, kind: .logout))
        }
        engine.drain()
    }

    private func send(_ event: AgentEvent, _ engine: DialerEngine, _ measure: ((() -> Void) -> Void)?) {
        if let measure {
            measure { engine.handle(event) }
        } else {
            engine.handle(event)
        }
    }
}
