public import DialerCore

/// One dial of the simulated shift: the engine's call record (from its store) with what the
/// simulation saw on the line.
public struct CallRecord: Sendable, Equatable, Codable {
    /// The engine's dial id.
    public var dialID: Int
    /// The agent it was dialed for.
    public var agentID: String
    /// The lead.
    public var number: String
    /// When it was dialed.
    public var dialedAt: Timestamp
    /// When a person answered.
    public var answeredAt: Timestamp?
    /// When the talking stopped on a connected call (the lead or the dialer hung up).
    public var talkEndedAt: Timestamp?
    /// When the engine closed the record (for a connected call: its `call_end`, after wrap-up).
    public var endedAt: Timestamp?
    /// The engine's outcome (`nil`: still ringing).
    public var outcome: DialOutcome?
    /// What the dial came to.
    public var category: CallCategory

    /// Builds the record from the engine's dial and the line's talk end.
    public init(dial: Dial, talkEndedAt: Timestamp?) {
        dialID = dial.id
        agentID = dial.agentID
        number = dial.number
        dialedAt = dial.dialedAt
        answeredAt = dial.answeredAt
        endedAt = dial.endedAt
        outcome = dial.outcome
        self.talkEndedAt = dial.outcome == .completed || dial.outcome == .connected ? talkEndedAt ?? dial.endedAt : nil
        category =
            switch dial.outcome {
            case nil: .inFlight
            case .connected?, .completed?: .connect
            case .dropped?: .drop
            case .failed?: .failed
            case .busy?: .busy
            case .noAnswer?: .noAnswer
            // The simulated carrier places every dial; were one not placed, it reached the far
            // end no more than a cancelled one did.
            case .cancelled?, .notPlaced?: .cancelled
            }
    }

    /// The engine's call record again, to count with `AgentCallStats` as `dialer report` does.
    public var dial: Dial {
        var dial = Dial(id: dialID, agentID: agentID, number: number, dialedAt: dialedAt)
        dial.answeredAt = answeredAt
        dial.endedAt = endedAt
        dial.outcome = outcome
        return dial
    }

    /// Seconds the lead talked to the agent (0 unless connected and the talking has stopped).
    public var talkSeconds: Double {
        guard category == .connect, let answeredAt, let talkEndedAt else { return 0 }
        return talkEndedAt - answeredAt
    }

    /// When the dial stopped ringing: the answer, or the end of an unanswered dial.
    public var ringEndedAt: Timestamp? { answeredAt ?? endedAt }
}
