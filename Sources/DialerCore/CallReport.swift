/// Call metrics of one agent (seed 003's per-agent report, plus dials, connects, drops and the
/// abandon rate), computed from call records.
public struct AgentCallStats: Sendable, Equatable, Codable {
    /// The agent.
    public var agentID: String
    /// Dials placed for the agent.
    public var dials = 0
    /// Dials a person answered.
    public var answered = 0
    /// Answered dials connected to the agent.
    public var connects = 0
    /// Connected calls that have ended (seed 003's `# Calls`).
    public var calls = 0
    /// Seconds talked over those calls.
    public var talkSeconds: Double = 0
    /// Answered dials dropped with no agent free (abandoned).
    public var drops = 0
    /// Dials that failed, were busy or rang out.
    public var fails = 0
    /// Dials still ringing.
    public var ringing = 0

    /// Makes empty stats.
    public init(agentID: String) { self.agentID = agentID }

    /// Average length of an ended call in seconds (seed 003's average call time); 0 without calls.
    public var averageCallSeconds: Double { calls == 0 ? 0 : talkSeconds / Double(calls) }

    /// Drops ÷ answered: the abandon rate regulators cap at 3%; 0 before any answer.
    public var abandonRate: Double { answered == 0 ? 0 : Double(drops) / Double(answered) }

    mutating func add(_ dial: Dial) {
        dials += 1
        if dial.answeredAt != nil { answered += 1 }
        switch dial.outcome {
        case nil: ringing += 1
        case .connected?: connects += 1
        case .completed?:
            connects += 1
            calls += 1
            if let answered = dial.answeredAt, let ended = dial.endedAt { talkSeconds += ended - answered }
        case .dropped?: drops += 1
        case .failed?, .busy?, .noAnswer?: fails += 1
        case .cancelled?, .notPlaced?: break
        }
    }
}

/// The per-agent call report and the campaign's totals.
public struct CallReport: Sendable, Equatable, Codable {
    /// One row per agent that has call records, by id.
    public var agents: [AgentCallStats]
    /// All agents together (`agentID` is `"total"`).
    public var total: AgentCallStats

    /// Computes the report from call records.
    public init(dials: [Dial]) {
        var byAgent: [String: AgentCallStats] = [:]
        var total = AgentCallStats(agentID: "total")
        for dial in dials {
            byAgent[dial.agentID, default: AgentCallStats(agentID: dial.agentID)].add(dial)
            total.add(dial)
        }
        agents = byAgent.values.sorted { $0.agentID < $1.agentID }
        self.total = total
    }
}
