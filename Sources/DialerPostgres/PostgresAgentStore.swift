public import DialerCore
import Foundation
import Logging
import NIOCore
import PostgresNIO

/// The store for several dialer nodes: one PostgreSQL database (`postgres://…`).
///
/// Concurrency control is twofold. Each agent has a **lease**: the node that holds it is the
/// only one that drives the agent; a node claims free or expired agents, renews its leases
/// while it runs (`renewLeases`, at least every third of `leaseSeconds`) and releases them at
/// a clean stop. Each agent also has a **version**: an update must name the version it was
/// based on and still hold the lease, or the whole commit fails with `StoreError.conflict`,
/// so no update is ever lost even if a lease is taken over mid-commit. Leads are reserved by
/// node in chunks (`FOR UPDATE SKIP LOCKED`), so two nodes never dial the same lead.
///
/// The API is synchronous (the engine's port is); each call waits for its round trips. Do not
/// call it from an event loop thread.
public final class PostgresAgentStore: SharedAgentStore {
    /// The location without its password.
    public let location: String
    /// This node's name.
    public let nodeID: String
    /// Seconds a lease lasts without renewal.
    public let leaseSeconds: Double
    /// How many leads a node reserves at a time, at most (a lead pool asks for its own chunk).
    public var leadChunk = 1_000
    /// Applied to each dial's lead at commit.
    public var retryPolicy = RetryPolicy()

    private let target: PostgresLocation
    private let logger = Logger(label: "dialer.postgres")
    private var connection: PostgresConnection?
    private var versions: [String: Int64] = [:]
    private let leases: Bool

    /// Connects, and creates or migrates the schema.
    /// - Parameters:
    ///   - url: `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE`.
    ///   - nodeID: this node's name (default: host name and process id).
    ///   - leaseSeconds: how long another node waits for this one before taking its agents.
    ///   - unsafeWithoutLeases: for tests that prove the leases matter: every node claims every
    ///     agent and writes without holding it. Never use it in production.
    public init(url: String, nodeID: String? = nil, leaseSeconds: Double = 15, unsafeWithoutLeases: Bool = false) throws(StoreError) {
        target = try PostgresLocation(url)
        location = target.redacted
        self.nodeID = nodeID ?? "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)"
        self.leaseSeconds = leaseSeconds
        leases = !unsafeWithoutLeases
        try migrate()
    }

    deinit {
        if let connection { try? connection.close().wait() }
    }

    // MARK: Agents and dials

    /// Claims and returns the agents this node may drive (free, expired, or already its own).
    public func loadAgents() throws -> [AgentState] { try claimAgents().states }

    /// Claims free agents: their states and open dials.
    public func claimAgents() throws -> (states: [AgentState], openDials: [Dial]) {
        try transaction { () throws(StoreError) in
            let rows = try query(
                """
                UPDATE agents SET owner = $1, lease_until = \(Self.now) + $2
                WHERE owner IS NULL OR owner = $1 OR lease_until < \(Self.now) OR NOT $3
                RETURNING agent_id, status, cdc, latest_lead_phone_number, last_status, timestamp, version
                """, nodeID, leaseSeconds, leases)
            var states: [AgentState] = []
            for row in rows {
                let state = try agent(from: row)
                versions[state.agentID] = try decode(row, "version", Int64.self)
                states.append(state)
            }
            states.sort { $0.agentID < $1.agentID }
            let ids = states.map(\.agentID)
            let dials = try each(
                try query(
                    "SELECT \(Self.dialColumns) FROM dials WHERE (outcome IS NULL OR outcome = 'connected') AND agent_id = ANY($1) ORDER BY id", ids
                ), dial(from:))
            return (states, dials)
        }
    }

