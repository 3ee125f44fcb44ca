/// How a store's leads stand at a time, as the store counts them (calling hours and
/// Do-Not-Call are not the store's: the lead source counts those).
public struct LeadSummary: Sendable, Equatable {
    /// Available and not waiting.
    public var ready = 0
    /// Waiting for a retry delay to pass or for a callback's time.
    public var retrying = 0
    /// Locked out after a dropped call.
    public var lockedOut = 0
    /// The earliest end of a wait, if any lead waits.
    public var nextEligible: Timestamp?
    /// In a dial now.
    public var dialing = 0
    /// Finished, or out of attempts.
    public var done = 0

    /// Makes a summary from counts.
    public init(ready: Int = 0, retrying: Int = 0, lockedOut: Int = 0, nextEligible: Timestamp? = nil, dialing: Int = 0, done: Int = 0) {
        self.ready = ready
        self.retrying = retrying
        self.lockedOut = lockedOut
        self.nextEligible = nextEligible
        self.dialing = dialing
        self.done = done
    }

    /// Counts `leads` at `time`.
    public init(_ leads: [StoredLead], at time: Timestamp) {
        for lead in leads {
            add(state: lead.state, wait: lead.eligibleAt.flatMap { $0 > time ? lead.wait ?? .retry : nil }, eligibleAt: lead.eligibleAt, count: 1)
        }
    }

    /// Adds `count` leads in `state`, waiting for `wait` (nil: not waiting) until `eligibleAt`.
    public mutating func add(state: LeadState, wait: LeadWait?, eligibleAt: Timestamp?, count: Int) {
        switch (state, wait) {
        case (.dialing, _): dialing += count
        case (.done, _): done += count
        case (.available, nil): ready += count
        case (.available, .retry?), (.available, .callback?): retrying += count
        case (.available, .lockout?): lockedOut += count
        }
        if state == .available, wait != nil, let eligibleAt { nextEligible = min(nextEligible ?? eligibleAt, eligibleAt) }
    }
}
