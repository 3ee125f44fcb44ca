import Foundation

/// Why a lead may not be called now.
public enum CallingHoursVerdict: Sendable, Equatable {
    /// Inside the window in every zone of the number.
    case open
    /// Outside the window; it opens at this time.
    case closed(opensAt: Timestamp)
    /// The area code's time zone is unknown and no default zone is set.
    case unknownTimeZone(areaCode: Int)
}

/// Calling hours in the called party's local time (US: 08:00–21:00, 47 CFR 64.1200(c)(1)),
/// from the number's area code. An area code spanning several zones is open only when it is
/// open in all of them. Daylight saving comes from the system's time zone database.
public struct CallingHours: Sendable {
    /// Opening, in seconds after local midnight (default 08:00).
    public var opens: Int
    /// Closing, in seconds after local midnight (default 21:00); calls must start before it.
    public var closes: Int
    /// Zone for area codes the table does not know (nil: such leads wait and say why).
    public var defaultZone: String?

    /// Makes calling hours; the defaults are the US federal ones.
    public init(opens: Int = 8 * 3600, closes: Int = 21 * 3600, defaultZone: String? = nil) {
        self.opens = opens
        self.closes = closes
        self.defaultZone = defaultZone
    }

    /// The window as local clock times, e.g. `08:00–21:00` (`08:30:15` where seconds are set).
    public var window: String { Self.clockTime(opens) + "–" + Self.clockTime(closes) }

    /// Seconds after midnight as a 24-hour clock time: `08:00` for 28800, `20:30` for 73800.
    public static func clockTime(_ secondsAfterMidnight: Int) -> String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let seconds = secondsAfterMidnight % 60
        let text = two(secondsAfterMidnight / 3600) + ":" + two(secondsAfterMidnight % 3600 / 60)
        return seconds == 0 ? text : text + ":" + two(seconds)
    }

    /// The number's time zone identifiers (the table's, or the default zone).
    public func zoneNames(of number: PhoneNumber) -> [String]? {
        AreaCodeTimeZones.zones(of: number.areaCode) ?? defaultZone.map { [$0] }
    }

    /// As `verdict`, but in `defaultZone` only (a lead whose own time zone is known).
    public func verdictIgnoringAreaCode(for number: PhoneNumber, at time: Timestamp) -> CallingHoursVerdict {
        guard let name = defaultZone else { return verdict(for: number, at: time) }
        return verdict(in: [name].compactMap(TimeZone.init(identifier:)), areaCode: number.areaCode, at: time)
    }

    /// As `verdict`, but a lead's own zone (e.g. a mobile number that moved) wins over its area code's.
    public func verdict(for number: PhoneNumber, ownZone: String?, at time: Timestamp) -> CallingHoursVerdict {
        guard let ownZone else { return verdict(for: number, at: time) }
        return CallingHours(opens: opens, closes: closes, defaultZone: ownZone).verdictIgnoringAreaCode(for: number, at: time)
    }

    func zones(of number: PhoneNumber) -> [TimeZone]? {
        zoneNames(of: number)?.compactMap(TimeZone.init(identifier:))
    }

    /// Whether `number` may be called at `time`, or when it may.
    public func verdict(for number: PhoneNumber, at time: Timestamp) -> CallingHoursVerdict {
        verdict(in: zones(of: number) ?? [], areaCode: number.areaCode, at: time)
    }

    private func verdict(in zones: [TimeZone], areaCode: Int, at time: Timestamp) -> CallingHoursVerdict {
        guard !zones.isEmpty else { return .unknownTimeZone(areaCode: areaCode) }
        var t = time
        // Each step moves to the next opening of a zone that is closed; a few steps settle it.
        for _ in 0..<16 {
            let closed = zones.compactMap { zone -> Timestamp? in
                let local = secondsAfterMidnight(t, in: zone)
                if local >= opens && local < closes { return nil }
                return nextOpening(after: t, in: zone)
            }
            guard let next = closed.max() else { return t == time ? .open : .closed(opensAt: t) }
            t = next
        }
        return .closed(opensAt: t)
    }

    /// Local wall-clock seconds after midnight at `time` in `zone`.
    func secondsAfterMidnight(_ time: Timestamp, in zone: TimeZone) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.hour, .minute, .second], from: Date(timeIntervalSince1970: time))
        return (parts.hour ?? 0) * 3600 + (parts.minute ?? 0) * 60 + (parts.second ?? 0)
    }

    /// The first time after `time` when the local clock in `zone` reads the opening hour.
    private func nextOpening(after time: Timestamp, in zone: TimeZone) -> Timestamp {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let date = Date(timeIntervalSince1970: time)
        let startOfDay = calendar.startOfDay(for: date)
        let local = secondsAfterMidnight(time, in: zone)
        let day = local < opens ? startOfDay : calendar.date(byAdding: .day, value: 1, to: startOfDay) ?? startOfDay
        let opening = calendar.date(bySettingHour: opens / 3600, minute: opens % 3600 / 60, second: opens % 60, of: day) ?? day
        return opening.timeIntervalSince1970
    }
}
