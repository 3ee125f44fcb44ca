/// The per-agent call report and the campaign's totals (`dialer report`), from call records.
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
