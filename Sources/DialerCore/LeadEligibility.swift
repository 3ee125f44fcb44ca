/// When a stored lead may be dialed next under a campaign's settings, and why not sooner: the
/// store's standing (in a dial, done, a retry delay or lockout) and the compliance rules
/// (Do-Not-Call, calling hours at the moment its wait ends).
public struct LeadEligibility: Sendable, Equatable, CustomStringConvertible {
    /// The next chance.
    public enum Next: Sendable, Equatable {
        /// It may be dialed now.
        case now
        /// Not before this time.
        case at(Timestamp)
        /// When its dial in progress ends.
        case afterItsDial
        /// Not unless the lead, the list or the settings change.
        case never
    }

    /// The next chance.
    public var next: Next
    /// What keeps it waiting, in order: `retry`, `lockout` or `callback`, `outside hours`, `do-not-call`,
    /// `unknown time zone`, `in a dial`, `done`, `out of attempts`; empty when it may be dialed now.
    public var reasons: [String]

    /// Where `lead` stands at `time` under `settings`.
    public init(_ lead: StoredLead, settings: LeadSettings, at time: Timestamp) {
        switch lead.state {
        case .dialing:
            (next, reasons) = (.afterItsDial, ["in a dial"])
        case .done:
            let spent = lead.attempts >= settings.retry.maxAttempts && lead.lastOutcome.map { settings.retry.delay(after: $0) != nil } == true
            (next, reasons) = (.never, [spent ? "out of attempts" : "done"])
        case .available:
            var from = time
            var why: [String] = []
            if let at = lead.eligibleAt, at > time {
                from = at
                why.append((lead.wait ?? .retry).rawValue)
            }
            if let block = settings.block(lead.number, ownZone: lead.timeZone, at: from) {
                from = block.until
                why.append(block.reason.rawValue)
            }
            next = from == time ? .now : from.isFinite ? .at(from) : .never
            reasons = why
        }
    }

    /// `now`, `2026-01-18 15:00 UTC`, `after its dial` or `never`.
    public var description: String {
        switch next {
        case .now: "now"
        case .at(let time): formatTimestamp(time)
        case .afterItsDial: "after its dial"
        case .never: "never"
        }
    }

    /// The next time as epoch seconds, when there is one.
    public var time: Timestamp? {
        if case .at(let time) = next { return time }
        return nil
    }
}
