/// What one lease renewal on a shared store changed for an engine.
public struct LeaseTakeover: Sendable, Equatable {
    /// Agents another node now holds: the engine stopped driving them.
    public var lost: [String] = []
    /// Agents whose node stopped renewing, now driven here (their interrupted calls recovered).
    public var adopted: [String] = []
    /// Errors of the events the rules refused while recovering the adopted agents.
    public var refused: [EngineError] = []

    /// Makes an empty takeover.
    public init() {}
}

extension DialerEngine {
    /// Renews this node's leases, lets go of agents another node took, and takes over agents
    /// whose node stopped renewing, recovering their interrupted calls by `policy`. Call it
    /// every third of the lease time, as long as the engine runs on a shared store.
    /// `beforeRecovery` sees the adopted agents' open dials before recovery hangs any up.
    public func renewLeases(
        on store: any SharedAgentStore, recovery policy: RecoveryPolicy, beforeRecovery: ([Dial]) -> Void = { _ in }
    ) throws -> LeaseTakeover {
        var result = LeaseTakeover()
        let held = try store.renewLeases()
        result.lost = agentIDs.filter { !held.contains($0) }
        forget(result.lost)
        let claimed = try store.claimAgents()
        let new = claimed.states.filter { state(of: $0.agentID) == nil }
        guard !new.isEmpty else { return result }
        let newIDs = Set(new.map(\.agentID))
        let dials = claimed.openDials.filter { newIDs.contains($0.agentID) }
        adopt(new, openDials: dials)
        beforeRecovery(dials)
        result.adopted = new.map(\.agentID)
        result.refused = try recover(policy: policy, agents: result.adopted)
        return result
    }
}
