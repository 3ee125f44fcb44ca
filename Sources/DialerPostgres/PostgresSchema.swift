/// The versioned schema of a dialer PostgreSQL database. Each entry is applied once, in order,
/// inside one transaction holding an advisory lock, so nodes starting together migrate once.
enum PostgresSchema {
    static let migrations: [(version: Int, name: String, sql: [String])] = [
        (1, "agents, dials, warnings, leads, leases", [
            """
            CREATE TABLE agents (
              agent_id TEXT PRIMARY KEY,
              status TEXT NOT NULL CHECK (status IN ('off', 'ready', 'in_call', 'inactive')),
              cdc INTEGER NOT NULL CHECK (cdc >= 0),
              latest_lead_phone_number TEXT,
              last_status TEXT CHECK (last_status IS NULL OR last_status IN ('off', 'ready', 'in_call', 'inactive')),
              timestamp DOUBLE PRECISION,
              version BIGINT NOT NULL DEFAULT 1,
              owner TEXT,
              lease_until DOUBLE PRECISION
            )
            """,
            """
            CREATE TABLE dials (
              id BIGINT PRIMARY KEY,
              agent_id TEXT NOT NULL,
              number TEXT NOT NULL,
              dialed_at DOUBLE PRECISION NOT NULL,
              answered_at DOUBLE PRECISION,
              ended_at DOUBLE PRECISION,
              outcome TEXT CHECK (outcome IS NULL OR outcome IN
                ('connected', 'completed', 'dropped', 'failed', 'busy', 'no_answer', 'cancelled')),
              node TEXT,
              created_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
            )
            """,
            "CREATE INDEX dials_open ON dials (id) WHERE outcome IS NULL OR outcome = 'connected'",
            "CREATE INDEX dials_agent ON dials (agent_id)",
            """
            CREATE TABLE warnings (
              id BIGSERIAL PRIMARY KEY,
              code TEXT NOT NULL, agent_id TEXT NOT NULL, status TEXT NOT NULL, event TEXT NOT NULL,
              time DOUBLE PRECISION NOT NULL, message TEXT, node TEXT
            )
            """,
            """
            CREATE TABLE leads (
              number TEXT PRIMARY KEY,
              seq BIGSERIAL NOT NULL,
              state TEXT NOT NULL DEFAULT 'available' CHECK (state IN ('available', 'dialing', 'done')),
              attempts INTEGER NOT NULL DEFAULT 0,
              reserved_by TEXT,
              reserved_until DOUBLE PRECISION
            )
            """,
            "CREATE INDEX leads_dialable ON leads (state, seq)",
            "CREATE TABLE counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL)",
            "INSERT INTO counters (name, value) VALUES ('next_dial_id', 1)",
        ]),
    ]

    static var latest: Int { migrations.last?.version ?? 0 }
}
