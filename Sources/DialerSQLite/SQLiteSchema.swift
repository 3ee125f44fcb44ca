import DialerCore
import GRDB

/// The versioned schema of a dialer SQLite file. Migrations are applied in order at open and
/// never edited once released: a new version appends a migration.
///
/// Every migration still missing is applied in **one** transaction, with the record of which
/// were applied: a file is created (or upgraded) whole or not at all, so a process killed while
/// creating it leaves either no schema or the whole schema. (GRDB's `DatabaseMigrator` commits
/// each migration, and its bookkeeping table, on its own: a kill in between used to leave a
/// file holding only `grdb_migrations`.) The record stays in `grdb_migrations`, the table the
/// files of earlier versions have.
enum SQLiteSchema {
    /// `PRAGMA application_id` of a dialer database ("DIAL"), so a foreign SQLite file is refused.
    static let applicationID: Int32 = 0x4449_414C

    /// The table recording applied migrations, by identifier.
    static let bookkeepingTable = "grdb_migrations"

    /// Every migration, oldest first: identifier and SQL.
    static let migrations: [(id: String, sql: String)] = [
        (
            "v1: agents, dials, warnings, leads",
            """
            CREATE TABLE agents (
              agent_id TEXT PRIMARY KEY NOT NULL,
              status TEXT NOT NULL CHECK (status IN ('off', 'ready', 'in_call', 'inactive')),
              cdc INTEGER NOT NULL CHECK (cdc >= 0),
              latest_lead_phone_number TEXT,
              last_status TEXT CHECK (last_status IS NULL OR last_status IN ('off', 'ready', 'in_call', 'inactive')),
              timestamp REAL,
              version INTEGER NOT NULL DEFAULT 1
            );
            CREATE TABLE dials (
              id INTEGER PRIMARY KEY NOT NULL,
              agent_id TEXT NOT NULL,
              number TEXT NOT NULL,
              dialed_at REAL NOT NULL,
              answered_at REAL,
              ended_at REAL,
              outcome TEXT CHECK (outcome IS NULL OR outcome IN
                ('connected', 'completed', 'dropped', 'failed', 'busy', 'no_answer', 'cancelled'))
            );
            CREATE INDEX dials_open ON dials (id) WHERE outcome IS NULL OR outcome = 'connected';
            CREATE INDEX dials_agent ON dials (agent_id);
            CREATE TABLE warnings (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              code TEXT NOT NULL,
              agent_id TEXT NOT NULL,
              status TEXT NOT NULL,
              event TEXT NOT NULL,
              time REAL NOT NULL,
              message TEXT
            );
            CREATE TABLE leads (
              number TEXT PRIMARY KEY NOT NULL,
              seq INTEGER NOT NULL,
              state TEXT NOT NULL DEFAULT 'available' CHECK (state IN ('available', 'dialing', 'done')),
              attempts INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX leads_dialable ON leads (state, seq);
            CREATE TABLE counters (name TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL);
            INSERT INTO counters (name, value) VALUES ('next_dial_id', 1), ('next_lead_seq', 1);
            PRAGMA application_id = \(applicationID);
            """
        ),
        (
            "v2: lead details",
            """
            ALTER TABLE leads ADD COLUMN lead_id TEXT;
            ALTER TABLE leads ADD COLUMN name TEXT;
            ALTER TABLE leads ADD COLUMN time_zone TEXT;
            ALTER TABLE leads ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
            DROP INDEX leads_dialable;
            CREATE INDEX leads_dialable ON leads (state, priority DESC, seq);
            """
        ),
        // v3: attempts now count finished dials (not cancelled ones) rather than dials placed;
        // the leads of older files are recounted from their call records.
        (
            "v3: lead standing (attempts, last outcome, eligible time, wait)",
            """
            ALTER TABLE leads ADD COLUMN last_outcome TEXT;
            ALTER TABLE leads ADD COLUMN eligible_at REAL;
            ALTER TABLE leads ADD COLUMN wait TEXT CHECK (wait IS NULL OR wait IN ('retry', 'lockout'));
            UPDATE leads SET
              attempts = (SELECT count(*) FROM dials d WHERE d.number = leads.number AND d.outcome NOT IN ('connected', 'cancelled')),
              last_outcome = (SELECT d.outcome FROM dials d WHERE d.number = leads.number AND d.outcome <> 'connected' ORDER BY d.id DESC LIMIT 1);
            """
        ),
        // v4: SQLite cannot widen a CHECK constraint: the leads table is rebuilt with it.
        (
            "v4: callbacks (wait = 'callback')",
            """
            CREATE TABLE leads_v4 (
              number TEXT PRIMARY KEY NOT NULL,
              seq INTEGER NOT NULL,
              state TEXT NOT NULL DEFAULT 'available' CHECK (state IN ('available', 'dialing', 'done')),
              attempts INTEGER NOT NULL DEFAULT 0,
              lead_id TEXT,
              name TEXT,
              time_zone TEXT,
              priority INTEGER NOT NULL DEFAULT 0,
              last_outcome TEXT,
              eligible_at REAL,
              wait TEXT CHECK (wait IS NULL OR wait IN ('retry', 'lockout', 'callback'))
            );
            INSERT INTO leads_v4 (number, seq, state, attempts, lead_id, name, time_zone, priority, last_outcome, eligible_at, wait)
              SELECT number, seq, state, attempts, lead_id, name, time_zone, priority, last_outcome, eligible_at, wait FROM leads;
            DROP TABLE leads;
            ALTER TABLE leads_v4 RENAME TO leads;
            CREATE INDEX leads_dialable ON leads (state, priority DESC, seq);
            """
        ),
        // v5: a dial the telephony never placed has an outcome of its own; the dials table is
        // rebuilt to widen its CHECK constraint, as v4 did for the leads.
        (
            "v5: dials never placed (outcome = 'not_placed')",
            """
            CREATE TABLE dials_v5 (
              id INTEGER PRIMARY KEY NOT NULL,
              agent_id TEXT NOT NULL,
              number TEXT NOT NULL,
              dialed_at REAL NOT NULL,
              answered_at REAL,
              ended_at REAL,
              outcome TEXT CHECK (outcome IS NULL OR outcome IN
                ('connected', 'completed', 'dropped', 'failed', 'busy', 'no_answer', 'cancelled', 'not_placed'))
            );
            INSERT INTO dials_v5 (id, agent_id, number, dialed_at, answered_at, ended_at, outcome)
              SELECT id, agent_id, number, dialed_at, answered_at, ended_at, outcome FROM dials;
            DROP TABLE dials;
            ALTER TABLE dials_v5 RENAME TO dials;
            CREATE INDEX dials_open ON dials (id) WHERE outcome IS NULL OR outcome = 'connected';
            CREATE INDEX dials_agent ON dials (agent_id);
            """
        ),
        // v6: the inputs the engine accepted, in commit order (SQLiteJournal). An event's
        // fields have columns of their own (the common entry, written without JSON); every
        // other input is JSON in `payload`. No index on time and no AUTOINCREMENT: each costs
        // a few per cent of durable throughput (`dialer bench`); pruning bisects on `seq`
        // instead, and always keeps the newest entry, so numbers are never reused.
        (
            "v6: event journal",
            """
            CREATE TABLE journal (
              seq INTEGER PRIMARY KEY,
              time REAL NOT NULL,
              kind TEXT NOT NULL,
              agent_id TEXT,
              event TEXT,
              number TEXT,
              reason TEXT,
              payload TEXT
            );
            """
        ),
    ]

