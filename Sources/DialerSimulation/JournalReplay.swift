public import DialerCore
public import DialerLua
import Foundation

/// A fresh engine fed a store's journal, entry after entry, on a virtual clock set to each
/// entry's time: the engine decides again what the live one decided, with the rule files the
/// journal holds (or with other rules, for a backtest). `capture` and `backtest` are built on
/// it. The engine commits to a store in memory; its lead pool is the store's `StoredLeadPool`
/// with the live rule file's `LEADS`, as `serve` and `simulate --store` dial.
///
/// A journal reproduces a run only from the run's start: its leads, agents and rule file. A
/// journal whose head was pruned, or a run on a store that held agents before it journaled,
/// cannot be replayed: the first event for an agent the journal never added is refused, and
/// `JournalReplay` says so.
public final class JournalReplay {
    /// The rule file put live by a `rules` entry, as the replay loads it.
    public struct RuleFile: Sendable, Equatable {
        /// The path the live run read.
        public var file: String
        /// Its text.
        public var text: String
        /// Its SHA-256 (hex).
        public var sha256: String
        /// The seed of its `math.random`.
        public var seed: Int
        /// Settings the run laid over the file's own (`simulate --set`).
        public var overrides: [String: LuaValue] = [:]
    }

    /// Makes the rules a `rules` entry puts live (the journaled file, or another for a backtest).
    public typealias RuleLoader = (RuleFile) throws(JournalReplayError) -> LuaRuleSet

    /// The engine, created at the first `rules` entry; nil before.
    public private(set) var engine: DialerEngine?
    /// The replay's store.
    public let store = InMemoryAgentStore()
    /// The replay's clock: the time of the entry being applied.
    public let clock = VirtualClock()
    /// The rule file live now (the latest `rules` entry); nil before the first.
    public private(set) var ruleFile: RuleFile?
    /// The simulation's settings, when the journal is a `simulate --store` run's.
    public private(set) var simulation: SimulationSettings?
    /// Whether dialing is paused for the campaign now.
    public var dialingPaused: Bool { dialing.paused }
    /// Called with every step the engine takes (the events of the entries, and those the rules launch).
    public var onStep: ((EngineStep) -> Void)? {
        didSet { engine?.onStep = onStep }
    }

    private let telephony: any Telephony
    private let loadRules: RuleLoader
    private var pool: StoredLeadPool
    private var dialing: PausableLeadSource

    /// A replay that puts `loadRules`' rules live at each `rules` entry; calls go to `telephony`
    /// (by default nowhere: a replay's far end is the journal's call events).
    public init(telephony: any Telephony = RecordingTelephony(), loadRules: @escaping RuleLoader = JournalReplay.journaledRules) {
        self.telephony = telephony
        self.loadRules = loadRules
        pool = StoredLeadPool(store: store)
        dialing = PausableLeadSource(pool)
    }

    /// The rule file as the journal holds it, with the default limits.
    public static func journaledRules(_ file: RuleFile) throws(JournalReplayError) -> LuaRuleSet {
        do {
            return try LuaRuleSet(source: file.text, name: file.file, overrides: file.overrides, seed: file.seed)
        } catch {
            throw .rules(file: file.file, error.description)
        }
    }

