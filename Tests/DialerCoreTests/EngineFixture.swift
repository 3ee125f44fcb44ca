import DialerCore
import DialerReference

/// An engine on the native seed rules, in memory, on a virtual clock.
final class EngineFixture {
    let clock = VirtualClock()
    let store = InMemoryAgentStore()
    let telephony = RecordingTelephony()
    let leads: LeadList
    let engine: DialerEngine

    init(rules: any RuleSet = SeedMatrixRules(), leads: [String] = (0..<50).map(LeadList.fictionalNumber), store: (any AgentStore)? = nil) throws {
        self.leads = LeadList(leads)
        engine = try DialerEngine(rules: rules, store: store ?? self.store, leads: self.leads, telephony: telephony, clock: clock)
    }

    @discardableResult
    func send(_ agent: String, _ kind: EventKind, _ number: String? = nil, reason: FailReason? = nil) -> [EngineError] {
        engine.handle(AgentEvent(agentID: agent, kind: kind, number: number, reason: reason))
    }

    func state(_ agent: String) -> AgentState { engine.state(of: agent)! }
}

/// A rule set that answers every event with a fixed reaction or error.
final class FixedRules: RuleSet {
    var reaction: Reaction
    var error: RuleError?
    var origin: String { "fixed" }
    init(_ reaction: Reaction = Reaction(), error: RuleError? = nil) {
        self.reaction = reaction
        self.error = error
    }
    func react(to input: RuleInput) throws(RuleError) -> Reaction {
        if let error { throw error }
        return reaction
    }
}

/// An in-memory store that counts commits and fails them on demand (like a full disk).
final class FlakyStore: AgentStore {
    let inner = InMemoryAgentStore()
    var failing = false
    private(set) var commits = 0
    var location: String { "flaky:" }
    func loadAgents() throws -> [AgentState] { try inner.loadAgents() }
    func listAgents() throws -> [AgentState] { try inner.listAgents() }
    func loadOpenDials() throws -> [Dial] { try inner.loadOpenDials() }
    func loadDials() throws -> [Dial] { try inner.loadDials() }
    func reserveDialIDs(_ count: Int) throws -> Range<Int> { try inner.reserveDialIDs(count) }
    func addLeads(_ numbers: [String], journal: JournalEntry?) throws -> Int { try inner.addLeads(numbers, journal: journal) }
    func loadDialableLeads(at time: Timestamp, passingOver: [String], limit: Int) throws -> [StoredLead] {
        try inner.loadDialableLeads(at: time, passingOver: passingOver, limit: limit)
    }
    func summarizeLeads(at time: Timestamp) throws -> LeadSummary { try inner.summarizeLeads(at: time) }
    var retryPolicy: RetryPolicy {
        get { inner.retryPolicy }
        set { inner.retryPolicy = newValue }
    }
    func addLeadRecords(_ records: [LeadRecord], journal: JournalEntry?) throws -> Int { try inner.addLeadRecords(records, journal: journal) }
    func listLeads() throws -> [StoredLead] { try inner.listLeads() }
    func scheduleCallback(_ number: String, at time: Timestamp, journal: JournalEntry?) throws -> StoredLead {
        try inner.scheduleCallback(number, at: time, journal: journal)
    }
    func journalEntries(from: JournalBound, to: JournalBound, limit: Int) throws -> [JournalEntry] {
        try inner.journalEntries(from: from, to: to, limit: limit)
    }
    func pruneJournal(before time: Timestamp) throws -> Int { try inner.pruneJournal(before: time) }
    func loadDialingPaused() throws -> Bool { try inner.loadDialingPaused() }
    func saveDialingPaused(_ paused: Bool, journal: JournalEntry?) throws { try inner.saveDialingPaused(paused, journal: journal) }
    func commit(_ batch: StoreBatch) throws {
        if failing { throw StoreError.full(store: location) }
        commits += 1
        try inner.commit(batch)
    }
}
