/// Where calls are placed and hung up. Outcomes come back later as `call_start`, `call_fail`
/// and `call_end` events submitted to the engine.
public protocol Telephony: AnyObject {
    /// Place the call. The dial is already committed to the store.
    func place(_ dial: Dial)
    /// Hang up the call to `number` placed for `agentID`.
    func hangUp(number: String, agentID: String)
    /// Connect the answered call `dial` to `dial.agentID`, not to `placedFor`, the agent it
    /// was placed for (answer routing `any_ready_agent`). Later hang-ups of the call name the
    /// new agent.
    func bridge(_ dial: Dial, placedFor: String)
}

/// Telephony that only remembers what it was asked: for hosts that poll the engine.
public final class RecordingTelephony: Telephony {
    /// Calls placed, in order.
    public private(set) var placed: [Dial] = []
    /// Calls hung up, in order, as (agent, number).
    public private(set) var hungUp: [(agentID: String, number: String)] = []
    /// Answered calls connected to another agent than they were placed for, in order.
    public private(set) var bridged: [(dial: Dial, placedFor: String)] = []

    /// Makes an empty recorder.
    public init() {}

    /// Records the dial.
    public func place(_ dial: Dial) { placed.append(dial) }

    /// Records the hang-up.
    public func hangUp(number: String, agentID: String) { hungUp.append((agentID, number)) }

    /// Records the bridge.
    public func bridge(_ dial: Dial, placedFor: String) { bridged.append((dial, placedFor)) }
}
