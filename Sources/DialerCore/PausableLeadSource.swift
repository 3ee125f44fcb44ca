/// A lead source with a campaign-wide switch: while `paused`, no lead is handed out, so the
/// rules' `dial(n)` places nothing and the engine's `no_leads` warning says that dialing is
/// paused; calls in progress go on and their leads are finished as usual. It pauses dialing
/// without a change to the rules or the decision kernel, and resuming hands out leads again
/// from the next dial the rules ask for.
public final class PausableLeadSource: LeadSource {
    /// The source leads come from while dialing is not paused.
    public let inner: any LeadSource
    /// Whether dialing is paused.
    public var paused: Bool

    /// Why nothing is dialed while paused (the `no_leads` warning's message).
    public static let pausedReason = "dialing is paused for the campaign; calls in progress go on"

    /// Wraps `inner`, paused or not.
    public init(_ inner: any LeadSource, paused: Bool = false) {
        self.inner = inner
        self.paused = paused
    }

    /// None while paused, else the inner source's next lead.
    public func nextLead(for agentID: String, at time: Timestamp) -> String? {
        paused ? nil : inner.nextLead(for: agentID, at: time)
    }

    /// Back to the inner source.
    public func giveBack(_ number: String) { inner.giveBack(number) }

    /// The inner source records the outcome, paused or not (the call was placed before).
    public func finish(_ number: String, outcome: DialOutcome, at time: Timestamp) { inner.finish(number, outcome: outcome, at: time) }

    /// "dialing is paused…" while paused, else the inner source's reason.
    public func exhaustionReason(at time: Timestamp) -> String { paused ? Self.pausedReason : inner.exhaustionReason(at: time) }

    /// The inner source's facts.
    public func facts(of number: String) -> LeadFacts? { inner.facts(of: number) }
}
