/// What one committed step writes: the agents it changed or removed, the dial records it
/// created or updated, and the warnings it raised. A store writes a batch all or nothing.
public struct StoreBatch: Sendable, Equatable {
    /// Agents created or changed.
    public var states: [AgentState] = []
    /// Agents removed.
    public var removedAgents: [String] = []
    /// Dial records created or changed.
    public var dials: [Dial] = []
    /// Warnings raised.
    public var warnings: [DialerWarning] = []
    /// The inputs whose effects these are, appended to the store's journal in the same
    /// transaction (their sequence numbers are the store's to give).
    public var journal: [JournalEntry] = []

    /// Makes an empty batch.
    public init() {}

    /// A batch that only appends to the journal (an input with no other effect in the store).
    public init(journal: [JournalEntry]) { self.journal = journal }

    /// Whether the batch writes nothing.
    public var isEmpty: Bool { states.isEmpty && removedAgents.isEmpty && dials.isEmpty && warnings.isEmpty && journal.isEmpty }
}

/// Where agent state, call records and leads persist. The engine commits each step here before
/// any effect reaches telephony, and loads every agent from here at start (seed 000 §3.1 `init`).
///
/// Leads follow their dials inside the same commit: a dial placed marks its lead `dialing`; a
/// final outcome sets its attempts, last outcome and when it may be dialed again by
/// `retryPolicy` (`LeadChange`): done, available again at once (`cancelled`), or after a
/// retry delay or lockout. So a lead is never lost, never in two dials at once, and a restart
/// redials none too early.
public protocol AgentStore: AnyObject {
    /// Where the store is, for messages (`sqlite:dialer.sqlite`).
    var location: String { get }
    /// The agents this engine drives, in a stable order (a shared store claims them).
    func loadAgents() throws -> [AgentState]
    /// Every stored agent, whoever drives it, without claiming anything (for reports and admin).
    func listAgents() throws -> [AgentState]
    /// Dials that were still ringing or connected when the store was last written.
    func loadOpenDials() throws -> [Dial]
    /// Every call record, in dial order.
    func loadDials() throws -> [Dial]
    /// Writes a batch atomically; on error nothing of it is stored.
    func commit(_ batch: StoreBatch) throws
    /// Reserves `count` dial ids no other engine on this store will use.
    func reserveDialIDs(_ count: Int) throws -> Range<Int>
    /// Adds leads (E.164 numbers) and, in the same transaction, the journal entry recording
    /// them if one is given; returns how many were new.
    func addLeads(_ numbers: [String], journal: JournalEntry?) throws -> Int
    /// Leads available and not waiting at `time` (their retry delay or lockout is over), with
    /// their details and standing: higher priority first, then in the order they were added.
    /// Calling hours and Do-Not-Call are the lead source's to apply. A shared store reserves
    /// them for this node; the numbers in `passingOver` (this node found them not dialable now,
    /// e.g. outside calling hours) are released to other nodes and not returned. At most
    /// `limit` leads (a shared store may give fewer: its own chunk), the first in that order.
    func loadDialableLeads(at time: Timestamp, passingOver: [String], limit: Int) throws -> [StoredLead]
    /// How the leads stand at `time`, counted by the store (why nothing can be dialed).
    func summarizeLeads(at time: Timestamp) throws -> LeadSummary
    /// Every available lead whose wait ends after `time` (a retry, a lockout, a callback), so a
    /// pool knows when each comes back.
    func loadWaitingLeads(after time: Timestamp) throws -> [StoredLead]
    /// The retry policy a commit applies to the lead of each dial that reaches a final outcome
    /// (see `LeadChange`); the lead source that dials from the store sets it.
    var retryPolicy: RetryPolicy { get set }
    /// Adds leads with their details (id, name, time zone, priority) and, in the same
    /// transaction, the journal entry recording them if one is given; returns how many were new.
    func addLeadRecords(_ records: [LeadRecord], journal: JournalEntry?) throws -> Int
    /// Every lead with its state, in dialing order.
    func listLeads() throws -> [StoredLead]
    /// Schedules a callback: the lead with this E.164 number may be dialed at `time` and not
    /// before (`StoredLead.scheduleCallback`), with the journal entry recording it if one is
    /// given, in one transaction; returns its new standing. Throws `CallbackError` for an
    /// unknown number or a lead in a dial, and then changes nothing (nor journals anything).
    func scheduleCallback(_ number: String, at time: Timestamp, journal: JournalEntry?) throws -> StoredLead
    /// The journal's entries from `from` (included) to `to` (excluded), by sequence number or
    /// engine time, in sequence order; at most `limit`, the first.
    func journalEntries(from: JournalBound, to: JournalBound, limit: Int) throws -> [JournalEntry]
    /// Removes the journal's entries applied before `time` (engine time), except the newest
    /// entry (so a store never hands out a sequence number twice); returns how many.
    func pruneJournal(before time: Timestamp) throws -> Int
    /// Whether dialing is paused for the campaign, as last saved (false if never saved): a
    /// switch that outlives a restart (`PausableLeadSource`).
    func loadDialingPaused() throws -> Bool
    /// Saves whether dialing is paused (a row of the store's `counters`), with the journal
    /// entry recording it if one is given, in one transaction.
    func saveDialingPaused(_ paused: Bool, journal: JournalEntry?) throws
    /// Calls answered and dropped among the dials placed at `since` or later, by every engine
    /// on the store (`CallCounts`): an abandon rate over a window, from the call records.
    func callCounts(since: Timestamp) throws -> CallCounts
}