    /// Extends this node's leases (agents and reserved leads); returns the agents it still holds.
    public func renewLeases() throws -> Set<String> {
        let rows = try write(
            "UPDATE agents SET lease_until = \(Self.now) + $2 WHERE owner = $1 OR NOT $3 RETURNING agent_id", nodeID, leaseSeconds, leases)
        _ = try write(
            "UPDATE leads SET reserved_until = \(Self.now) + $2 WHERE reserved_by = $1 AND state = 'available'", nodeID, leaseSeconds)
        let held = Set(try rows.map { try decode($0, "agent_id", String.self) })
        for id in versions.keys where !held.contains(id) { versions[id] = nil }
        return held
    }

    /// Releases every lease of this node.
    public func releaseLeases() throws {
        try transaction { () throws(StoreError) in
            _ = try query("UPDATE agents SET owner = NULL, lease_until = NULL WHERE owner = $1", nodeID)
            _ = try query("UPDATE leads SET reserved_by = NULL, reserved_until = NULL WHERE reserved_by = $1", nodeID)
        }
        versions = [:]
    }

    /// Dials still open for the agents this node holds.
    public func loadOpenDials() throws -> [Dial] {
        try query(
            "SELECT \(Self.dialColumns) FROM dials WHERE (outcome IS NULL OR outcome = 'connected') AND agent_id = ANY($1) ORDER BY id",
            Array(versions.keys)
        ).map(dial(from:))
    }

    /// Every call record, from every node.
    public func loadDials() throws -> [Dial] {
        try query("SELECT \(Self.dialColumns) FROM dials ORDER BY id").map(dial(from:))
    }

    /// Every agent in the database, whoever drives it.
    public func listAgents() throws -> [AgentState] {
        try query("SELECT agent_id, status, cdc, latest_lead_phone_number, last_status, timestamp FROM agents ORDER BY agent_id").map(agent(from:))
    }

    /// Which node holds each agent's lease (nil: free).
    public func loadOwners() throws -> [String: String?] {
        var owners: [String: String?] = [:]
        for row in try query("SELECT agent_id, owner FROM agents") {
            owners[try decode(row, "agent_id", String.self)] = .some(try decode(row, "owner", String?.self))
        }
        return owners
    }

    /// The node that placed each dial, by dial id.
    public func loadDialNodes() throws -> [(id: Int, agentID: String, node: String?)] {
        try query("SELECT id, agent_id, node FROM dials ORDER BY created_at, id").map { row in
            (Int(try decode(row, "id", Int64.self)), try decode(row, "agent_id", String.self), try decode(row, "node", String?.self))
        }
    }

