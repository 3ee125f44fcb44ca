/// Checks a store for the states a crash must never leave behind: call records of unknown
/// agents, agents in a call with no call to end it, more than one live call per agent.
public enum StoreInvariants {
    /// Every broken invariant, as a sentence; empty when the store is consistent.
    public static func violations(in store: any AgentStore) throws -> [String] {
        let agents = Dictionary(uniqueKeysWithValues: try store.listAgents().map { ($0.agentID, $0) })
        let open = try store.loadDials().filter { $0.outcome == nil || $0.outcome == .connected }
        var problems: [String] = []
        var live: [String: Int] = [:]
        for dial in open {
            if agents[dial.agentID] == nil { problems.append("dial \(dial.id) to \(dial.number) is open for unknown agent '\(dial.agentID)'") }
            if dial.outcome == .connected { live[dial.agentID, default: 0] += 1 }
        }
        for (id, agent) in agents.sorted(by: { $0.key < $1.key }) {
            if agent.status == .inCall && live[id, default: 0] == 0 {
                problems.append("agent '\(id)' is in_call with no connected call: nothing would ever end it")
            }
            if live[id, default: 0] > 1 { problems.append("agent '\(id)' has \(live[id]!) connected calls") }
        }
        return problems
    }
}
