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

    /// Makes an empty batch.
    public init() {}

    /// Whether the batch writes nothing.
    public var isEmpty: Bool { states.isEmpty && removedAgents.isEmpty && dials.isEmpty && warnings.isEmpty }
}

/// Where agent state, call records and leads persist. The engine commits each step here before
/// any effect reaches telephony, and loads every agent from here at start (seed 000 §3.1 `init`).
///
/// Leads follow their dials inside the same commit: a dial placed marks its lead `dialing`; a
/// final outcome marks it `done`, except `cancelled` (hung up before anyone answered), which
/// makes it dialable again. So a lead is never lost and never in two dials at once.
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
    /// Adds leads (E.164 numbers); returns how many were new.
    func addLeads(_ numbers: [String]) throws -> Int
    /// Leads that may be dialed now: higher priority first, then in the order they were added.
    func loadDialableLeads() throws -> [String]
    /// Adds leads with their details (id, name, time zone, priority); returns how many were new.
    func addLeadRecords(_ records: [LeadRecord]) throws -> Int
    /// Every lead with its state, in dialing order.
    func listLeads() throws -> [StoredLead]
}

/// A lead as a store keeps it.
public struct StoredLead: Sendable, Equatable, Codable {
    /// E.164 number.
    public var number: String
    /// Available, dialing or done.
    public var state: LeadState
    /// Dials placed (cancelled ones included).
    public var attempts: Int
    /// Higher is dialed first.
    public var priority: Int
    /// The operator's id.
    public var leadID: String?
    /// The lead's name.
    public var name: String?
    /// The lead's own time zone.
    public var timeZone: String?

    /// Makes a stored lead.
    public init(number: String, state: LeadState, attempts: Int = 0, priority: Int = 0, leadID: String? = nil, name: String? = nil, timeZone: String? = nil) {
        self.number = number
        self.state = state
        self.attempts = attempts
        self.priority = priority
        self.leadID = leadID
        self.name = name
        self.timeZone = timeZone
    }
}

/// State of a lead in a store.
public enum LeadState: String, Sendable, Codable, CaseIterable {
    /// May be dialed.
    case available
    /// In a dial that has not ended.
    case dialing
    /// Dialed to a final outcome.
    case done
}

/// A store in memory: for tests, replays and simulations.
public final class InMemoryAgentStore: AgentStore {
    /// Stored agents by id.
    public private(set) var agents: [String: AgentState] = [:]
    /// Stored dials by id (built on each read: for tests and tools, not for hot paths).
    public var dials: [Int: Dial] {
        var all = sparseDials
        for case let dial? in denseDials { all[dial.id] = dial }
        return all
    }
    // Dial ids this store handed out are dense from 1: an array indexed by id - 1 (a growing
    // dictionary rehashed every call record). Ids from elsewhere go to the dictionary.
    private var denseDials: [Dial?] = []
    private var sparseDials: [Int: Dial] = [:]
    /// Stored warnings, in order.
    public private(set) var warnings: [DialerWarning] = []
    /// Leads by number.
    public private(set) var leads: [String: LeadState] = [:]
    private var leadOrder: [String] = []
    private var leadDetails: [String: StoredLead] = [:]
    private var nextDialID = 1

    /// Makes an empty store.
    public init() {}

    /// `memory:`.
    public var location: String { "memory:" }

    /// Every dial, by id.
    public func loadDials() throws -> [Dial] { allDials.sorted { $0.id < $1.id } }

    private var allDials: [Dial] { denseDials.compactMap { $0 } + sparseDials.values }

    private func put(_ dial: Dial) {
        let index = dial.id - 1
        guard index >= 0, dial.id < nextDialID else {
            sparseDials[dial.id] = dial
            return
        }
        if index >= denseDials.count { denseDials.append(contentsOf: repeatElement(nil, count: index - denseDials.count + 1)) }
        denseDials[index] = dial
        if !sparseDials.isEmpty { sparseDials[dial.id] = nil }
    }

    /// The next `count` ids.
    public func reserveDialIDs(_ count: Int) throws -> Range<Int> {
        defer { nextDialID += count }
        return nextDialID..<(nextDialID + count)
    }

    /// Adds the numbers not present yet.
    public func addLeads(_ numbers: [String]) throws -> Int {
        var added = 0
        for number in numbers where leads[number] == nil {
            leads[number] = .available
            leadOrder.append(number)
            added += 1
        }
        return added
    }

    /// Available leads: higher priority first, then insertion order.
    public func loadDialableLeads() throws -> [String] { try listLeads().filter { $0.state == .available }.map(\.number) }

    /// Adds leads with their details.
    public func addLeadRecords(_ records: [LeadRecord]) throws -> Int {
        var added = 0
        for record in records where leads[record.phone.e164] == nil {
            let number = record.phone.e164
            leads[number] = .available
            leadOrder.append(number)
            leadDetails[number] = StoredLead(number: number, state: .available, priority: record.priority, leadID: record.id, name: record.name, timeZone: record.timeZone)
            added += 1
        }
        return added
    }

    /// Every lead in dialing order.
    public func listLeads() throws -> [StoredLead] {
        let attempts = Dictionary(grouping: allDials, by: \.number).mapValues(\.count)
        let all = leadOrder.enumerated().map { index, number in
            var lead = leadDetails[number] ?? StoredLead(number: number, state: .available)
            lead.state = leads[number] ?? .available
            lead.attempts = attempts[number] ?? 0
            return (index, lead)
        }
        return all.sorted { ($0.1.priority, -$0.0) > ($1.1.priority, -$1.0) }.map(\.1)
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
        for dial in batch.dials {
            put(dial)
            if !leads.isEmpty, let state = leads[dial.number] { leads[dial.number] = Self.leadState(after: dial) ?? state }
        }
        warnings.append(contentsOf: batch.warnings)
    }
}

extension AgentStore {
    /// What a lead becomes once this version of its dial is committed (nil: unchanged).
    public static func leadState(after dial: Dial) -> LeadState? {
        switch dial.outcome {
        case nil, .connected?: .dialing
        case .cancelled?: .available
        default: .done
        }
    }
}