    /// Writes the batch in one statement (`dialer_commit`): atomic, one round trip; fails
    /// whole if an agent changed or changed hands.
    public func commit(_ batch: StoreBatch) throws {
        let updates = batch.states.filter { versions[$0.agentID] != nil }
        let inserts = batch.states.filter { versions[$0.agentID] == nil }
        // One change per lead (an UPDATE … FROM applies one row per lead): the last dial's
        // standing, with the attempts of every dial of the lead in the batch (group commit may
        // finish a lead twice). The function adds them to the stored attempts (see LeadChange).
        var leads: [String: (change: LeadChange, attempts: Int32)] = [:]
        for dial in batch.dials {
            let change = retryPolicy.change(after: dial)
            leads[dial.number] = (change, (leads[dial.number]?.attempts ?? 0) + (change.countsAsAttempt ? 1 : 0))
        }
        let numbers = leads.keys.sorted()
        let changes = numbers.map { leads[$0]!.change }
        let attempts = numbers.map { leads[$0]!.attempts }
        let d = batch.dials
        let w = batch.warnings
        // The journal goes in with the same statement (a data-modifying WITH): one round trip, all or nothing.
        let journal = batch.journal.isEmpty ? "" : "WITH journaled AS (\(PostgresJournal.insert(firstParameter: 38))) "
        var values: [any PostgresDynamicTypeEncodable] = [
            nodeID, leaseSeconds, leases, batch.removedAgents,
            updates.map(\.agentID), updates.map(\.status.rawValue), updates.map { Int32($0.cdc) }, updates.map { $0.latestLeadPhoneNumber ?? "" },
            updates.map { $0.lastStatus?.rawValue ?? "" }, updates.map { $0.timestamp ?? .nan }, updates.map { versions[$0.agentID]! },
            inserts.map(\.agentID), inserts.map(\.status.rawValue), inserts.map { Int32($0.cdc) }, inserts.map { $0.latestLeadPhoneNumber ?? "" },
            inserts.map { $0.lastStatus?.rawValue ?? "" }, inserts.map { $0.timestamp ?? .nan },
            d.map { Int64($0.id) }, d.map(\.agentID), d.map(\.number), d.map(\.dialedAt), d.map { $0.answeredAt ?? .nan },
            d.map { $0.endedAt ?? .nan }, d.map { $0.outcome?.rawValue ?? "" },
            numbers, changes.map(\.state.rawValue), attempts, changes.map { $0.outcome?.rawValue ?? "" },
            changes.map { $0.eligibleAt ?? .nan }, changes.map { $0.wait?.rawValue ?? "" }, Int32(retryPolicy.maxAttempts),
            w.map(\.code), w.map(\.agentID), w.map(\.status.rawValue), w.map(\.event.rawValue), w.map(\.time), w.map { $0.message ?? "" },
        ]
        if !batch.journal.isEmpty { values += try PostgresJournal.values(batch.journal, node: nodeID, store: location) }
        WriteKillSwitch.process.writeWillCommit()
        let rows = try send(
            journal
                + """
                SELECT agent, agent_version FROM dialer_commit($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
                  $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35, $36, $37)
                """, values)
        var written: [String: Int64] = [:]
        for row in rows { written[try decode(row, "agent", String.self)] = try decode(row, "agent_version", Int64.self) }
        for id in batch.removedAgents { versions[id] = nil }
        versions.merge(written) { $1 }
    }

    /// A block of dial ids, shared by every node.
    public func reserveDialIDs(_ count: Int) throws -> Range<Int> {
        let rows = try write("UPDATE counters SET value = value + $1 WHERE name = 'next_dial_id' RETURNING value", count)
        guard let row = rows.first else { throw StoreError.corrupt(store: location, reason: "the next_dial_id counter is missing") }
        let end = Int(try decode(row, "value", Int64.self))
        return (end - count)..<end
    }

    /// Adds the numbers not present yet, in order (with the journal entry if given: one transaction).
    public func addLeads(_ numbers: [String], journal: JournalEntry?) throws -> Int {
        try insertJournaled(numbers.map { ($0, "", "", "", 0) }, journal: journal)
    }

    /// Releases this node's hold on the leads passed over, then reserves the next chunk of leads
    /// available and not waiting at `time` (and returns those it holds), in dialing order.
    public func loadDialableLeads(at time: Timestamp, passingOver: [String], limit: Int) throws -> [StoredLead] {
        try transaction { () throws(StoreError) in
            if !passingOver.isEmpty {
                try query(
                    "UPDATE leads SET reserved_by = NULL, reserved_until = NULL WHERE reserved_by = $1 AND number = ANY($2)", nodeID, passingOver)
            }
            let rows = try query(
                """
                UPDATE leads SET reserved_by = $1, reserved_until = \(Self.now) + $2
                WHERE number IN (
                  SELECT number FROM leads
                  WHERE state = 'available' AND (eligible_at IS NULL OR eligible_at <= $4) AND NOT (number = ANY($5))
                    AND (reserved_by IS NULL OR reserved_by = $1 OR reserved_until < \(Self.now))
                  ORDER BY priority DESC, seq LIMIT $3 FOR UPDATE SKIP LOCKED)
                RETURNING seq, \(Self.leadColumns)
                """, nodeID, leaseSeconds, min(limit, leadChunk), time, passingOver)
            return try each(rows) { row throws(StoreError) in (try decode(row, "seq", Int64.self), try lead(from: row)) }
                .sorted { (-$0.1.priority, $0.0) < (-$1.1.priority, $1.0) }.map(\.1)
        }
    }

