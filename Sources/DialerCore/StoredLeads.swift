import DequeModule

/// Leads kept in the engine's store: dialed in the order they were added, each once, and
/// dialable again only when its dial was cancelled before anyone answered (e.g. at recovery).
/// When its queue runs dry it asks the store again (a shared store hands out a new chunk),
/// never taking back a lead it has handed out and not yet seen finish.
public final class StoredLeads: LeadSource {
    private let store: any AgentStore
    private var queue: Deque<String>
    private var queued: Set<String>
    private var outstanding: Set<String> = []
    private var lastError: String?

    /// Loads the dialable leads of a store.
    public init(store: any AgentStore) throws {
        self.store = store
        queue = Deque(try store.loadDialableLeads())
        queued = Set(queue)
    }

    /// Leads waiting to be dialed.
    public var waiting: Int { queue.count }

    /// The oldest waiting lead.
    public func nextLead(for agentID: String, at time: Timestamp) -> String? {
        if queue.isEmpty { refill() }
        guard let number = queue.popFirst() else { return nil }
        queued.remove(number)
        outstanding.insert(number)
        return number
    }

    /// First in line again.
    public func giveBack(_ number: String) {
        outstanding.remove(number)
        if queued.insert(number).inserted { queue.prepend(number) }
    }

    /// A cancelled dial makes its lead dialable again; any other outcome uses it up.
    public func finish(_ number: String, outcome: DialOutcome, at time: Timestamp) {
        outstanding.remove(number)
        if outcome == .cancelled, queued.insert(number).inserted { queue.append(number) }
    }

    /// Why nothing can be dialed.
    public func exhaustionReason(at time: Timestamp) -> String {
        if let lastError { return "cannot read leads from the store: \(lastError)" }
        return "no leads left in the store"
    }

    private func refill() {
        do {
            for number in try store.loadDialableLeads() where !outstanding.contains(number) && queued.insert(number).inserted {
                queue.append(number)
            }
            lastError = nil
        } catch {
            lastError = "\(error)"
        }
    }
}
