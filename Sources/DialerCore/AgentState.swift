/// Seconds since 1970-01-01T00:00:00Z, on whichever clock the engine runs (system or virtual).
public typealias Timestamp = Double

/// The seed 000 agent record, field for field.
///
/// The fields are stored largest first, not in the seed's order, so the two one-byte statuses
/// share the padding after `timestamp`: 56 bytes a record instead of 72, and every agent is
/// held in several places (docs/measured.md, memory per agent).
public struct AgentState: Sendable, Equatable, Codable {
    /// The agent's identifier (`agent_id`).
    public var agentID: String
    /// The lead of the latest call the agent took (`latest_lead_phone_number`).
    public var latestLeadPhoneNumber: String?
    /// Current dialing count (`cdc`): how many parallel dials the rules believe are out.
    public var cdc: Int
    /// When the rules last stamped the record (`timestamp`): login, call start, call end, keep-alive.
    public var timestamp: Timestamp?
    /// Current status.
    public var status: AgentStatus
    /// The status before the latest status change (`last_status`).
    public var lastStatus: AgentStatus?

    /// A new agent: `off`, `cdc = 0`, as the seed's `AgentState.init`.
    public init(
        agentID: String, status: AgentStatus = .off, cdc: Int = 0, latestLeadPhoneNumber: String? = nil,
        lastStatus: AgentStatus? = nil, timestamp: Timestamp? = nil
    ) {
        self.agentID = agentID
        self.status = status
        self.cdc = cdc
        self.latestLeadPhoneNumber = latestLeadPhoneNumber
        self.lastStatus = lastStatus
        self.timestamp = timestamp
    }

    /// Applies a rule's changes; `last_status` follows a change of status.
    public func applying(_ change: StateChange) -> AgentState {
        var next = self
        if let status = change.status, status != self.status {
            next.lastStatus = self.status
            next.status = status
        }
        if let cdc = change.cdc { next.cdc = cdc }
        if let number = change.latestLeadPhoneNumber { next.latestLeadPhoneNumber = number }
        if let timestamp = change.timestamp { next.timestamp = timestamp }
        return next
    }
}