    /// Counted in one query, whichever node holds the leads.
    public func summarizeLeads(at time: Timestamp) throws -> LeadSummary {
        let rows = try query(
            """
            SELECT state, CASE WHEN state = 'available' AND eligible_at > $1 THEN coalesce(wait, 'retry') END AS waiting,
              count(*) AS n, min(eligible_at) AS next
            FROM leads GROUP BY state, waiting
            """, time)
        var summary = LeadSummary()
        for row in rows {
            summary.add(
                state: LeadState(rawValue: try decode(row, "state", String.self)) ?? .done,
                wait: try decode(row, "waiting", String?.self).flatMap(LeadWait.init(rawValue:)),
                eligibleAt: try decode(row, "next", Double?.self), count: Int(try decode(row, "n", Int64.self)))
        }
        return summary
    }

    /// Adds leads with their details, in order; numbers already present are left as they are.
    /// With a journal entry, the leads and the entry are written in one transaction.
    public func addLeadRecords(_ records: [LeadRecord], journal: JournalEntry?) throws -> Int {
        try insertJournaled(records.map { ($0.phone.e164, $0.id ?? "", $0.name ?? "", $0.timeZone ?? "", $0.priority) }, journal: journal)
    }

    /// Inserts the leads; with a journal entry, leads and entry in one transaction.
    private func insertJournaled(
        _ rows: [(number: String, id: String, name: String, zone: String, priority: Int)], journal: JournalEntry?
    ) throws(StoreError) -> Int {
        guard let journal else { return try insertLeads(rows) }
        return try transaction { () throws(StoreError) in
            let added = try insertLeads(rows, committing: false)
            try query(PostgresJournal.insert(firstParameter: 1), binding: try PostgresJournal.values([journal], node: nodeID, store: location))
            return added
        }
    }

    /// Inserts in chunks of 10,000, in order; each new number takes the next place in line.
    /// Each chunk commits on its own unless the caller holds a transaction (`committing` false).
    private func insertLeads(
        _ rows: [(number: String, id: String, name: String, zone: String, priority: Int)], committing: Bool = true
    ) throws(StoreError) -> Int {
        var added = 0
        for start in stride(from: 0, to: rows.count, by: 10_000) {
            let chunk = rows[start..<min(start + 10_000, rows.count)]
            if committing { WriteKillSwitch.process.writeWillCommit() }
            added += try query(
                """
                INSERT INTO leads (number, lead_id, name, time_zone, priority)
                SELECT u.number, NULLIF(u.id, ''), NULLIF(u.name, ''), NULLIF(u.zone, ''), u.priority
                FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[]) WITH ORDINALITY AS u(number, id, name, zone, priority, i) ORDER BY i
                ON CONFLICT (number) DO NOTHING RETURNING number
                """, chunk.map(\.number), chunk.map(\.id), chunk.map(\.name), chunk.map(\.zone), chunk.map { Int32($0.priority) }
            ).count
        }
        return added
    }

    /// Every lead in dialing order, whichever node reserved it.
    public func listLeads() throws -> [StoredLead] {
        try each(try query("SELECT \(Self.leadColumns) FROM leads ORDER BY priority DESC, seq"), lead(from:))
    }

    /// Reads the lead under a row lock and writes its callback in one transaction; a refusal
    /// rolls it back. A node holding the lead in its chunk keeps it (its pool reads the store
    /// again within its refill interval and finds the callback's time then).
    public func scheduleCallback(_ number: String, at time: Timestamp, journal: JournalEntry?) throws -> StoredLead {
        let outcome = try transaction { () throws(StoreError) -> Result<StoredLead, CallbackError> in
            let rows = try query("SELECT \(Self.leadColumns) FROM leads WHERE number = $1 FOR UPDATE", number)
            guard let row = rows.first else { return .failure(.unknownLead(number: number)) }
            var lead = try lead(from: row)
            do throws(CallbackError) { try lead.scheduleCallback(at: time) } catch { return .failure(error) }
            try query(
                "UPDATE leads SET state = $2, eligible_at = NULLIF($3, 'NaN'), wait = NULLIF($4, '') WHERE number = $1",
                number, lead.state.rawValue, lead.eligibleAt ?? .nan, lead.wait?.rawValue ?? "")
            if let journal {
                try query(PostgresJournal.insert(firstParameter: 1), binding: try PostgresJournal.values([journal], node: nodeID, store: location))
            }
            return .success(lead)
        }
        return try outcome.get()
    }

