/// Call figures of one agent, or of the campaign (`agentID` is `total`), counted from call
/// records: seed 003's `# Calls` and average call time, the dials by how they ended, and the
/// abandon rate. `dialer report` and `dialer simulate` both count with it, so one store gives
/// the same figures in both (definitions: docs/simulation.md, "Call metrics: definitions").
public struct AgentCallStats: Sendable, Equatable, Codable {
    /// The agent, or `total`.
    public var agentID: String
    /// Answered dials connected to the agent (talking, or ended after talking).
    public var connects = 0
    /// Connected calls that have ended (seed 003's `# Calls`).
    public var calls = 0
    /// Seconds from answer to end over those calls (the call record's `call_end`: in the
    /// simulation, after wrap-up).
    public var callSeconds: Double = 0
    /// Answered dials dropped with no agent free (abandoned).
    public var drops = 0
    /// Dials the number or the network failed.
    public var failed = 0
    /// Dials that were busy.
    public var busy = 0
    /// Dials that rang out unanswered.
    public var noAnswers = 0
    /// Dials the dialer hung up before anyone answered.
    public var cancelled = 0
    /// Dials still ringing.
    public var ringing = 0
    /// Dial requests the telephony refused or never got (`not_placed`): not dials placed.
    public var notPlaced = 0

    /// Makes empty stats.
    public init(agentID: String) { self.agentID = agentID }

    /// Dials placed: every attempt, whatever it came to (not those never placed).
    public var dials: Int { connects + drops + failed + busy + noAnswers + cancelled + ringing }

    /// Live answers: connects + drops. No answers, busy and failed dials are not answers.
    public var answered: Int { connects + drops }

    /// Fails: failed + busy (no answers are counted apart).
    public var fails: Int { failed + busy }

    /// Seed 003's average call time: call seconds ÷ `# Calls`; 0 without calls.
    public var averageCallSeconds: Double { calls == 0 ? 0 : callSeconds / Double(calls) }

    /// Drops ÷ live answers: the abandon rate regulators cap at 3%; 0 before any answer.
    public var abandonRate: Double { answered == 0 ? 0 : Double(drops) / Double(answered) }

    /// Counts one call record. Each outcome lands in exactly one of the counters `dials` adds
    /// up: a new outcome gets a counter and a case here, and joins `dials` only if it is an attempt.
    public mutating func add(_ dial: Dial) {
        switch dial.outcome {
        case nil: ringing += 1
        case .connected?: connects += 1
        case .completed?:
            connects += 1
            calls += 1
            if let answered = dial.answeredAt, let ended = dial.endedAt { callSeconds += ended - answered }
        case .dropped?: drops += 1
        case .failed?: failed += 1
        case .busy?: busy += 1
        case .noAnswer?: noAnswers += 1
        case .cancelled?: cancelled += 1
        case .notPlaced?: notPlaced += 1
        }
    }
}
