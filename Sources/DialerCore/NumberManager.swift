/// What a `NumberManager` tells its listeners.
public enum NumberEvent: Sendable, Equatable {
    /// A number was handed out for a dial.
    case issued(String, at: Timestamp)
    /// A number left the de-duplication window and may be dialed again.
    case expired(String, at: Timestamp)
}

/// Seed 003's number manager: refuses a number dialed within the last `window` seconds,
/// expires old entries, warms its cache from stored call records, and tells listeners when
/// a number is issued and when it expires.
public final class NumberManager {
    /// Seconds during which a dialed number is not dialed again.
    public let window: Double
    private var lastIssued: [String: Timestamp] = [:]
    private var order: [(number: String, at: Timestamp)] = []  // issue order, for expiry
    private var head = 0
    private var listeners: [(NumberEvent) -> Void] = []

    /// Makes a manager with a de-duplication window in seconds.
    public init(window: Double) { self.window = window }

    /// Numbers inside the window now.
    public var count: Int { lastIssued.count }

    /// Calls `listener` for every number issued or expired from now on.
    public func addListener(_ listener: @escaping (NumberEvent) -> Void) { listeners.append(listener) }

    /// Fills the cache from stored call records (at start): numbers dialed within the window
    /// before `time` are not dialed again until it has passed.
    public func warm(from dials: [Dial], at time: Timestamp) {
        for dial in dials.sorted(by: { $0.dialedAt < $1.dialedAt }) where time - dial.dialedAt < window {
            record(dial.number, at: dial.dialedAt)
        }
    }

    /// Whether `number` may be dialed at `time` (it was not dialed within the window).
    public func mayDial(_ number: String, at time: Timestamp) -> Bool {
        expire(at: time)
        return lastIssued[number] == nil
    }

    /// Issues `number` at `time` if it may be dialed; returns whether it was issued.
    @discardableResult
    public func issue(_ number: String, at time: Timestamp) -> Bool {
        guard mayDial(number, at: time) else { return false }
        record(number, at: time)
        for listener in listeners { listener(.issued(number, at: time)) }
        return true
    }

    /// Drops the entries older than the window, telling listeners; returns the numbers expired.
    @discardableResult
    public func expire(at time: Timestamp) -> [String] {
        var expired: [String] = []
        while head < order.count, time - order[head].at >= window {
            let entry = order[head]
            head += 1
            // A number issued again later has a newer entry further on.
            if lastIssued[entry.number] == entry.at {
                lastIssued[entry.number] = nil
                expired.append(entry.number)
                for listener in listeners { listener(.expired(entry.number, at: time)) }
            }
        }
        if head > 1024, head * 2 > order.count {
            order.removeFirst(head)
            head = 0
        }
        return expired
    }

    private func record(_ number: String, at time: Timestamp) {
        lastIssued[number] = time
        order.append((number, time))
    }
}

/// A lead source that never hands out a number dialed within the manager's window: a
/// duplicate is set aside and the next lead is handed out instead; set-aside leads come back
/// once their window has passed, so none is lost.
public final class DeduplicatedLeads: LeadSource {
    /// The leads behind.
    public let inner: any LeadSource
    /// The window keeper.
    public let numbers: NumberManager
    private var waiting: [String] = []

    /// Wraps `inner`.
    public init(_ inner: any LeadSource, numbers: NumberManager) {
        self.inner = inner
        self.numbers = numbers
    }

    /// The next lead not dialed within the window.
    public func nextLead(for agentID: String, at time: Timestamp) -> String? {
        if let index = waiting.firstIndex(where: { numbers.mayDial($0, at: time) }) {
            let number = waiting.remove(at: index)
            numbers.issue(number, at: time)
            return number
        }
        while let number = inner.nextLead(for: agentID, at: time) {
            if numbers.issue(number, at: time) { return number }
            waiting.append(number)
        }
        return nil
    }

    /// Back in line.
    public func giveBack(_ number: String) { inner.giveBack(number) }

    /// Passed on.
    public func finish(_ number: String, outcome: DialOutcome, at time: Timestamp) { inner.finish(number, outcome: outcome, at: time) }

    /// Why nothing can be dialed, counting the leads held back by the window.
    public func exhaustionReason(at time: Timestamp) -> String {
        waiting.isEmpty
            ? inner.exhaustionReason(at: time)
            : "\(waiting.count) lead\(waiting.count == 1 ? " was" : "s were") dialed less than \(formatSeconds(numbers.window)) ago and wait\(waiting.count == 1 ? "s" : ""); \(inner.exhaustionReason(at: time))"
    }

    private func formatSeconds(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
    }
}
