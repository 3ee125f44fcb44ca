/// A campaign's retry and compliance settings: how often and how soon a lead is dialed again,
/// when it may be called and which numbers never. A rule file sets them in its `LEADS` table
/// (so operators change them without rebuilding); a scenario's `lead_pool { }` may override
/// them. Absent keys keep the defaults of `RetryPolicy()` and `CallingHours()`.
public struct LeadSettings: Sendable, CustomStringConvertible {
    /// Attempts, delays per outcome and the lockout after a dropped call.
    public var retry: RetryPolicy
    /// Calling hours in the called party's local time (nil: any time).
    public var hours: CallingHours?
    /// Numbers never to dial.
    public var doNotCall: DoNotCallList
    /// Where the Do-Not-Call list was read from (a file), for messages; nil when given inline.
    public var doNotCallFile: String?

    /// Makes settings; the defaults are the retry policy's and the US federal calling hours.
    public init(
        retry: RetryPolicy = RetryPolicy(), hours: CallingHours? = CallingHours(), doNotCall: DoNotCallList = DoNotCallList(),
        doNotCallFile: String? = nil
    ) {
        self.retry = retry
        self.hours = hours
        self.doNotCall = doNotCall
        self.doNotCallFile = doNotCallFile
    }

    /// The settings as a `LEADS` table would spell them, e.g. `{ max_attempts = 3, retry = { failed = 1800,
    /// busy = 600, no_answer = 1800, not_placed = 60 }, drop_lockout = 259200, hours = { 8, 21 }, default_zone = nil, dnc = 0 numbers }`.
    public var description: String {
        let r = retry
        let hoursText = hours.map { "{ \(Self.hour($0.opens)), \(Self.hour($0.closes)) }" } ?? "false"
        let zone = hours?.defaultZone.map { "\"\($0)\"" } ?? "nil"
        let count = doNotCall.numbers.count
        let dnc = (doNotCallFile.map { "\"\($0)\" (" } ?? "") + "\(count) number\(count == 1 ? "" : "s")" + (doNotCallFile == nil ? "" : ")")
        return "{ max_attempts = \(r.maxAttempts), retry = { failed = \(Self.seconds(r.failedDelay)), busy = \(Self.seconds(r.busyDelay)), "
            + "no_answer = \(Self.seconds(r.noAnswerDelay)), not_placed = \(Self.seconds(r.notPlacedDelay)) }, drop_lockout = \(Self.seconds(r.droppedLockout)), hours = \(hoursText), "
            + "default_zone = \(zone), dnc = \(dnc) }"
    }

    /// Seconds after midnight as an hour: `8`, `8.5`.
    private static func hour(_ seconds: Int) -> String { seconds % 3600 == 0 ? String(seconds / 3600) : String(Double(seconds) / 3600) }

    /// `1800`, `0.5`.
    private static func seconds(_ value: Double) -> String { value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value) }
}
