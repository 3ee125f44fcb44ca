import DialerCore

/// An agent as the API shows it: the seed's `AgentState` fields, then its dials.
struct AgentView: Sendable, Encodable, Equatable {
    var agentID: String
    var status: String
    var cdc: Int
    var latestLeadPhoneNumber: String?
    var lastStatus: String?
    var timestamp: Double?
    /// Dials placed and not yet answered or failed.
    var inFlight: Int
    /// Those dials, oldest first.
    var ringing: [DialView]
    /// The call the agent is talking on.
    var call: DialView?

    enum CodingKeys: String, CodingKey {
        case agentID = "agent_id"
        case status, cdc
        case latestLeadPhoneNumber = "latest_lead_phone_number"
        case lastStatus = "last_status"
        case timestamp
        case inFlight = "in_flight"
        case ringing, call
    }

    init(_ state: AgentState, ringing: [Dial], call: Dial?) {
        agentID = state.agentID
        status = state.status.rawValue
        cdc = state.cdc
        latestLeadPhoneNumber = state.latestLeadPhoneNumber
        lastStatus = state.lastStatus?.rawValue
        timestamp = state.timestamp
        inFlight = ringing.count
        self.ringing = ringing.map(DialView.init)
        self.call = call.map(DialView.init)
    }
}

/// The answer to `GET /agents`.
struct AgentsReply: Sendable, Encodable, Equatable {
    var agents: [AgentView]
}

/// One dial: the id telephony reports against, and its number.
struct DialView: Sendable, Encodable, Equatable {
    var dialID: Int
    var number: String
    var dialedAt: Double
    var answeredAt: Double?

    enum CodingKeys: String, CodingKey {
        case dialID = "dial_id"
        case number
        case dialedAt = "dialed_at"
        case answeredAt = "answered_at"
    }

    init(_ dial: Dial) {
        dialID = dial.id
        number = dial.number
        dialedAt = dial.dialedAt
        answeredAt = dial.answeredAt
    }
}

/// What the engine did with one event: the event sent, and the `dialing` events it launched.
struct StepView: Sendable, Encodable, Equatable {
    struct Warning: Sendable, Encodable, Equatable {
        var code: String
        var message: String?
    }

    var event: String
    var agentID: String
    var number: String?
    var statusBefore: String?
    var statusAfter: String?
    /// Dials placed (their requests are on their way to the webhook).
    var dials: [DialView]
    /// Numbers hung up by the dialer.
    var hungUp: [String]
    var warnings: [Warning]
    /// Set when the engine refused this step; then it changed nothing.
    var error: String?
    /// For an answer handed to this agent (ANSWER_ROUTING = "any_ready_agent"): the agent the
    /// dial was placed for.
    var routedFrom: String?

    enum CodingKeys: String, CodingKey {
        case event
        case agentID = "agent_id"
        case number
        case statusBefore = "status_before"
        case statusAfter = "status_after"
        case dials
        case hungUp = "hung_up"
        case warnings, error
        case routedFrom = "routed_from"
    }

    init(_ step: EngineStep) {
        event = step.event.kind.rawValue
        agentID = step.event.agentID
        number = step.event.number
        statusBefore = step.before?.status.rawValue
        statusAfter = step.after?.status.rawValue
        dials = step.placed.map(DialView.init)
        hungUp = step.ended
        warnings = step.warnings.map { Warning(code: $0.code, message: $0.message) }
        error = step.error?.description
        routedFrom = step.routedFrom
    }
}

/// The answer to an event: the agent afterwards and every step the event caused, in order.
struct EventReply: Sendable, Encodable, Equatable {
    var agent: AgentView
    var steps: [StepView]
}

/// The answer to `POST /leads`.
struct LeadsReply: Sendable, Encodable, Equatable {
    var added: Int
    var received: Int
}

/// A lead and its standing in the store (the answer to `POST /leads/{number}/callback`).
struct LeadView: Sendable, Encodable, Equatable {
    var number: String
    var state: String
    var attempts: Int
    var lastOutcome: String?
    /// Not dialed before this time (epoch seconds).
    var eligibleAt: Double?
    /// Why it waits: `retry`, `lockout` or `callback`.
    var wait: String?

    enum CodingKeys: String, CodingKey {
        case number, state, attempts, wait
        case lastOutcome = "last_outcome"
        case eligibleAt = "eligible_at"
    }

    init(_ lead: StoredLead) {
        number = lead.number
        state = lead.state.rawValue
        attempts = lead.attempts
        lastOutcome = lead.lastOutcome?.rawValue
        eligibleAt = lead.eligibleAt
        wait = lead.wait?.rawValue
    }
}

/// The answer to `GET /health`.
struct HealthReply: Sendable, Encodable, Equatable {
    /// `ok`, `busy` (one job has held the engine thread for a second or more) or `stopping`.
    var status: String
    var agents: Int
    var rulesVersion: String
    /// When the engine thread's current job started (ISO 8601 UTC); absent while it is idle.
    var busySince: String?
    /// Seconds that job has run so far.
    var busySeconds: Double?

    enum CodingKeys: String, CodingKey {
        case status, agents
        case rulesVersion = "rules_version"
        case busySince = "busy_since"
        case busySeconds = "busy_seconds"
    }
}
