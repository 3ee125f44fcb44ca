public import DialerCore
import Foundation
import GRDB

/// The embedded default store: one SQLite file in WAL mode (`sqlite:PATH`).
///
/// Every `commit` is one transaction. Agents carry a version: an update that finds another
/// version than the one this store last read or wrote fails with `StoreError.conflict`, so two
/// processes on one file never silently overwrite each other. One process at a time may open
/// a file for writing (`WriterLock`); any number may read it (`Access.readOnly`).
///
/// Durability: `synchronous = NORMAL` in WAL mode, so a process crash (even SIGKILL) loses no
/// committed transaction; pass `durability: .full` to survive a power loss too, at the cost
/// of an fsync per commit.
public final class SQLiteAgentStore: AgentStore {
    /// How hard a commit pushes to disk.
    public enum Durability: String, Sendable {
        /// Survives a crash of the process (WAL, synchronous = NORMAL).
        case normal
        /// Survives a crash of the machine (synchronous = FULL).
        case full
    }

    /// What the store may do to its file.
    public enum Access: Sendable {
        /// Creates, migrates and writes the file; one process at a time (the others are
        /// refused with `StoreError.inUse`).
        case readWrite
        /// Reads an existing, up-to-date store and changes nothing, not even its journal mode:
        /// works beside a writing process and on a file or directory it may not write.
        case readOnly
    }

    /// `sqlite:PATH`.
    public let location: String
    /// Applied to each dial's lead at commit.
    public var retryPolicy = RetryPolicy()
    private let queue: DatabaseQueue
    private var versions: [String: Int64] = [:]
    /// Held while the store is open for writing.
    private let writerLock: WriterLock?