    /// Applies one entry at its time; returns the errors of the events the engine refused
    /// (an event the live engine accepted and the replay refuses is a difference the caller
    /// reports).
    @discardableResult
    public func apply(_ entry: JournalEntry) throws(JournalReplayError) -> [EngineError] {
        clock.advance(to: max(clock.now, entry.time))  // a wall clock may step back: never the replay's
        switch entry.input {
        case .event(let agentID, let kind, let number, let reason):
            return try requireEngine(entry).handle(AgentEvent(agentID: agentID, kind: kind, number: number, reason: reason))
        case .agentAdded(let agentID):
            return try engineCall(entry) { engine throws(EngineError) in try engine.addAgent(AgentState(agentID: agentID)) }
        case .agentRemoved(let agentID):
            return try engineCall(entry) { engine throws(EngineError) in try engine.removeAgent(agentID) }
        case .leadsAdded(let leads):
            try addLeads(leads, entry)
        case .callback(let number, let time):
            try storeCall(entry) { _ = try pool.scheduleCallback(number, at: time) }
        case .rules(let file, let sha256, let text, let seed, let trigger):
            try putLive(RuleFile(file: file, text: text, sha256: sha256, seed: seed), restart: trigger == "start", entry)
        case .simulation(_, let settings):
            let start = try? JSONDecoder().decode(SimulationStart.self, from: Data(settings.utf8))
            simulation = start?.settings
            simulatedSettings = start?.ruleSettings.map { Dictionary($0.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 }) }
        case .dialingPaused(let paused):
            dialing.paused = paused
        }
        return []
    }

    /// What a `simulation` entry holds.
    private struct SimulationStart: Decodable {
        let settings: SimulationSettings
        let ruleSettings: [RuleSetting]?
    }

    /// The rule file's settings as the simulation saw them, and the file it started on.
    private var simulatedSettings: [String: String]?
    private var simulatedFile: String?

    /// A simulation's `--set` settings, found where the settings it journaled differ from the
    /// file's own (they apply to its rule file, at the start and when it is reloaded).
    private func overrides(for file: RuleFile, restart: Bool) throws(JournalReplayError) -> [String: LuaValue] {
        guard let seen = simulatedSettings else { return [:] }
        if restart && simulatedFile != nil {  // a later run on the store: not the simulation's
            simulatedSettings = nil
            return [:]
        }
        if restart { simulatedFile = file.file }
        guard file.file == simulatedFile else { return [:] }
        var overrides: [String: LuaValue] = [:]
        for (name, value) in try Self.journaledRules(file).settings where seen[name].map({ $0 != value }) == true {
            guard let printed = seen[name], let parsed = LuaValue(printed: printed) else {
                throw .rules(file: file.file, "the simulation set \(name) = \(seen[name] ?? "?"), which a replay cannot read back")
            }
            overrides[name] = parsed
        }
        return overrides
    }

    private func requireEngine(_ entry: JournalEntry) throws(JournalReplayError) -> DialerEngine {
        guard let engine else { throw .noRules(sequence: entry.sequence, kind: entry.kind.rawValue) }
        return engine
    }

    private func engineCall(_ entry: JournalEntry, _ body: (DialerEngine) throws(EngineError) -> Void) throws(JournalReplayError) -> [EngineError] {
        let engine = try requireEngine(entry)
        do {
            try body(engine)
            return []
        } catch {
            return [error]
        }
    }

    private func storeCall(_ entry: JournalEntry, _ body: () throws -> Void) throws(JournalReplayError) {
        do {
            try body()
        } catch {
            throw .store(sequence: entry.sequence, "\(error)")
        }
    }

    private func addLeads(_ leads: [JournalLead], _ entry: JournalEntry) throws(JournalReplayError) {
        var records: [LeadRecord] = []
        records.reserveCapacity(leads.count)
        for lead in leads {
            guard let phone = try? PhoneNumber(parsing: lead.number) else {
                throw .store(sequence: entry.sequence, "lead '\(lead.number)' is not a phone number")
            }
            records.append(LeadRecord(phone: phone, id: lead.id, name: lead.name, timeZone: lead.timeZone, priority: lead.priority))
        }
        try storeCall(entry) { _ = try store.addLeadRecords(records) }
        pool.lookAgain()
    }

    /// A reload replaces the rules between events; a `start` after the first is a restart: a
    /// new engine over the same store, recovering what the previous run left open, as `serve`
    /// does at start (connected calls kept, ringing dials cancelled).
    private func putLive(_ file: RuleFile, restart: Bool, _ entry: JournalEntry) throws(JournalReplayError) {
        var file = file
        file.overrides = try overrides(for: file, restart: restart)
        let rules = try loadRules(file)
        ruleFile = file
        pool.settings = rules.leadSettings
        if let engine, !restart {
            engine.rules = rules
            return
        }
        if self.engine != nil {  // a new process: its pool knows nothing of the last one's
            pool = StoredLeadPool(store: store, settings: rules.leadSettings)
            dialing = PausableLeadSource(pool, paused: dialing.paused)
        }
        do {
            let engine = try DialerEngine(rules: rules, store: store, leads: dialing, telephony: telephony, clock: clock)
            engine.onStep = onStep
            if self.engine != nil { try engine.recover(policy: .keepConnectedCalls) }
            self.engine = engine
        } catch {
            throw .engine(sequence: entry.sequence, error.description)
        }
    }
}
