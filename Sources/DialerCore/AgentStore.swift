/// What one committed step writes: the agents it changed or removed, the dial records it
/// created or updated, and the warnings it raised. A store writes a batch all or nothing.
public struct StoreBatch: Sendable, Equatable {
    /// Agents created or changed.
    public var states: [AgentState] = []
    /// Agents removed.
    public var removedAgents: [String] = []
    /// Dial records created or changed.
    public var dials: [Dial] = []
    /// Warnings raised.
    public var warnings: [DialerWarning] = []

    /// Makes an empty batch.
    public init() {}

    /// Whether the batch writes nothing.
    public var isEmpty: Bool { states.isEmpty && removedAgents.isEmpty && dials.isEmpty && warnings.isEmpty }
}

/// Where agent state and call records persist. The engine commits each step here before any
/// effect reaches telephony, and loads every agent from here at start (seed 000 §3.1 `init`).
public protocol AgentStore: AnyObject {
    /// Every stored agent, in a stable order.
    func loadAgents() throws -> [AgentState]
    /// Dials that were still ringing or connected when the store was last written.
    func loadOpenDials() throws -> [Dial]
    /// Writes a batch atomically; on error nothing of it is stored.
    func commit(_ batch: StoreBatch) throws
}

/// A store in memory: for tests, replays and simulations.
public final class InMemoryAgentStore: AgentStore {
    /// Stored agents by id.
    public private(set) var agents: [String: AgentState] = [:]
    /// Stored dials by id.
    public private(set) var dials: [Int: Dial] = [:]
    /// Stored warnings, in order.
    public private(set) var warnings: [DialerWarning] = []

    /// Makes an empty store.
    public init() {}

    /// Every agent, ordered by id.
    public func loadAgents() throws -> [AgentState] { agents.values.sorted { $0.agentID < $1.agentID } }

    /// Dials ringing or connected, in dial order.
    public func loadOpenDials() throws -> [Dial] {
        dials.values.filter { $0.outcome == nil || $0.outcome == .connected }.sorted { $0.id < $1.id }
    }

    /// Applies the batch.
    public func commit(_ batch: StoreBatch) throws {
        for id in batch.removedAgents { agents[id] = nil }
        for state in batch.states { agents[state.agentID] = state }
        for dial in batch.dials { dials[dial.id] = dial }
        warnings.append(contentsOf: batch.warnings)
    }
}