extension AgentStore {
    /// Counted from every call record (`loadDials`); a database store counts in one query.
    public func callCounts(since: Timestamp) throws -> CallCounts { CallCounts(try loadDials(), since: since) }

    /// Saves whether dialing is paused, journaling nothing.
    public func saveDialingPaused(_ paused: Bool) throws { try saveDialingPaused(paused, journal: nil) }

    /// Every available lead whose wait ends after `time`, from the list of every lead.
    public func loadWaitingLeads(after time: Timestamp) throws -> [StoredLead] {
        try listLeads().filter { $0.state == .available && ($0.eligibleAt ?? time) > time }
    }

    /// Adds leads, journaling nothing.
    public func addLeads(_ numbers: [String]) throws -> Int { try addLeads(numbers, journal: nil) }

    /// Adds leads with their details, journaling nothing.
    public func addLeadRecords(_ records: [LeadRecord]) throws -> Int { try addLeadRecords(records, journal: nil) }

    /// Schedules a callback, journaling nothing.
    public func scheduleCallback(_ number: String, at time: Timestamp) throws -> StoredLead {
        try scheduleCallback(number, at: time, journal: nil)
    }

    /// Every journal entry from `from` to `to`.
    public func journalEntries(from: JournalBound = .start, to: JournalBound = .end) throws -> [JournalEntry] {
        try journalEntries(from: from, to: to, limit: .max)
    }

    /// Every dialable lead at `time` (a shared store: its chunk), except those passed over.
    public func loadDialableLeads(at time: Timestamp, passingOver: [String]) throws -> [StoredLead] {
        try loadDialableLeads(at: time, passingOver: passingOver, limit: .max)
    }
}

/// A store in memory: for tests, replays and simulations.
public final class InMemoryAgentStore: AgentStore {
    /// Stored agents by id.
    public private(set) var agents: [String: AgentState] = [:]
    /// Stored dials by id (built on each read: for tests and tools, not for hot paths).
    public var dials: [Int: Dial] { Dictionary(records.all.map { ($0.id, $0) }, uniquingKeysWith: { dense, _ in dense }) }
    /// The stored dial with this id, found at once.
    public func dial(_ id: Int) -> Dial? { records.dial(id) }

    private var records = DialRecords()
    /// Stored warnings, in order.
    public private(set) var warnings: [DialerWarning] = []
    /// Whether the store keeps finished call records and warnings (true), or only the open
    /// dials: for a long simulation that counts calls and warnings from the engine's steps as
    /// they happen, so its memory does not grow with the length of the shift. `loadDials()`
    /// then returns the open dials only.
    public var keepsHistory = true
    /// Applied to each dial's lead at commit.
    public var retryPolicy = RetryPolicy()
    private var leads: [String: StoredLead] = [:]
    private var leadOrder: [String] = []
    private var dialingOrder: [String]?  // leadOrder sorted by priority; only an add changes it
    private var orderPosition: [String: Int] = [:]  // each number's place in dialingOrder
    private var firstAvailable = 0  // no lead before this place in dialingOrder is available
    private var nextDialID = 1
    private var dialingPaused = false
    /// Kept in memory for the life of the store, pruned like a database's journal.
    private var journal = MemoryJournal()

    /// Makes an empty store.
    public init() {}

    /// `memory:`.
    public var location: String { "memory:" }

    /// Every dial, by id.
    public func loadDials() throws -> [Dial] { allDials.sorted { $0.id < $1.id } }

    private var allDials: [Dial] { records.all }

    /// The next `count` ids.
    public func reserveDialIDs(_ count: Int) throws -> Range<Int> {
        defer { nextDialID += count }
        return nextDialID..<(nextDialID + count)
    }

    /// Adds the numbers not present yet, and the journal entry if given.
    public func addLeads(_ numbers: [String], journal entry: JournalEntry?) throws -> Int {
        let added = try addLeadRecords(numbers.map { StoredLead(number: $0, state: .available) })
        if let entry { journal.append(entry) }
        return added
    }

    /// Adds leads with their details, and the journal entry if given.
    public func addLeadRecords(_ records: [LeadRecord], journal entry: JournalEntry?) throws -> Int {
        let added = try addLeadRecords(
            records.map {
                StoredLead(number: $0.phone.e164, state: .available, priority: $0.priority, leadID: $0.id, name: $0.name, timeZone: $0.timeZone)
            })
        if let entry { journal.append(entry) }
        return added
    }

