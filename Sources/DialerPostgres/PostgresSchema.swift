/// The versioned schema of a dialer PostgreSQL database. Each entry is applied once, in order,
/// inside one transaction holding an advisory lock, so nodes starting together migrate once.
enum PostgresSchema {
    static let migrations: [(version: Int, name: String, sql: [String])] = [
        (
            1, "agents, dials, warnings, leads, leases",
            [
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
                commitFunctionV1,
            ]
        ),
        (
            2, "lead details",
            [
                "ALTER TABLE leads ADD COLUMN lead_id TEXT, ADD COLUMN name TEXT, ADD COLUMN time_zone TEXT, ADD COLUMN priority INTEGER NOT NULL DEFAULT 0",
                "DROP INDEX leads_dialable",
                "CREATE INDEX leads_dialable ON leads (state, priority DESC, seq)",
            ]
        ),
        (
            3, "lead standing (attempts, last outcome, eligible time, wait)",
            [
                "ALTER TABLE leads ADD COLUMN last_outcome TEXT, ADD COLUMN eligible_at DOUBLE PRECISION, ADD COLUMN wait TEXT CHECK (wait IS NULL OR wait IN ('retry', 'lockout'))",
                // Attempts now count finished dials (not cancelled ones) rather than dials placed: recounted from the call records.
                """
                UPDATE leads AS l SET
                  attempts = (SELECT count(*) FROM dials d WHERE d.number = l.number AND d.outcome NOT IN ('connected', 'cancelled')),
                  last_outcome = (SELECT d.outcome FROM dials d WHERE d.number = l.number AND d.outcome <> 'connected' ORDER BY d.id DESC LIMIT 1)
                """,
                "DROP FUNCTION dialer_commit",
                commitFunctionV3,
            ]
        ),
        (
            4, "callbacks (wait = 'callback')",
            [
                "ALTER TABLE leads DROP CONSTRAINT leads_wait_check",
                "ALTER TABLE leads ADD CONSTRAINT leads_wait_check CHECK (wait IS NULL OR wait IN ('retry', 'lockout', 'callback'))",
            ]
        ),
        (5, "every attempt of a batch counted", ["DROP FUNCTION dialer_commit", commitFunctionV5]),
        (
            6, "dials never placed (outcome = 'not_placed')",
            [
                "ALTER TABLE dials DROP CONSTRAINT dials_outcome_check",
                """
                ALTER TABLE dials ADD CONSTRAINT dials_outcome_check CHECK (outcome IS NULL OR outcome IN
                  ('connected', 'completed', 'dropped', 'failed', 'busy', 'no_answer', 'cancelled', 'not_placed'))
                """,
            ]
        ),
        (
            7, "event journal",
            [
                // The inputs the engine accepted (PostgresJournal): an event's fields in columns,
                // any other input as JSON in payload; `node` is the node that accepted it.
                """
                CREATE TABLE journal (
                  seq BIGSERIAL PRIMARY KEY,
                  time DOUBLE PRECISION NOT NULL,
                  kind TEXT NOT NULL,
                  agent_id TEXT,
                  event TEXT,
                  number TEXT,
                  reason TEXT,
                  payload TEXT,
                  node TEXT
                )
                """,
                "CREATE INDEX journal_time ON journal (time)",  // pruning by time; nodes share it, so no bisection on seq
            ]
        ),
    ]

    static var latest: Int { migrations.last?.version ?? 0 }

