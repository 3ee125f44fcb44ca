import Foundation

/// Short-lived, single-use tickets for the wallboard stream. A browser's `EventSource` cannot
/// send the bearer header, and the token must never be in a URL (history, proxy logs): the page
/// gets a ticket with its bearer token (`POST /wallboard/ticket`) and opens
/// `/wallboard/stream?ticket=…` within `lifetime` seconds; the ticket is then spent.
final class StreamTickets: @unchecked Sendable {
    // @unchecked: `tickets` is only touched under `lock`.
    private let lock = NSLock()
    private var tickets: [String: Date] = [:]

    /// Seconds a ticket may wait before it is used.
    static let lifetime = 30.0

    /// A new ticket: 32 random hex digits.
    func issue(now: Date = Date()) -> String {
        var generator = SystemRandomNumberGenerator()
        let ticket = (0..<2).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
        lock.withLock {
            tickets = tickets.filter { $0.value > now }  // expired ones go
            tickets[ticket] = now.addingTimeInterval(Self.lifetime)
        }
        return ticket
    }

    /// Spends `ticket`: true once for a ticket issued here and not expired, false after.
    func redeem(_ ticket: String, now: Date = Date()) -> Bool {
        lock.withLock { tickets.removeValue(forKey: ticket).map { $0 > now } ?? false }
    }
}
