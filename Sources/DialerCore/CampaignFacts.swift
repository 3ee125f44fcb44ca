/// What the engine knows about the whole campaign at the moment of an event; rules read it as
/// `campaign.*` to pace adaptively.
public struct CampaignFacts: Sendable, Equatable {
    /// Agents known to the engine.
    public var agents = 0
    /// Agents by status, indexed by `AgentStatus.index`.
    public var byStatus = StatusCounts()
    /// Dials placed and not yet answered or failed, over all agents.
    public var inFlight = 0
    /// Dials placed since start.
    public var dials = 0
    /// Dials answered by a person since start.
    public var answered = 0
    /// Answered dials connected to an agent.
    public var connects = 0
    /// Answered dials ended by the dialer with no agent to take them (abandoned).
    public var drops = 0
    /// Dials that failed, were busy or rang out.
    public var fails = 0
    /// The engine clock.
    public var now: Timestamp = 0

    /// Makes empty facts.
    public init() {}

    /// Agents with this status.
    public func count(_ status: AgentStatus) -> Int { byStatus[status.index] }

    /// Agents logged in (any status but `off`).
    public var loggedIn: Int { agents - count(.off) }

    /// Share of finished dial attempts answered by a person: answered ÷ (answered + fails); 0 before any.
    public var answerRate: Double {
        let attempts = answered + fails
        return attempts == 0 ? 0 : Double(answered) / Double(attempts)
    }

    /// Abandon rate: drops ÷ calls answered by a person (the FTC/Ofcom definition); 0 before any answer.
    public var abandonRate: Double { answered == 0 ? 0 : Double(drops) / Double(answered) }
}

/// Four counters, one per `AgentStatus`, indexed by `AgentStatus.index`. A fixed-size value
/// (not an array), so copying the campaign facts for every event allocates nothing.
public struct StatusCounts: Sendable, Equatable {
    private var off = 0
    private var ready = 0
    private var inCall = 0
    private var inactive = 0

    /// All zero.
    public init() {}

    /// The counter of the status with this index.
    public subscript(index: Int) -> Int {
        get {
            switch index {
            case 0: off
            case 1: ready
            case 2: inCall
            default: inactive
            }
        }
        set {
            switch index {
            case 0: off = newValue
            case 1: ready = newValue
            case 2: inCall = newValue
            default: inactive = newValue
            }
        }
    }
}
