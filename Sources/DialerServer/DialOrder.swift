import Foundation

/// The dial requests still being sent, and the hang-ups waiting for them: a hang-up must not
/// reach telephony before the dial it ends.
final class DialOrder: @unchecked Sendable {
    // @unchecked: `waiting` is only touched under `lock`.
    private let lock = NSLock()
    private var waiting: [Int: [WebhookRequest]] = [:]

    /// The dial request of `dialID` is being sent.
    func begin(_ dialID: Int) {
        lock.withLock { waiting[dialID] = [] }
    }

    /// Holds `request` back if the dial request of `dialID` is still being sent; false if not
    /// (then it may go at once).
    func `defer`(_ request: WebhookRequest, after dialID: Int) -> Bool {
        lock.withLock {
            guard waiting[dialID] != nil else { return false }
            waiting[dialID]?.append(request)
            return true
        }
    }

    /// The dial request of `dialID` is delivered or given up; returns what waited for it.
    func finish(_ dialID: Int) -> [WebhookRequest] {
        lock.withLock { waiting.removeValue(forKey: dialID) ?? [] }
    }
}
