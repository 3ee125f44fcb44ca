import DequeModule

/// Leads kept in the engine's store: dialed in the order they were added, each once, and
/// dialable again only when its dial was cancelled before anyone answered (e.g. at recovery).
public final class StoredLeads: LeadSource {
    private var queue: Deque<String>

    /// Loads the dialable leads of a store.
    public init(store: any AgentStore) throws {
        queue = Deque(try store.loadDialableLeads())
    }

    /// Leads waiting to be dialed.
    public var waiting: Int { queue.count }

    /// The oldest waiting lead.
    public func nextLead(for agentID: String, at time: Timestamp) -> String? { queue.popFirst() }

    /// First in line again.
    public func giveBack(_ number: String) { queue.prepend(number) }

    /// A cancelled dial makes its lead dialable again; any other outcome uses it up.
    public func finish(_ number: String, outcome: DialOutcome, at time: Timestamp) {
        if outcome == .cancelled { queue.append(number) }
    }

    /// Why nothing can be dialed.
    public func exhaustionReason(at time: Timestamp) -> String { "no leads left in the store (add some with `dialer leads add`)" }
}
