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
            commitFunction,
        ]),
        (2, "lead details", [
            "ALTER TABLE leads ADD COLUMN lead_id TEXT, ADD COLUMN name TEXT, ADD COLUMN time_zone TEXT, ADD COLUMN priority INTEGER NOT NULL DEFAULT 0",
            "DROP INDEX leads_dialable",
            "CREATE INDEX leads_dialable ON leads (state, priority DESC, seq)",
        ]),
    ]

    static var latest: Int { migrations.last?.version ?? 0 }

    /// One commit in one statement (one round trip, atomic): the agents (with their version and
    /// lease checked first, under row locks), dials, leads and warnings of a `StoreBatch`.
    /// A stale version or a lost lease raises `dialer conflict: AGENT` and writes nothing.
    static let commitFunction = """
        CREATE FUNCTION dialer_commit(
          p_node text, p_lease float8, p_leases boolean, p_removed text[],
          u_id text[], u_status text[], u_cdc int[], u_lead text[], u_last text[], u_ts float8[], u_version bigint[],
          i_id text[], i_status text[], i_cdc int[], i_lead text[], i_last text[], i_ts float8[],
          d_id bigint[], d_agent text[], d_number text[], d_dialed float8[], d_answered float8[], d_ended float8[], d_outcome text[],
          l_number text[], l_state text[], l_placed int[],
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
          IF cardinality(l_number) > 0 THEN
            UPDATE leads AS l SET state = u.state, attempts = l.attempts + u.placed, reserved_by = NULL, reserved_until = NULL
              FROM unnest(l_number, l_state, l_placed) AS u(number, state, placed) WHERE l.number = u.number;
          END IF;
          IF cardinality(w_code) > 0 THEN
            INSERT INTO warnings (code, agent_id, status, event, time, message, node)
              SELECT u.code, u.agent, u.status, u.event, u.time, NULLIF(u.message, ''), p_node
              FROM unnest(w_code, w_agent, w_status, w_event, w_time, w_message) AS u(code, agent, status, event, time, message);
          END IF;
        END
        $$
        """
}