    /// One commit in one statement (one round trip, atomic): the agents (with their version and
    /// lease checked first, under row locks), dials, leads and warnings of a `StoreBatch`.
    /// A stale version or a lost lease raises `dialer conflict: AGENT` and writes nothing.
    static func commitFunction(leadParameters: String, leadUpdate: String) -> String {
        """
        CREATE FUNCTION dialer_commit(
          p_node text, p_lease float8, p_leases boolean, p_removed text[],
          u_id text[], u_status text[], u_cdc int[], u_lead text[], u_last text[], u_ts float8[], u_version bigint[],
          i_id text[], i_status text[], i_cdc int[], i_lead text[], i_last text[], i_ts float8[],
          d_id bigint[], d_agent text[], d_number text[], d_dialed float8[], d_answered float8[], d_ended float8[], d_outcome text[],
          \(leadParameters)
          w_code text[], w_agent text[], w_status text[], w_event text[], w_time float8[], w_message text[]
        ) RETURNS TABLE (agent text, agent_version bigint) LANGUAGE plpgsql AS $$
        DECLARE
          missing text;
          now_s float8 := extract(epoch from clock_timestamp());
        BEGIN
          IF cardinality(p_removed) > 0 THEN
            DELETE FROM agents a WHERE a.agent_id = ANY (p_removed) AND (a.owner IS NULL OR a.owner = p_node);
          END IF;
          IF cardinality(u_id) > 0 THEN
            PERFORM 1 FROM agents a WHERE a.agent_id = ANY (u_id) ORDER BY a.agent_id FOR UPDATE;
            SELECT min(u.id) INTO missing FROM unnest(u_id, u_version) AS u(id, v)
              WHERE NOT EXISTS (SELECT 1 FROM agents a WHERE a.agent_id = u.id AND ((a.version = u.v AND a.owner = p_node) OR NOT p_leases));
            IF missing IS NOT NULL THEN RAISE EXCEPTION 'dialer conflict: %', missing; END IF;
            RETURN QUERY UPDATE agents AS a SET status = u.status, cdc = u.cdc, latest_lead_phone_number = NULLIF(u.lead, ''),
                last_status = NULLIF(u.last, ''), timestamp = NULLIF(u.ts, 'NaN'), version = a.version + 1
              FROM unnest(u_id, u_status, u_cdc, u_lead, u_last, u_ts) AS u(id, status, cdc, lead, last, ts)
              WHERE a.agent_id = u.id
              RETURNING a.agent_id, a.version;
          END IF;
          IF cardinality(i_id) > 0 THEN
            SELECT min(u.id) INTO missing FROM unnest(i_id) AS u(id) WHERE EXISTS (SELECT 1 FROM agents a WHERE a.agent_id = u.id);
            IF missing IS NOT NULL THEN RAISE EXCEPTION 'dialer conflict: %', missing; END IF;
            RETURN QUERY INSERT INTO agents AS a (agent_id, status, cdc, latest_lead_phone_number, last_status, timestamp, version, owner, lease_until)
              SELECT u.id, u.status, u.cdc, NULLIF(u.lead, ''), NULLIF(u.last, ''), NULLIF(u.ts, 'NaN'), 1, p_node, now_s + p_lease
              FROM unnest(i_id, i_status, i_cdc, i_lead, i_last, i_ts) AS u(id, status, cdc, lead, last, ts)
              RETURNING a.agent_id, a.version;
          END IF;
          IF cardinality(d_id) > 0 THEN
            INSERT INTO dials (id, agent_id, number, dialed_at, answered_at, ended_at, outcome, node)
              SELECT u.id, u.agent, u.number, u.dialed, NULLIF(u.answered, 'NaN'), NULLIF(u.ended, 'NaN'), NULLIF(u.outcome, ''), p_node
              FROM unnest(d_id, d_agent, d_number, d_dialed, d_answered, d_ended, d_outcome)
                AS u(id, agent, number, dialed, answered, ended, outcome)
              ON CONFLICT (id) DO UPDATE SET answered_at = excluded.answered_at, ended_at = excluded.ended_at, outcome = excluded.outcome;
          END IF;
        \(leadUpdate)
          IF cardinality(w_code) > 0 THEN
            INSERT INTO warnings (code, agent_id, status, event, time, message, node)
              SELECT u.code, u.agent, u.status, u.event, u.time, NULLIF(u.message, ''), p_node
              FROM unnest(w_code, w_agent, w_status, w_event, w_time, w_message) AS u(code, agent, status, event, time, message);
          END IF;
        END
        $$
        """
    }

    /// Schema v1's commit: a lead takes the state its dial gives and counts dials placed.
    static let commitFunctionV1 = commitFunction(
        leadParameters: "l_number text[], l_state text[], l_placed int[],",
        leadUpdate: """
              IF cardinality(l_number) > 0 THEN
                UPDATE leads AS l SET state = u.state, attempts = l.attempts + u.placed, reserved_by = NULL, reserved_until = NULL
                  FROM unnest(l_number, l_state, l_placed) AS u(number, state, placed) WHERE l.number = u.number;
              END IF;
            """)

    /// Schema v3's commit: a lead's standing (`LeadChange`, computed by the store from the dial
    /// and its retry policy) is applied to its stored attempts here, in the same statement; the
    /// cap on attempts (`StoredLead.apply`) is the one rule repeated in SQL, since only this
    /// transaction reads the attempts it adds to.
    static let commitFunctionV3 = standingCommit(spent: "u.state = 'available' AND u.counts = 1 AND k.attempts + 1 >= p_max_attempts")

    /// Schema v5's commit: one change per lead that counts every attempt of the batch (under
    /// group commit a lead may be dialed and finished more than once in one batch, and an
    /// UPDATE … FROM applies one row per lead).
    static let commitFunctionV5 = standingCommit(spent: "u.state = 'available' AND u.counts > 0 AND k.attempts + u.counts >= p_max_attempts")

    private static func standingCommit(spent: String) -> String {
        commitFunction(
            leadParameters:
                "l_number text[], l_state text[], l_counts int[], l_outcome text[], l_eligible float8[], l_wait text[], p_max_attempts int,",
            leadUpdate: """
                  IF cardinality(l_number) > 0 THEN
                    UPDATE leads AS l SET
                        state = CASE WHEN s.spent THEN 'done' ELSE s.state END,
                        attempts = l.attempts + s.counts,
                        last_outcome = coalesce(s.outcome, l.last_outcome),
                        eligible_at = CASE WHEN s.spent THEN NULL ELSE s.eligible END,
                        wait = CASE WHEN s.spent THEN NULL ELSE s.wait END,
                        reserved_by = NULL, reserved_until = NULL
                      FROM (
                        SELECT u.number, u.state, u.counts, NULLIF(u.outcome, '') AS outcome, NULLIF(u.eligible, 'NaN') AS eligible, NULLIF(u.wait, '') AS wait,
                          \(spent) AS spent
                        FROM unnest(l_number, l_state, l_counts, l_outcome, l_eligible, l_wait) AS u(number, state, counts, outcome, eligible, wait)
                        JOIN leads k ON k.number = u.number
                      ) AS s
                      WHERE l.number = s.number;
                  END IF;
                """)
    }
}
