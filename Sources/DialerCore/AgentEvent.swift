/// Why a dial failed, as telephony reports it with `call_fail`.
public enum FailReason: String, Sendable, Codable, CaseIterable {
    /// The network or the number failed (bad number, congestion).
    case failed
    /// The line was busy.
    case busy
    /// Nobody answered before the ring timeout.
    case noAnswer = "no_answer"
    /// The dial never left: the telephony refused the request or could not be reached. Not an
    /// attempt: the lead waits `retry.not_placed` seconds and keeps its attempts.
    case notPlaced = "not_placed"

    /// Every reason as written, for messages that list them: `failed, busy, no_answer, not_placed`.
    public static var spelledOut: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// One event for one agent: the input of the engine.
public struct AgentEvent: Sendable, Equatable {
    /// The agent the event is for.
    public var agentID: String
    /// Which event.
    public var kind: EventKind
    /// The lead's phone number, for call events (`call_start` requires it).
    public var number: String?
    /// For `call_fail`: why the dial failed.
    public var reason: FailReason?

    /// Makes an event.
    public init(agentID: String, kind: EventKind, number: String? = nil, reason: FailReason? = nil) {
        self.agentID = agentID
        self.kind = kind
        self.number = number
        self.reason = reason
    }
}