    /// Adds leads with their standing (attempts, last outcome, wait, reserved or done), as they
    /// stood in another run: a captured scenario's `lead_pool`. A number already here is left
    /// as it is. Returns how many were added.
    public func restoreLeads(_ records: [StoredLead]) -> Int { (try? addLeadRecords(records)) ?? 0 }

    private func addLeadRecords(_ records: [StoredLead]) throws -> Int {
        var added = 0
        for var lead in records where leads[lead.number] == nil {
            lead.seq = Int64(leadOrder.count)
            leads[lead.number] = lead
            leadOrder.append(lead.number)
            added += 1
        }
        if added > 0 { dialingOrder = nil }
        return added
    }

    /// Available leads whose wait is over, in dialing order, except those passed over; the
    /// first `limit`.
    public func loadDialableLeads(at time: Timestamp, passingOver: [String], limit: Int) throws -> [StoredLead] {
        let skipped = Set(passingOver)
        var dialable: [StoredLead] = []
        let order = orderedNumbers()
        // Leads dialed or done pile up at the front: walk past them once, not at every read.
        while firstAvailable < order.count, leads[order[firstAvailable]]?.state != .available { firstAvailable += 1 }
        for number in order[firstAvailable...] {
            guard dialable.count < limit else { break }
            guard let lead = leads[number], lead.state == .available, (lead.eligibleAt ?? time) <= time, !skipped.contains(number) else { continue }
            dialable.append(lead)
        }
        return dialable
    }

    /// Counted over every lead.
    public func summarizeLeads(at time: Timestamp) throws -> LeadSummary { LeadSummary(try listLeads(), at: time) }

    /// Every lead in dialing order.
    public func listLeads() throws -> [StoredLead] {
        orderedNumbers().compactMap { leads[$0] }
    }

    /// The numbers in dialing order: higher priority first, then in the order added.
    private func orderedNumbers() -> [String] {
        if let dialingOrder { return dialingOrder }
        let all = leadOrder.enumerated().compactMap { index, number in leads[number].map { (index, $0.priority) } }
        let order = all.sorted { ($0.1, -$0.0) > ($1.1, -$1.0) }.map { leadOrder[$0.0] }
        dialingOrder = order
        orderPosition = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        firstAvailable = 0
        return order
    }

    /// A lead may be dialable again: the walk for dialable leads starts no later than its place.
    private func noteAvailable(_ number: String) {
        guard leads[number]?.state == .available, let place = orderPosition[number] else { return }
        firstAvailable = min(firstAvailable, place)
    }

    /// Sets the lead's callback time, and journals it if asked.
    public func scheduleCallback(_ number: String, at time: Timestamp, journal entry: JournalEntry?) throws -> StoredLead {
        guard var lead = leads[number] else { throw CallbackError.unknownLead(number: number) }
        try lead.scheduleCallback(at: time)
        leads[number] = lead
        noteAvailable(number)
        if let entry { journal.append(entry) }
        return lead
    }

    /// The journal's entries in the range.
    public func journalEntries(from: JournalBound, to: JournalBound, limit: Int) throws -> [JournalEntry] {
        journal.entries(from: from, to: to, limit: limit)
    }

    /// Drops the entries applied before `time`.
    public func pruneJournal(before time: Timestamp) throws -> Int { journal.prune(before: time) }

    /// Whether dialing is paused, as last saved.
    public func loadDialingPaused() throws -> Bool { dialingPaused }

    /// Keeps the switch, and journals it if asked.
    public func saveDialingPaused(_ paused: Bool, journal entry: JournalEntry?) throws {
        dialingPaused = paused
        if let entry { journal.append(entry) }
    }

    /// Every agent, ordered by id.
    public func loadAgents() throws -> [AgentState] { agents.values.sorted { $0.agentID < $1.agentID } }

    /// Every agent, ordered by id.
    public func listAgents() throws -> [AgentState] { try loadAgents() }

    /// Dials ringing or connected, in dial order.
    public func loadOpenDials() throws -> [Dial] {
        allDials.filter { $0.outcome == nil || $0.outcome == .connected }.sorted { $0.id < $1.id }
    }

    /// Applies the batch.
    public func commit(_ batch: StoreBatch) throws {
        for id in batch.removedAgents { agents[id] = nil }
        for state in batch.states { agents[state.agentID] = state }
        records.record(batch.dials, keepsHistory: keepsHistory, handedOut: nextDialID)
        if !leads.isEmpty {
            for dial in batch.dials where leads[dial.number] != nil {
                leads[dial.number]?.apply(retryPolicy.change(after: dial), policy: retryPolicy)
                noteAvailable(dial.number)
            }
        }
        if keepsHistory { warnings.append(contentsOf: batch.warnings) }
        for entry in batch.journal { journal.append(entry) }
    }
}
