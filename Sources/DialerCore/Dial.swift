/// How a dial ended up. `nil` on a `Dial` means it is still ringing.
public enum DialOutcome: String, Sendable, Codable, CaseIterable {
    /// Answered and talking to the agent.
    case connected
    /// A connected call that has ended.
    case completed
    /// Answered with no agent free to take it, and ended by the dialer (abandoned).
    case dropped
    /// The network or the number failed.
    case failed
    /// The line was busy.
    case busy
    /// Nobody answered.
    case noAnswer = "no_answer"
    /// Hung up by the dialer before anyone answered.
    case cancelled
    /// Never placed: the telephony refused the dial request or could not be reached. Not an
    /// attempt and not a fail; the lead waits `retry.not_placed` seconds.
    case notPlaced = "not_placed"

    /// Whether nothing more can happen to the dial.
    public var isFinal: Bool { self != .connected }

    /// Whether the dial used up one of its lead's attempts: it ended, and it reached the far
    /// end (not hung up by the dialer while ringing, not refused by the telephony).
    public var isAttempt: Bool { isFinal && self != .cancelled && self != .notPlaced }
}

/// One outbound call attempt for an agent: the call record of seed 003.
public struct Dial: Sendable, Equatable, Codable {
    /// Engine-wide sequence number, in dial order.
    public var id: Int
    /// The agent the lead was dialed for.
    public var agentID: String
    /// The lead's phone number.
    public var number: String
    /// When the dial was placed.
    public var dialedAt: Timestamp
    /// When a person answered.
    public var answeredAt: Timestamp?
    /// When the call or attempt ended.
    public var endedAt: Timestamp?
    /// `nil` while ringing.
    public var outcome: DialOutcome?

    /// Makes a ringing dial.
    public init(id: Int, agentID: String, number: String, dialedAt: Timestamp) {
        self.id = id
        self.agentID = agentID
        self.number = number
        self.dialedAt = dialedAt
    }

    /// Still ringing: placed, neither answered nor ended.
    public var isRinging: Bool { outcome == nil && answeredAt == nil }
}

/// An abnormal condition raised by a rule (`warn`) or by the engine.
public struct DialerWarning: Sendable, Equatable, Codable {
    /// Machine-readable code, e.g. `call_start_while_in_call`.
    public var code: String
    /// The agent concerned.
    public var agentID: String
    /// The agent's status when the event arrived.
    public var status: AgentStatus
    /// The event being handled.
    public var event: EventKind
    /// When.
    public var time: Timestamp
    /// Optional detail.
    public var message: String?

    /// Makes a warning.
    public init(code: String, agentID: String, status: AgentStatus, event: EventKind, time: Timestamp, message: String? = nil) {
        self.code = code
        self.agentID = agentID
        self.status = status
        self.event = event
        self.time = time
        self.message = message
    }
}