    /// The journal's entries in the range (every node's), in sequence order.
    public func journalEntries(from: JournalBound, to: JournalBound, limit: Int) throws -> [JournalEntry] {
        let (low, lowValue) = PostgresJournal.condition(from, op: ">=", parameter: 1)
        let (high, highValue) = PostgresJournal.condition(to, op: "<", parameter: 2)
        let rows = try query(
            "SELECT seq, time, kind, agent_id, event, number, reason, payload FROM journal WHERE \(low) AND \(high) ORDER BY seq LIMIT $3",
            binding: [lowValue, highValue, Int64(clamping: limit)])
        return try each(rows) { row throws(StoreError) in
            try PostgresJournal.entry(
                sequence: try decode(row, "seq", Int64.self), time: try decode(row, "time", Double.self), kind: try decode(row, "kind", String.self),
                columns: (
                    try decode(row, "agent_id", String?.self), try decode(row, "event", String?.self), try decode(row, "number", String?.self),
                    try decode(row, "reason", String?.self), try decode(row, "payload", String?.self)
                ), store: location)
        }
    }

    /// Deletes the journal's entries applied before `time` (every node's); returns how many.
    public func pruneJournal(before time: Timestamp) throws -> Int {
        try write("DELETE FROM journal WHERE time < $1 AND seq < (SELECT max(seq) FROM journal) RETURNING seq", time).count
    }

    /// The `dialing_paused` row of `counters` (1: paused), shared by every node; no row: never paused.
    public func loadDialingPaused() throws -> Bool {
        guard let row = try query("SELECT value FROM counters WHERE name = 'dialing_paused'").first else { return false }
        return try decode(row, "value", Int64.self) != 0
    }

    /// Writes the `dialing_paused` row (with the journal entry if given: one statement); it commits on its own.
    public func saveDialingPaused(_ paused: Bool, journal: JournalEntry?) throws {
        let save = "INSERT INTO counters (name, value) VALUES ('dialing_paused', $1) ON CONFLICT (name) DO UPDATE SET value = excluded.value"
        guard let journal else {
            try write(save, Int64(paused ? 1 : 0))
            return
        }
        var values: [any PostgresDynamicTypeEncodable] = [Int64(paused ? 1 : 0)]
        values += try PostgresJournal.values([journal], node: nodeID, store: location)
        WriteKillSwitch.process.writeWillCommit()
        try query("WITH journaled AS (\(PostgresJournal.insert(firstParameter: 2))) " + save, binding: values)
    }

    /// Counts in one query over `dials` (every node's), placed at `since` or later.
    public func callCounts(since: Timestamp) throws -> CallCounts {
        let rows = try query(
            """
            SELECT count(*) FILTER (WHERE answered_at IS NOT NULL AND outcome IN ('connected', 'completed', 'dropped')) AS answered,
                   count(*) FILTER (WHERE outcome = 'dropped') AS drops
            FROM dials WHERE dialed_at >= $1
            """, since)
        guard let row = rows.first else { return CallCounts(answered: 0, drops: 0) }
        return CallCounts(answered: Int(try decode(row, "answered", Int64.self)), drops: Int(try decode(row, "drops", Int64.self)))
    }

    /// Runs one statement (tests and benchmarks use it to stage faults and clean up).
    public func execute(_ sql: String) throws {
        try write(sql)
    }

    // MARK: Plumbing

    /// The database clock in epoch seconds: every node's leases use the same clock.
    private static let now = "extract(epoch from clock_timestamp())"
    private static let dialColumns = "id, agent_id, number, dialed_at, answered_at, ended_at, outcome"

