/// A store several dialer nodes share. Each agent is driven by one node at a time: the node
/// holding its lease. A node claims agents whose lease is free or expired, renews its leases
/// while it runs, and releases them when it stops; a node that dies loses its agents when
/// their leases expire, and another node's next `claimAgents` takes them over.
public protocol SharedAgentStore: AgentStore {
    /// This node's name, recorded with every agent it drives and every dial it places.
    var nodeID: String { get }
    /// Seconds a lease lasts without renewal.
    var leaseSeconds: Double { get }
    /// Claims the agents that are free (or already this node's): their states and open dials.
    func claimAgents() throws -> (states: [AgentState], openDials: [Dial])
    /// Extends this node's leases; returns the ids of agents this node still holds.
    func renewLeases() throws -> Set<String>
    /// Gives up every lease of this node (at a clean stop), so other nodes take over at once.
    func releaseLeases() throws
}
