/// What the engine did with one event: for observers (replay history, logs, metrics).
public struct EngineStep: Sendable {
    /// The event.
    public var event: AgentEvent
    /// Engine time when it was handled.
    public var time: Timestamp
    /// The agent before (nil for an unknown agent).
    public var before: AgentState?
    /// The agent after (equal to `before` when the event failed or changed nothing).
    public var after: AgentState?
    /// Dials placed.
    public var placed: [Dial]
    /// Numbers hung up by the dialer.
    public var ended: [String]
    /// Warnings raised.
    public var warnings: [DialerWarning]
    /// Set when the event was refused; then nothing changed.
    public var error: EngineError?
    /// For a `call_start` routed to this agent (answer routing `any_ready_agent`): the agent
    /// the dial was placed for, to whom telephony reported the answer.
    public var routedFrom: String? = nil
    /// Call records this step finished (an outcome that no event changes again), as committed:
    /// for an observer that counts calls as they end instead of reading them back from the store.
    public var finished: [Dial] = []
}