    private func connect() throws(StoreError) -> PostgresConnection {
        if let connection, !connection.isClosed { return connection }
        let configuration = PostgresConnection.Configuration(
            host: target.host, port: target.port, username: target.username, password: target.password, database: target.database,
            tls: .disable)
        do {
            let made = try PostgresConnection.connect(
                on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration, id: 1, logger: logger
            ).wait()
            if let schema = target.schema {
                let quoted = "\"" + schema.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                WriteKillSwitch.process.writeWillCommit()
                _ = try made.query(PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \(quoted)"), logger: logger).wait()
                _ = try made.query(PostgresQuery(unsafeSQL: "SET search_path TO \(quoted)"), logger: logger).wait()
            }
            connection = made
            return made
        } catch {
            throw .unavailable(store: location, reason: "\(describe(error)) (is PostgreSQL running and reachable, and the URL right?)")
        }
    }

    @discardableResult
    private func query(_ sql: String, _ values: any PostgresDynamicTypeEncodable...) throws(StoreError) -> [PostgresRow] {
        try send(sql, values)
    }

    @discardableResult
    private func query(_ sql: String, binding values: [any PostgresDynamicTypeEncodable]) throws(StoreError) -> [PostgresRow] {
        try send(sql, values)
    }

    /// A statement that commits on its own (outside `transaction`): a write the kill switch counts.
    @discardableResult
    private func write(_ sql: String, _ values: any PostgresDynamicTypeEncodable...) throws(StoreError) -> [PostgresRow] {
        WriteKillSwitch.process.writeWillCommit()
        return try send(sql, values)
    }

    private func send(_ sql: String, _ values: [any PostgresDynamicTypeEncodable]) throws(StoreError) -> [PostgresRow] {
        var binds = PostgresBindings(capacity: values.count)
        for value in values { binds.append(value) }
        let connection = try connect()
        do {
            return try connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger).wait().rows
        } catch {
            throw storeError(error)
        }
    }

