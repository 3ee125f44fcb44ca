/// What one committed version of a dial does to its lead, before the cap on attempts: a store
/// applies it to the lead's stored attempts inside the dial's own commit, so the lead's new
/// standing is never written apart from the outcome that set it.
///
/// Why the store applies it rather than the engine: the store already turns each dial into its
/// lead's state in that transaction (recovery, agent removal and group commit all go through
/// it), and it reads the lead's attempts under the transaction's own lock, not from a cache a
/// node may hold stale; the engine's commit path stays as it is.
public struct LeadChange: Sendable, Equatable {
    /// The state the lead takes (before the cap turns a retry into `done`).
    public var state: LeadState
    /// Whether the dial counts as an attempt (a final outcome other than `cancelled` and
    /// `not_placed`).
    public var countsAsAttempt: Bool
    /// The dial's final outcome (nil while it rings or talks).
    public var outcome: DialOutcome?
    /// When the lead may be dialed again (a retry or lockout), nil: at once or never.
    public var eligibleAt: Timestamp?
    /// Why it waits.
    public var wait: LeadWait?

    /// Makes a change.
    public init(state: LeadState, countsAsAttempt: Bool = false, outcome: DialOutcome? = nil, eligibleAt: Timestamp? = nil, wait: LeadWait? = nil) {
        self.state = state
        self.countsAsAttempt = countsAsAttempt
        self.outcome = outcome
        self.eligibleAt = eligibleAt
        self.wait = wait
    }
}

extension RetryPolicy {
    /// What this version of `dial` does to its lead: dialing while it rings or talks; at a
    /// final outcome done, available again at once (`cancelled`), available after a delay that
    /// is no attempt (`not_placed`), or available after the outcome's delay (the store then
    /// applies the cap on attempts).
    public func change(after dial: Dial) -> LeadChange {
        guard let outcome = dial.outcome, outcome.isFinal else { return LeadChange(state: .dialing) }
        return change(after: outcome, at: dial.endedAt ?? dial.answeredAt ?? dial.dialedAt)
    }

    /// What a dial that ended at `time` with the final `outcome` does to its lead.
    public func change(after outcome: DialOutcome, at time: Timestamp) -> LeadChange {
        if outcome == .cancelled { return LeadChange(state: .available, outcome: .cancelled) }
        if outcome == .notPlaced {
            return LeadChange(state: .available, outcome: .notPlaced, eligibleAt: time + notPlacedDelay, wait: .retry)
        }
        guard let delay = delay(after: outcome) else { return LeadChange(state: .done, countsAsAttempt: true, outcome: outcome) }
        return LeadChange(
            state: .available, countsAsAttempt: true, outcome: outcome, eligibleAt: time + delay, wait: outcome == .dropped ? .lockout : .retry)
    }
}
