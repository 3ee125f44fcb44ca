/// Why a campaign's compliance settings keep a lead from being called at a time, and until when.
public struct LeadBlock: Sendable, Equatable {
    /// The rule that keeps the lead waiting.
    public enum Reason: String, Sendable, CaseIterable {
        /// The number is on the Do-Not-Call list.
        case doNotCall = "do-not-call"
        /// It is outside calling hours in the lead's time zone.
        case outsideHours = "outside hours"
        /// The lead's time zone is unknown while calling hours apply.
        case unknownZone = "unknown time zone"
    }

    /// Why.
    public var reason: Reason
    /// When it lifts by itself (`infinity`: it does not; the list or the settings must change).
    public var until: Timestamp

    /// Makes a block.
    public init(_ reason: Reason, until: Timestamp) {
        self.reason = reason
        self.until = until
    }
}

extension LeadSettings {
    /// Nil when `number` may be called at `time` under Do-Not-Call and calling hours (in the
    /// lead's own zone if it has one, else its area code's), else why not. A number the NANP
    /// rules cannot place has no known zone, so it waits while calling hours apply.
    public func block(_ number: String, ownZone: String?, at time: Timestamp) -> LeadBlock? {
        guard let phone = try? PhoneNumber(parsing: number) else { return hours == nil ? nil : LeadBlock(.unknownZone, until: .infinity) }
        return block(phone, ownZone: ownZone, at: time)
    }

    /// As `block(_:ownZone:at:)` for a parsed number.
    public func block(_ phone: PhoneNumber, ownZone: String?, at time: Timestamp) -> LeadBlock? {
        if doNotCall.contains(phone) { return LeadBlock(.doNotCall, until: .infinity) }
        guard let hours else { return nil }
        switch hours.verdict(for: phone, ownZone: ownZone, at: time) {
        case .open: return nil
        case .closed(let opensAt): return LeadBlock(.outsideHours, until: opensAt)
        case .unknownTimeZone: return LeadBlock(.unknownZone, until: .infinity)
        }
    }
}
