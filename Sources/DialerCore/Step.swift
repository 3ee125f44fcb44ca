/// What the decision kernel did with one event, as a value: the agent before and after, the
/// call records it wrote, and the commands for the ports. The driver decides the `launches`
/// `dialing` events into the same commit unit, commits `after` and `dials`, and only then
/// hands `placed`, `bridged` and `ended` to telephony and finishes the leads of the final dials.
public struct Step: Sendable, Equatable {
    /// The event as decided: for an answer routed to another agent, that agent's `call_start`.
    public var event: AgentEvent
    /// Engine time when it was decided.
    public var time: Timestamp
    /// The agent before the event.
    public var before: AgentState
    /// The agent after the event (written when it differs from `before`).
    public var after: AgentState
    /// For a `call_start` routed to this agent: the agent the dial was placed for.
    public var routedFrom: String?
    /// Call records created or changed, in the order they changed.
    public var dials: [Dial] = []
    /// Dials to place (also in `dials`).
    public var placed: [Dial] = []
    /// Numbers whose calls the agent's rules hung up.
    public var ended: [String] = []
    /// The id of an answer connected to `event.agentID` instead of `routedFrom` (its call
    /// record is in `dials`; an id keeps the step small to pass on).
    public var bridgedDialID: Int?
    /// `dialing` events the rules launched for the agent.
    public var launches = 0
    /// Warnings raised.
    public var warnings: [DialerWarning] = []

    /// A step that changes nothing about the agent.
    init(event: AgentEvent, time: Timestamp, agent: AgentState) {
        self.event = event
        self.time = time
        self.before = agent
        self.after = agent
    }

    /// The answer connected to `event.agentID` instead of `routedFrom`, as it stands last.
    public var bridged: Dial? { bridgedDialID.flatMap { id in dials.last { $0.id == id } } }

    /// The observer's view of the step.
    var observed: EngineStep {
        EngineStep(
            event: event, time: time, before: before, after: after, placed: placed, ended: ended,
            warnings: warnings, error: nil, routedFrom: routedFrom, finished: finished)
    }

    /// The call records the step left with a final outcome, each once (as it stands last).
    var finished: [Dial] {
        var finished: [Dial] = []
        for (index, dial) in dials.enumerated() where dial.outcome?.isFinal == true {
            // A record the step changed again later is taken as it stands last.
            if !dials[(index + 1)...].contains(where: { $0.id == dial.id }) { finished.append(dial) }
        }
        return finished
    }
}