    /// The newest migration this build knows.
    static var latest: String { migrations.last?.id ?? "none" }

    /// The identifiers of the migrations applied to the file (none if it has no record yet).
    static func applied(_ db: Database) throws -> [String] {
        guard try db.tableExists(bookkeepingTable) else { return [] }
        return try String.fetchAll(db, sql: "SELECT identifier FROM \(bookkeepingTable)")
    }

    /// The newest of the applied migrations this build does not know, if any: the file was
    /// written by a newer dialer.
    static func unknown(among applied: [String]) -> String? {
        let known = Set(migrations.map(\.id))
        return applied.filter { !known.contains($0) }.sorted().last
    }

    /// Applies every migration not applied yet, up to `target` (default: all), in one
    /// transaction with their record; throws `newerSchema` for a file of a newer dialer.
    static func migrate(_ db: Database, upTo target: String? = nil, store: String) throws {
        try db.inTransaction(.immediate) {
            let done = try applied(db)
            if let newer = unknown(among: done) {
                throw StoreError.newerSchema(store: store, found: newer, known: latest)
            }
            try db.execute(sql: "CREATE TABLE IF NOT EXISTS \(bookkeepingTable) (identifier TEXT NOT NULL PRIMARY KEY)")
            for migration in migrations where !done.contains(migration.id) {
                try db.execute(sql: migration.sql)
                try db.execute(sql: "INSERT INTO \(bookkeepingTable) (identifier) VALUES (?)", arguments: [migration.id])
                if migration.id == target { break }
            }
            return .commit
        }
    }
}