    /// Opens a dialer database. For writing, it is created if needed and its schema brought up
    /// to date in one transaction, finishing a creation a crash interrupted; a file that is not
    /// a dialer database is refused before anything in it changes.
    /// - Parameters:
    ///   - busyTimeout: how long to wait for another connection's write lock before `locked`.
    public init(path: String, access: Access = .readWrite, durability: Durability = .normal, busyTimeout: Double = 5) throws(StoreError) {
        location = "sqlite:\(path)"
        let store = location
        let kind = try SQLiteFileKind.inspect(path: path, store: store)
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        config.label = location
        if access == .readOnly {
            switch kind {
            case .absent, .unfinished:
                throw .unavailable(
                    store: store, reason: "there is no dialer store here yet (a writing command such as agents add, soak or serve creates it)")
            case .dialer(let pending) where !pending.isEmpty:
                throw .unavailable(
                    store: store, reason: "its schema predates \(pending[0]); run a writing command on it once (e.g. agents add) to upgrade it")
            case .dialer: writerLock = nil
            }
        } else {
            writerLock = try WriterLock(storePath: path, store: store)
            config.journalMode = .wal
            let synchronous = durability == .full ? "FULL" : "NORMAL"
            // A page cache of 32 MiB (SQLite's default is 2): a million leads' number index fits, so
            // a large import or a refill does not evict and re-read it page by page.
            config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = \(synchronous); PRAGMA cache_size = -32768") }
        }
        if WriteKillSwitch.process.isArmed { config.prepareDatabase(Self.countCommits) }
        do {
            queue = try access == .readOnly ? ReadOnlyQueue.open(path, configuration: config) : DatabaseQueue(path: path, configuration: config)
            if access == .readWrite && kind != .dialer(pending: []) {
                try queue.writeWithoutTransaction { db in try SQLiteSchema.migrate(db, store: store) }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.storeError(error, store: store, opening: true)
        }
    }

    /// Tests only (`WriteKillSwitch`): every COMMIT counts as a write about to commit.
    private static func countCommits(_ db: Database) {
        db.trace(options: .statement) { event in
            if case .statement(let statement) = event, statement.sql.hasPrefix("COMMIT") { WriteKillSwitch.process.writeWillCommit() }
        }
    }

    /// Every agent, by id.
    public func loadAgents() throws -> [AgentState] {
        try run { db in
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM agents ORDER BY agent_id")
            return try rows.map { row in
                let state = try Self.agent(from: row, store: location)
                versions[state.agentID] = row["version"]
                return state
            }
        }
    }

    /// Every agent (one file has one driver: the same as `loadAgents`).
    public func listAgents() throws -> [AgentState] { try loadAgents() }

    /// Dials still ringing or connected.
    public func loadOpenDials() throws -> [Dial] {
        try run { db in
            try Row.fetchAll(db, sql: "SELECT * FROM dials WHERE outcome IS NULL OR outcome = 'connected' ORDER BY id").map {
                try Self.dial(from: $0, store: location)
            }
        }
    }

    /// Every call record.
    public func loadDials() throws -> [Dial] {
        try run { db in try Row.fetchAll(db, sql: "SELECT * FROM dials ORDER BY id").map { try Self.dial(from: $0, store: location) } }
    }

    /// Every warning, in order.
    public func loadWarnings() throws -> [DialerWarning] {
        try run { db in
            try Row.fetchAll(db, sql: "SELECT * FROM warnings ORDER BY id").map { row in
                DialerWarning(
                    code: row["code"], agentID: row["agent_id"], status: AgentStatus(rawValue: row["status"]) ?? .off,
                    event: EventKind(rawValue: row["event"]) ?? .login, time: row["time"], message: row["message"])
            }
        }
    }

    /// Writes the batch in one transaction.
    public func commit(_ batch: StoreBatch) throws {
        var written: [String: Int64] = [:]
        try run { db in
            try db.inTransaction {
                for id in batch.removedAgents {
                    try db.execute(sql: "DELETE FROM agents WHERE agent_id = ?", arguments: [id])
                }
                let updateAgent = try RowBinder(
                    """
                    UPDATE agents SET status = ?2, cdc = ?3, latest_lead_phone_number = ?4, last_status = ?5, timestamp = ?6,
                      version = version + 1 WHERE agent_id = ?1 AND version = ?7
                    """, db)
                let insertAgent = try RowBinder(
                    """
                    INSERT INTO agents (agent_id, status, cdc, latest_lead_phone_number, last_status, timestamp, version)
                    VALUES (?, ?, ?, ?, ?, ?, 1) ON CONFLICT (agent_id) DO NOTHING
                    """, db)
                for state in batch.states {
                    let version = written[state.agentID] ?? versions[state.agentID]
                    try (version == nil ? insertAgent : updateAgent).run {
                        $0.text(state.agentID)
                        $0.text(state.status.rawValue)
                        $0.integer(state.cdc)
                        $0.text(state.latestLeadPhoneNumber)
                        $0.text(state.lastStatus?.rawValue)
                        $0.real(state.timestamp)
                        if let version { $0.integer(Int(version)) }
                    }
                    guard db.changesCount == 1 else { throw StoreError.conflict(store: location, agentID: state.agentID) }
                    written[state.agentID] = (version ?? 0) + 1
                }
                let upsertDial = try RowBinder(
                    """
                    INSERT INTO dials (id, agent_id, number, dialed_at, answered_at, ended_at, outcome) VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET answered_at = excluded.answered_at, ended_at = excluded.ended_at, outcome = excluded.outcome
                    """, db)
                // The lead's standing, in this transaction (see LeadChange); a lead out of
                // attempts is done, as `StoredLead.apply` decides (`attempts` on the right is the
                // value before the update), without reading the lead first.
                let markLead = try RowBinder(
                    """
                    UPDATE leads SET attempts = attempts + ?3, last_outcome = coalesce(?4, last_outcome),
                      state = CASE WHEN ?7 AND attempts + ?3 >= ?8 THEN 'done' ELSE ?2 END,
                      eligible_at = CASE WHEN ?7 AND attempts + ?3 >= ?8 THEN NULL ELSE ?5 END,
                      wait = CASE WHEN ?7 AND attempts + ?3 >= ?8 THEN NULL ELSE ?6 END
                    WHERE number = ?1
                    """, db)
                for dial in batch.dials {
                    try upsertDial.run {
                        $0.integer(dial.id)
                        $0.text(dial.agentID)
                        $0.text(dial.number)
                        $0.real(dial.dialedAt)
                        $0.real(dial.answeredAt)
                        $0.real(dial.endedAt)
                        $0.text(dial.outcome?.rawValue)
                    }
                    let change = retryPolicy.change(after: dial)
                    try markLead.run {
                        $0.text(dial.number)
                        $0.text(change.state.rawValue)
                        $0.integer(change.countsAsAttempt ? 1 : 0)
                        $0.text(change.outcome?.rawValue)
                        $0.real(change.eligibleAt)
                        $0.text(change.wait?.rawValue)
                        $0.integer(change.state == .available && change.countsAsAttempt ? 1 : 0)
                        $0.integer(retryPolicy.maxAttempts)
                    }
                }
                let insertWarning = try db.cachedStatement(
                    sql: """
                        INSERT INTO warnings (code, agent_id, status, event, time, message) VALUES (?, ?, ?, ?, ?, ?)
                        """)
                for warning in batch.warnings {
                    try insertWarning.execute(arguments: [
                        warning.code, warning.agentID, warning.status.rawValue, warning.event.rawValue, warning.time, warning.message,
                    ])
                }
                try SQLiteJournal.append(batch.journal, db)
                return .commit
            }
        }
        for id in batch.removedAgents { versions[id] = nil }
        versions.merge(written) { $1 }
    }

    /// A block of ids from the file's counter, in its own transaction.
    public func reserveDialIDs(_ count: Int) throws -> Range<Int> {
        try run { db in
            try db.inTransaction {
                try db.execute(sql: "UPDATE counters SET value = value + ? WHERE name = 'next_dial_id'", arguments: [count])
                return .commit
            }
            let end = try Int.fetchOne(db, sql: "SELECT value FROM counters WHERE name = 'next_dial_id'") ?? count + 1
            return (end - count)..<end
        }
    }

    /// Adds the numbers not present yet, in order, and the journal entry if given.
    public func addLeads(_ numbers: [String], journal: JournalEntry?) throws -> Int {
        try insertLeads(numbers.map { ($0, nil, nil, nil, 0) }, journal: journal)
    }

    /// Available leads whose wait is over at `time`: higher priority first, then oldest first.
    public func loadDialableLeads(at time: Timestamp, passingOver: [String], limit: Int) throws -> [StoredLead] {
        // The numbers passed over go in as one JSON array, so the LIMIT counts only leads returned.
        let skipped = String(decoding: (try? JSONEncoder().encode(passingOver)) ?? Data("[]".utf8), as: UTF8.self)
        return try run { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.leadColumns) FROM leads
                    WHERE state = 'available' AND (eligible_at IS NULL OR eligible_at <= ?)
                      AND number NOT IN (SELECT value FROM json_each(?))
                    ORDER BY priority DESC, seq LIMIT ?
                    """, arguments: [time, skipped, Int64(clamping: limit)]
            ).map(Self.lead(from:))
        }
    }

    /// Every available lead whose wait ends after `time`, in one query.
    public func loadWaitingLeads(after time: Timestamp) throws -> [StoredLead] {
        try run { db in
            try Row.fetchAll(
                db, sql: "SELECT \(Self.leadColumns) FROM leads WHERE state = 'available' AND eligible_at > ?", arguments: [time]
            ).map(Self.lead(from:))
        }
    }

    /// Counted in one query.
    public func summarizeLeads(at time: Timestamp) throws -> LeadSummary {
        try run { db in
            var summary = LeadSummary()
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT state, CASE WHEN state = 'available' AND eligible_at > ?1 THEN coalesce(wait, 'retry') END AS waiting,
                      count(*) AS n, min(eligible_at) AS next
                    FROM leads GROUP BY state, waiting
                    """, arguments: [time])
            for row in rows {
                summary.add(
                    state: LeadState(rawValue: row["state"]) ?? .done, wait: (row["waiting"] as String?).flatMap(LeadWait.init(rawValue:)),
                    eligibleAt: row["next"], count: row["n"])
            }
            return summary
        }
    }

    /// Adds leads with their details, in order, and the journal entry if given; numbers already
    /// present are left as they are.
    public func addLeadRecords(_ records: [LeadRecord], journal: JournalEntry?) throws -> Int {
        try insertLeads(records.map { ($0.phone.e164, $0.id, $0.name, $0.timeZone, $0.priority) }, journal: journal)
    }

    /// One transaction, with the journal entry; each new number takes the next place in line.
    private func insertLeads(
        _ rows: [(number: String, id: String?, name: String?, zone: String?, priority: Int)], journal: JournalEntry? = nil
    ) throws -> Int {
        try run { db in
            var added = 0
            try db.inTransaction {
                var seq = try Int.fetchOne(db, sql: "SELECT value FROM counters WHERE name = 'next_lead_seq'") ?? 1
                let insert = try db.cachedStatement(
                    sql: """
                        INSERT INTO leads (number, seq, lead_id, name, time_zone, priority) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (number) DO NOTHING
                        """)
                for row in rows {
                    try insert.execute(arguments: [row.number, seq, row.id, row.name, row.zone, row.priority])
                    if db.changesCount == 1 {
                        added += 1
                        seq += 1
                    }
                }
                try db.execute(sql: "UPDATE counters SET value = ? WHERE name = 'next_lead_seq'", arguments: [seq])
                if let journal { try SQLiteJournal.append([journal], db) }
                return .commit
            }
            return added
        }
    }

    /// Every lead in dialing order.
    public func listLeads() throws -> [StoredLead] {
        try run { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.leadColumns) FROM leads ORDER BY priority DESC, seq").map(Self.lead(from:))
        }
    }

    /// Reads the lead and writes its callback, and the journal entry if given, in one
    /// transaction; a refusal rolls it back.
    public func scheduleCallback(_ number: String, at time: Timestamp, journal: JournalEntry?) throws -> StoredLead {
        let outcome: Result<StoredLead, CallbackError> = try run { db in
            var result = Result<StoredLead, CallbackError>.failure(.unknownLead(number: number))
            try db.inTransaction {
                let row = try Row.fetchOne(db, sql: "SELECT \(Self.leadColumns) FROM leads WHERE number = ?", arguments: [number])
                guard var lead = row.map(Self.lead(from:)) else { return .rollback }
                do throws(CallbackError) { try lead.scheduleCallback(at: time) } catch {
                    result = .failure(error)
                    return .rollback
                }
                try db.execute(
                    sql: "UPDATE leads SET state = ?, eligible_at = ?, wait = ? WHERE number = ?",
                    arguments: [lead.state.rawValue, lead.eligibleAt, lead.wait?.rawValue, number])
                if let journal { try SQLiteJournal.append([journal], db) }
                result = .success(lead)
                return .commit
            }
            return result
        }
        return try outcome.get()
    }

    /// The journal's entries in the range, in sequence order.
    public func journalEntries(from: JournalBound, to: JournalBound, limit: Int) throws -> [JournalEntry] {
        try run { db in try SQLiteJournal.entries(from: from, to: to, limit: limit, db, store: location) }
    }

    /// Deletes the journal's entries applied before `time`, in one transaction.
    public func pruneJournal(before time: Timestamp) throws -> Int {
        try run { db in
            var pruned = 0
            try db.inTransaction {
                pruned = try SQLiteJournal.prune(before: time, db)
                return .commit
            }
            return pruned
        }
    }

    /// The `dialing_paused` row of `counters` (1: paused); no row: never paused.
    public func loadDialingPaused() throws -> Bool {
        try run { db in try Int.fetchOne(db, sql: "SELECT value FROM counters WHERE name = 'dialing_paused'") ?? 0 } != 0
    }

    /// Writes the `dialing_paused` row, and the journal entry if given, in a transaction of its own.
    public func saveDialingPaused(_ paused: Bool, journal: JournalEntry?) throws {
        try run { db in
            try db.inTransaction {
                try db.execute(
                    sql: "INSERT INTO counters (name, value) VALUES ('dialing_paused', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                    arguments: [paused ? 1 : 0])
                if let journal { try SQLiteJournal.append([journal], db) }
                return .commit
            }
        }
    }

    /// Counts in one query over `dials`, placed at `since` or later.
    public func callCounts(since: Timestamp) throws -> CallCounts {
        try run { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT coalesce(sum(CASE WHEN answered_at IS NOT NULL AND outcome IN ('connected', 'completed', 'dropped') THEN 1 ELSE 0 END), 0)
                             AS answered,
                           coalesce(sum(CASE WHEN outcome = 'dropped' THEN 1 ELSE 0 END), 0) AS drops
                    FROM dials WHERE dialed_at >= ?
                    """, arguments: [since])
            return CallCounts(answered: row?["answered"] ?? 0, drops: row?["drops"] ?? 0)
        }
    }

    /// Runs one statement and returns its first integer (tests use it to set pragmas).
    func execute(fetching sql: String) throws -> Int {
        try run { db in try Int.fetchOne(db, sql: sql) ?? 0 }
    }

    // MARK: Errors

    private func run<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try queue.writeWithoutTransaction(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.storeError(error, store: location, opening: false)
        }
    }

    static func storeError(_ error: any Error, store: String, opening: Bool) -> StoreError {
        guard let db = error as? DatabaseError else { return .failed(store: store, reason: "\(error)") }
        let message = db.message ?? "\(db.resultCode)"
        switch db.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .locked(store: store)
        case .SQLITE_FULL: return .full(store: store)
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: return .corrupt(store: store, reason: message)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY, .SQLITE_AUTH:
            return .unavailable(store: store, reason: "\(message) (check the path and its permissions)")
        case .SQLITE_IOERR: return .failed(store: store, reason: "disk I/O error: \(message)")
        default: return opening ? .unavailable(store: store, reason: message) : .failed(store: store, reason: message)
        }
    }

    private static func agent(from row: Row, store: String) throws -> AgentState {
        let id: String = row["agent_id"]
        guard let status = AgentStatus(rawValue: row["status"]) else {
            throw StoreError.corrupt(store: store, reason: "agent '\(id)' has status \(String(describing: row["status"] as String?))")
        }
        return AgentState(
            agentID: id, status: status, cdc: row["cdc"], latestLeadPhoneNumber: row["latest_lead_phone_number"],
            lastStatus: (row["last_status"] as String?).flatMap(AgentStatus.init(rawValue:)), timestamp: row["timestamp"])
    }

    private static let leadColumns = "number, state, attempts, priority, lead_id, name, time_zone, last_outcome, eligible_at, wait, seq"

    private static func lead(from row: Row) -> StoredLead {
        var lead = StoredLead(
            number: row["number"], state: LeadState(rawValue: row["state"]) ?? .done, attempts: row["attempts"], priority: row["priority"],
            leadID: row["lead_id"], name: row["name"], timeZone: row["time_zone"],
            lastOutcome: (row["last_outcome"] as String?).flatMap(DialOutcome.init(rawValue:)), eligibleAt: row["eligible_at"],
            wait: (row["wait"] as String?).flatMap(LeadWait.init(rawValue:)))
        lead.seq = row["seq"]
        return lead
    }

    private static func dial(from row: Row, store: String) throws -> Dial {
        var dial = Dial(id: row["id"], agentID: row["agent_id"], number: row["number"], dialedAt: row["dialed_at"])
        dial.answeredAt = row["answered_at"]
        dial.endedAt = row["ended_at"]
        if let outcome: String = row["outcome"] {
            guard let value = DialOutcome(rawValue: outcome) else {
                throw StoreError.corrupt(store: store, reason: "dial \(dial.id) has outcome '\(outcome)'")
            }
            dial.outcome = value
        }
        return dial
    }
}
