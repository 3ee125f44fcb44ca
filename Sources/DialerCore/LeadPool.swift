import Foundation

/// Where a lead of a `LeadPool` stands.
public struct PooledLead: Sendable, Equatable {
    /// The lead's facts.
    public var record: LeadRecord
    /// Dials placed so far (cancelled ones do not count).
    public var attempts = 0
    /// The outcome of the latest dial.
    public var lastOutcome: DialOutcome?
    /// Not before this time (retry delay, lockout, callback); nil: now.
    public var eligibleAt: Timestamp?
    /// In a dial right now.
    public var reserved = false
    /// Finished: completed, or out of attempts.
    public var done = false
    /// Position in the order leads were added.
    var sequence = 0
}

/// Leads with retries, lockouts, callbacks, Do-Not-Call and calling hours: the lead source a
/// campaign dials from. A lead handed out is reserved until its dial's outcome comes back;
/// then it is done, scheduled again by the retry policy, or released. A lead is never lost and
/// never in two dials at once; a lead outside its window waits, it is not dropped.
public final class LeadPool: LeadSource {
    /// Retry rules.
    public var retry: RetryPolicy
    /// Calling hours (nil: any time).
    public var hours: CallingHours?
    /// Numbers never to dial.
    public var doNotCall: DoNotCallList
    private var leads: [PhoneNumber: PooledLead] = [:]
    private var order: [PhoneNumber] = []  // by priority, then insertion

    /// Makes an empty pool.
    public init(retry: RetryPolicy = RetryPolicy(), hours: CallingHours? = CallingHours(), doNotCall: DoNotCallList = DoNotCallList()) {
        self.retry = retry
        self.hours = hours
        self.doNotCall = doNotCall
    }

    /// The retry and compliance settings as one value (a rule file's `LEADS`).
    public var settings: LeadSettings {
        get { LeadSettings(retry: retry, hours: hours, doNotCall: doNotCall) }
        set {
            retry = newValue.retry
            hours = newValue.hours
            doNotCall = newValue.doNotCall
        }
    }

    /// Adds leads (a repeated number is ignored); returns how many were new.
    @discardableResult
    public func add(_ records: [LeadRecord]) -> Int {
        var added = 0
        for record in records where leads[record.phone] == nil {
            var lead = PooledLead(record: record)
            lead.sequence = leads.count
            leads[record.phone] = lead
            order.append(record.phone)
            added += 1
        }
        // Higher priority first; equal priorities in the order they were added.
        order.sort { a, b in
            let (x, y) = (leads[a]!, leads[b]!)
            return x.record.priority != y.record.priority ? x.record.priority > y.record.priority : x.sequence < y.sequence
        }
        return added
    }

    /// A lead's standing.
    public func lead(_ number: PhoneNumber) -> PooledLead? { leads[number] }

    /// Every lead, in dialing order.
    public var all: [PooledLead] { order.compactMap { leads[$0] } }

    /// Schedules a callback: the lead is dialable again from `time` (and not before).
    public func scheduleCallback(_ number: PhoneNumber, at time: Timestamp) {
        guard var lead = leads[number] else { return }
        lead.done = false
        lead.eligibleAt = time
        leads[number] = lead
    }

    /// The first lead in order that may be dialed at `time`, reserved.
    public func nextLead(for agentID: String, at time: Timestamp) -> String? {
        for number in order {
            guard var lead = leads[number], dialable(lead, at: time) == nil else { continue }
            lead.reserved = true
            leads[number] = lead
            return number.e164
        }
        return nil
    }

    /// Unreserves a lead that was not dialed.
    public func giveBack(_ number: String) {
        guard let phone = try? PhoneNumber(parsing: number) else { return }
        leads[phone]?.reserved = false
    }

    /// Applies the dial's outcome: done, or eligible again per the retry policy.
    public func finish(_ number: String, outcome: DialOutcome, at time: Timestamp) {
        guard let phone = try? PhoneNumber(parsing: number), var lead = leads[phone] else { return }
        lead.reserved = false
        if outcome != .cancelled { lead.attempts += 1 }
        lead.lastOutcome = outcome
        if let next = retry.nextEligible(after: outcome, attempts: lead.attempts, at: time) {
            lead.eligibleAt = next
        } else {
            lead.done = true
        }
        leads[phone] = lead
    }

    /// The lead's attempts, last outcome and time zone, for rules.
    public func facts(of number: String) -> LeadFacts? {
        guard let phone = try? PhoneNumber(parsing: number), let lead = leads[phone] else { return nil }
        return LeadFacts(attempts: lead.attempts, lastOutcome: lead.lastOutcome, timeZone: LeadFacts.zone(of: phone, own: lead.record.timeZone, fallback: hours?.defaultZone))
    }

    /// Why nothing can be dialed at `time`.
    public func exhaustionReason(at time: Timestamp) -> String { exhaustion(at: time).description }

    /// The counts behind `exhaustionReason`.
    public func exhaustion(at time: Timestamp) -> LeadPoolExhaustion {
        var report = LeadPoolExhaustion()
        for lead in leads.values {
            switch dialable(lead, at: time) {
            case nil: break
            case .done?: report.done += 1
            case .reserved?: report.inDials += 1
            case .doNotCall?: report.onDoNotCall += 1
            case .unknownZone?: report.unknownZone += 1
            case .waiting(let at)?:
                if lead.lastOutcome == .dropped { report.lockedOut += 1 } else { report.waiting += 1 }
                report.nextEligible = min(report.nextEligible ?? at, at)
            case .outsideHours(let at)?:
                report.outsideHours += 1
                report.nextEligible = min(report.nextEligible ?? at, at)
            }
        }
        return report
    }

    private enum Blocked {
        case done, reserved, doNotCall, unknownZone
        case waiting(until: Timestamp)
        case outsideHours(opensAt: Timestamp)
    }

    /// Nil when the lead may be dialed at `time`, else why not.
    private func dialable(_ lead: PooledLead, at time: Timestamp) -> Blocked? {
        if lead.done { return .done }
        if lead.reserved { return .reserved }
        if doNotCall.contains(lead.record.phone) { return .doNotCall }
        if let at = lead.eligibleAt, at > time { return .waiting(until: at) }
        guard let hours else { return nil }
        switch hours.verdict(for: lead.record.phone, ownZone: lead.record.timeZone, at: time) {
        case .open: return nil
        case .closed(let at): return .outsideHours(opensAt: at)
        case .unknownTimeZone: return .unknownZone
        }
    }
}
