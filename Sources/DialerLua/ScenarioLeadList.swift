import DialerCore

/// A scenario's plain `leads { }` list, dialed the way production dials: by a `StoredLeadPool`
/// over the session's store. A plain list keeps what the README promises of it: each number in
/// the order given, once (a repeated number once), at any hour, with no Do-Not-Call list and
/// without the rule file's `LEADS`; and rules see no lead facts (`event.lead` is nil).
final class ScenarioLeadList: LeadSource {
    /// The reading of "each number once" as lead settings: one counted attempt, no calling hours,
    /// no list. A dial the dialer cancelled before anyone answered does not count (as in every
    /// pool), so its number is dialed again.
    static let settings = LeadSettings(retry: RetryPolicy(maxAttempts: 1), hours: nil)

    private let pool: StoredLeadPool

    /// The numbers already in `store`, in the order added.
    init(store: any AgentStore) {
        pool = StoredLeadPool(store: store, settings: Self.settings)
    }

    /// The next number in line.
    func nextLead(for agentID: String, at time: Timestamp) -> String? { pool.nextLead(for: agentID, at: time) }

    /// Reads the store again at the next lead asked for (`add_leads`).
    func lookAgain() { pool.lookAgain() }

    /// First in line again.
    func giveBack(_ number: String) { pool.giveBack(number) }

    /// The store has the outcome; the pool notes it.
    func finish(_ number: String, outcome: DialOutcome, at time: Timestamp) { pool.finish(number, outcome: outcome, at: time) }

    /// The pool's reason.
    func exhaustionReason(at time: Timestamp) -> String { pool.exhaustionReason(at: time) }
}
