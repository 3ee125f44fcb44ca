import Foundation

/// What rules may read about the lead behind an event's number (`event.lead` in Lua): given by
/// lead sources that know their leads (a lead pool), nil for a plain list.
public struct LeadFacts: Sendable, Equatable {
    /// Dials of the lead that reached a final outcome other than `cancelled` and `not_placed`, before this one.
    public var attempts: Int
    /// The final outcome of its latest finished dial.
    public var lastOutcome: DialOutcome?
    /// Its time zone: its own, else its area code's, else the campaign's default; nil if unknown.
    public var timeZone: String?

    /// Makes facts.
    public init(attempts: Int, lastOutcome: DialOutcome?, timeZone: String?) {
        self.attempts = attempts
        self.lastOutcome = lastOutcome
        self.timeZone = timeZone
    }

    /// The lead's wall clock at `time` as `HH:MM`, nil without a known zone.
    public func localTime(at time: Timestamp) -> String? {
        guard let name = timeZone, let zone = TimeZone(identifier: name) else { return nil }
        let seconds = CallingHours().secondsAfterMidnight(time, in: zone)
        let (hours, minutes) = (seconds / 3600, seconds % 3600 / 60)
        return (hours < 10 ? "0" : "") + "\(hours):" + (minutes < 10 ? "0" : "") + "\(minutes)"
    }

    /// A lead's time zone: `own` (the lead's record), else the area code's first zone, else `fallback`.
    public static func zone(of number: PhoneNumber, own: String?, fallback: String?) -> String? {
        own ?? AreaCodeTimeZones.zones(of: number.areaCode)?.first ?? fallback
    }
}
