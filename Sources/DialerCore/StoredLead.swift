/// A lead as a store keeps it: its details and its standing (attempts, last outcome, when it
/// may be dialed again and why it waits). The standing is written in the same commit as the
/// dial outcome that set it, so it survives a restart.
public struct StoredLead: Sendable, Equatable, Codable {
    /// E.164 number.
    public var number: String
    /// Available, dialing or done.
    public var state: LeadState
    /// Dials that reached a final outcome other than `cancelled` and `not_placed` (a dial hung
    /// up by the dialer before anyone answered, or one that never left, does not count).
    public var attempts: Int
    /// Higher is dialed first.
    public var priority: Int
    /// The operator's id.
    public var leadID: String?
    /// The lead's name.
    public var name: String?
    /// The lead's own time zone.
    public var timeZone: String?
    /// The final outcome of its latest dial.
    public var lastOutcome: DialOutcome?
    /// Not dialed before this time (a retry delay, the lockout after a drop, a callback); nil: no wait.
    public var eligibleAt: Timestamp?
    /// Why it waits until `eligibleAt`.
    public var wait: LeadWait?
    /// Its place in the order leads were added to a single-node store (0 when unknown): with
    /// `priority`, its place in dialing order, which a pool keeps when a lead comes back to it.
    /// A store's bookkeeping, not the lead's: neither in its JSON nor in `==`.
    public var seq: Int64 = 0

    /// Equal details and standing (whatever their `seq`).
    public static func == (a: StoredLead, b: StoredLead) -> Bool {
        (a.number, a.state, a.attempts, a.priority) == (b.number, b.state, b.attempts, b.priority)
            && (a.leadID, a.name, a.timeZone) == (b.leadID, b.name, b.timeZone)
            && (a.lastOutcome, a.eligibleAt, a.wait) == (b.lastOutcome, b.eligibleAt, b.wait)
    }

    private enum CodingKeys: String, CodingKey {
        case number, state, attempts, priority, leadID, name, timeZone, lastOutcome, eligibleAt, wait
    }

    /// Whether it comes before `other` in dialing order: higher priority first, then the order added.
    public func dialsBefore(_ other: StoredLead) -> Bool { (other.priority, seq) < (priority, other.seq) }

    /// Makes a stored lead.
    public init(
        number: String, state: LeadState, attempts: Int = 0, priority: Int = 0, leadID: String? = nil, name: String? = nil, timeZone: String? = nil,
        lastOutcome: DialOutcome? = nil, eligibleAt: Timestamp? = nil, wait: LeadWait? = nil
    ) {
        self.number = number
        self.state = state
        self.attempts = attempts
        self.priority = priority
        self.leadID = leadID
        self.name = name
        self.timeZone = timeZone
        self.lastOutcome = lastOutcome
        self.eligibleAt = eligibleAt
        self.wait = wait
    }

    /// Applies what a dial did to this lead under `policy` (the store does this in the dial's commit).
    public mutating func apply(_ change: LeadChange, policy: RetryPolicy) {
        if change.countsAsAttempt { attempts += 1 }
        if let outcome = change.outcome { lastOutcome = outcome }
        if change.state == .available && change.countsAsAttempt && attempts >= policy.maxAttempts {
            state = .done  // out of attempts: no retry however it ended
            eligibleAt = nil
            wait = nil
        } else {
            state = change.state
            eligibleAt = change.eligibleAt
            wait = change.wait
        }
    }

    /// A callback at `time`: the lead may be dialed then and not before, whatever its standing
    /// (a done lead too); its attempts stay, so a callback that fails at the attempt cap
    /// finishes it. Refused while it is in a dial, whose outcome would overwrite the callback.
    public mutating func scheduleCallback(at time: Timestamp) throws(CallbackError) {
        guard state != .dialing else { throw .inDial(number: number) }
        state = .available
        eligibleAt = time
        wait = .callback
    }
}

/// State of a lead in a store.
public enum LeadState: String, Sendable, Codable, CaseIterable {
    /// May be dialed (once its wait, if any, is over).
    case available
    /// In a dial that has not ended.
    case dialing
    /// Dialed to a final outcome, or out of attempts.
    case done
}

/// Why an available lead waits before it may be dialed again.
public enum LeadWait: String, Sendable, Codable, CaseIterable {
    /// The retry delay after a failed, busy or unanswered dial.
    case retry
    /// The lockout after a dropped (abandoned) call: 72 h by default (Ofcom).
    case lockout
    /// A callback at a set time (`dialer leads callback`, `POST /leads/{number}/callback`).
    case callback
}