    private func transaction<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        try query("BEGIN")
        do {
            let result = try body()
            WriteKillSwitch.process.writeWillCommit()
            try query("COMMIT")
            return result
        } catch {
            _ = try? query("ROLLBACK")
            throw error
        }
    }

    private func migrate() throws(StoreError) {
        try transaction { () throws(StoreError) in
            try query("SELECT pg_advisory_xact_lock(4849414)")  // one node migrates at a time
            try query(
                "CREATE TABLE IF NOT EXISTS dialer_schema (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
            )
            let applied = try each(try query("SELECT version FROM dialer_schema ORDER BY version")) { row throws(StoreError) in
                try decode(row, "version", Int32.self)
            }
            if let newest = applied.last, Int(newest) > PostgresSchema.latest {
                throw StoreError.newerSchema(store: location, found: String(newest), known: String(PostgresSchema.latest))
            }
            if applied.isEmpty {
                let foreign = try query(
                    "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name IN ('agents', 'dials', 'leads')"
                )
                if let n = foreign.first, try decode(n, "n", Int64.self) > 0 {
                    throw StoreError.corrupt(store: location, reason: "it has tables named agents, dials or leads but no dialer schema")
                }
            }
            for migration in PostgresSchema.migrations where !applied.contains(Int32(migration.version)) {
                for statement in migration.sql { try query(statement) }
                try query("INSERT INTO dialer_schema (version, name) VALUES ($1, $2)", migration.version, migration.name)
            }
        }
    }

    /// `map` for typed throws.
    private func each<T>(_ rows: [PostgresRow], _ transform: (PostgresRow) throws(StoreError) -> T) throws(StoreError) -> [T] {
        var result: [T] = []
        result.reserveCapacity(rows.count)
        for row in rows { result.append(try transform(row)) }
        return result
    }

    private func decode<T: PostgresDecodable>(_ row: PostgresRow, _ column: String, _ type: T.Type) throws(StoreError) -> T {
        do {
            return try row.makeRandomAccess()[column].decode(T.self)
        } catch {
            throw .corrupt(store: location, reason: "column \(column): \(error)")
        }
    }

    private func agent(from row: PostgresRow) throws(StoreError) -> AgentState {
        let id = try decode(row, "agent_id", String.self)
        let statusText = try decode(row, "status", String.self)
        guard let status = AgentStatus(rawValue: statusText) else {
            throw .corrupt(store: location, reason: "agent '\(id)' has status '\(statusText)'")
        }
        return AgentState(
            agentID: id, status: status, cdc: Int(try decode(row, "cdc", Int32.self)),
            latestLeadPhoneNumber: try decode(row, "latest_lead_phone_number", String?.self),
            lastStatus: try decode(row, "last_status", String?.self).flatMap(AgentStatus.init(rawValue:)),
            timestamp: try decode(row, "timestamp", Double?.self))
    }

    private static let leadColumns = "number, state, attempts, priority, lead_id, name, time_zone, last_outcome, eligible_at, wait"

    private func lead(from row: PostgresRow) throws(StoreError) -> StoredLead {
        StoredLead(
            number: try decode(row, "number", String.self), state: LeadState(rawValue: try decode(row, "state", String.self)) ?? .done,
            attempts: Int(try decode(row, "attempts", Int32.self)), priority: Int(try decode(row, "priority", Int32.self)),
            leadID: try decode(row, "lead_id", String?.self), name: try decode(row, "name", String?.self),
            timeZone: try decode(row, "time_zone", String?.self),
            lastOutcome: try decode(row, "last_outcome", String?.self).flatMap(DialOutcome.init(rawValue:)),
            eligibleAt: try decode(row, "eligible_at", Double?.self), wait: try decode(row, "wait", String?.self).flatMap(LeadWait.init(rawValue:)))
    }

    private func dial(from row: PostgresRow) throws(StoreError) -> Dial {
        var dial = Dial(
            id: Int(try decode(row, "id", Int64.self)), agentID: try decode(row, "agent_id", String.self),
            number: try decode(row, "number", String.self), dialedAt: try decode(row, "dialed_at", Double.self))
        dial.answeredAt = try decode(row, "answered_at", Double?.self)
        dial.endedAt = try decode(row, "ended_at", Double?.self)
        if let outcome = try decode(row, "outcome", String?.self) {
            guard let value = DialOutcome(rawValue: outcome) else {
                throw .corrupt(store: location, reason: "dial \(dial.id) has outcome '\(outcome)'")
            }
            dial.outcome = value
        }
        return dial
    }

    /// Forgets a broken connection (closing it first, as PostgresNIO requires); the next call reconnects.
    private func dropConnection() {
        if let connection { try? connection.close().wait() }
        connection = nil
    }

    private func storeError(_ error: any Error) -> StoreError {
        if let error = error as? StoreError { return error }
        if let psql = error as? PSQLError {
            if let message = psql.serverInfo?[.message], message.hasPrefix("dialer conflict: ") {
                return .conflict(store: location, agentID: String(message.dropFirst("dialer conflict: ".count)))
            }
            if psql.code == .serverClosedConnection || psql.code == .clientClosedConnection || psql.code == .connectionError {
                dropConnection()
                return .unavailable(store: location, reason: "the connection was lost (\(describe(error))); the operation was not applied")
            }
            if let state = psql.serverInfo?[.sqlState] {
                switch state {
                case "57P01", "57P02", "57P03":  // the server is shutting down or killed this session
                    dropConnection()
                    return .unavailable(store: location, reason: "the connection was lost (\(describe(error))); the operation was not applied")
                case "53100": return .full(store: location)
                case "40001", "40P01": return .failed(store: location, reason: "transaction conflict (\(describe(error))); retry")
                default: break
                }
            }
        }
        return .failed(store: location, reason: describe(error))
    }

    private func describe(_ error: any Error) -> String {
        if let psql = error as? PSQLError {
            if let message = psql.serverInfo?[.message] { return message }
            if let underlying = psql.underlying { return "\(underlying)" }
            return "\(psql.code)"
        }
        return "\(error)"
    }
}
