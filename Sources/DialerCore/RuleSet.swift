/// Everything a rule may read when it decides: the agent, the event, its in-flight dials and the campaign.
public struct RuleInput: Sendable {
    /// The agent's state before the event.
    public var agent: AgentState
    /// The event.
    public var event: AgentEvent
    /// The agent's dials still ringing (placed, not yet answered or failed).
    public var inFlight: Int
    /// Campaign-wide facts.
    public var campaign: CampaignFacts
    /// What the lead source knows of the event's number (attempts, last outcome, time zone);
    /// nil for events without a number and for sources that know nothing (a plain list).
    public var lead: LeadFacts?
    /// Seconds the agent has been in its status, on the engine clock.
    public var secondsInStatus: Double = 0
    /// The campaign's recent calls, answers and agents in calls. The engine hands it over only
    /// for the rules' call (a copy kept while the kernel changes it would copy its buffers).
    public var pacing = PacingFigures()

    /// Makes an input.
    public init(agent: AgentState, event: AgentEvent, inFlight: Int, campaign: CampaignFacts, lead: LeadFacts? = nil) {
        self.agent = agent
        self.event = event
        self.inFlight = inFlight
        self.campaign = campaign
        self.lead = lead
    }
}

/// The status × event reaction matrix. The engine asks it what happens and gets back a
/// `Reaction`; it never knows how the rules are written (Lua in production, Swift in tests).
///
/// A rule set is used by one engine, on one thread at a time.
public protocol RuleSet: AnyObject {
    /// Where the rules come from, for messages (`rules/default.lua`).
    var origin: String { get }
    /// Decides the reaction for one event. Throws a `RuleError` and changes nothing on failure.
    func react(to input: RuleInput) throws(RuleError) -> Reaction
    /// Who takes an answered call; read by the engine for every `call_start`.
    var answerRouting: AnswerRouting { get }
}

extension RuleSet {
    /// The seed's reading: the agent the dial was placed for.
    public var answerRouting: AnswerRouting { .dialingAgent }
}
