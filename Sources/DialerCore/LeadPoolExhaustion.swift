/// Why a lead source has nothing to dial, for the operator (the engine's `no_leads` warning).
public struct LeadPoolExhaustion: Sendable, Equatable, CustomStringConvertible {
    /// Leads finished or out of attempts.
    public var done = 0
    /// Leads in a dial now.
    public var inDials = 0
    /// Leads on the Do-Not-Call list.
    public var onDoNotCall = 0
    /// Leads outside calling hours.
    public var outsideHours = 0
    /// Leads waiting for a retry delay or a callback.
    public var waiting = 0
    /// Leads locked out after a dropped call.
    public var lockedOut = 0
    /// The earliest time one of them becomes dialable.
    public var nextEligible: Timestamp?
    /// Leads whose time zone is unknown.
    public var unknownZone = 0

    /// Makes an empty report.
    public init() {}

    /// `no lead can be dialed now: 3 outside calling hours, 2 on the Do-Not-Call list; the next
    /// becomes dialable at …`, or `no leads left: all 5 done` when nothing waits.
    public var description: String {
        var parts: [String] = []
        if outsideHours > 0 { parts.append("\(outsideHours) outside calling hours") }
        if lockedOut > 0 { parts.append("\(lockedOut) locked out after a dropped call") }
        if waiting > 0 { parts.append("\(waiting) waiting for a retry or callback") }
        if onDoNotCall > 0 { parts.append("\(onDoNotCall) on the Do-Not-Call list") }
        if unknownZone > 0 { parts.append("\(unknownZone) with an unknown time zone (set a default zone or the lead's time_zone)") }
        if inDials > 0 { parts.append("\(inDials) in dials now") }
        if parts.isEmpty { return done > 0 ? "no leads left: all \(done) done" : "no leads left: the pool is empty" }
        if done > 0 { parts.append("\(done) done") }
        let next = nextEligible.map { "; the next becomes dialable at \(formatTimestamp($0))" } ?? ""
        return "no lead can be dialed now: " + parts.joined(separator: ", ") + next
    }
}
