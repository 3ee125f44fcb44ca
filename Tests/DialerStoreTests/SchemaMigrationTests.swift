import DialerCore
import Foundation
import GRDB
import XCTest

@testable import DialerPostgres
@testable import DialerSQLite

/// A store written by an earlier schema opens and keeps what it holds: v3 takes callbacks (v4);
/// v4 (SQLite) and v5 (PostgreSQL) keep their call records and record dials never placed.
final class SchemaMigrationTests: XCTestCase {
    private let waiting = StoredLead(number: "+12125550100", state: .available, attempts: 1, lastOutcome: .busy, eligibleAt: 700, wait: .retry)

    func testASQLiteFileOfSchemaV3KeepsItsLeadsAndTakesCallbacks() throws {
        let file = temporaryDirectory().appendingPathComponent("v3.sqlite").path
        let queue = try DatabaseQueue(path: file)
        try queue.writeWithoutTransaction { db in
            try SQLiteSchema.migrate(db, upTo: "v3: lead standing (attempts, last outcome, eligible time, wait)", store: "v3")
        }
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO leads (number, seq, state, attempts, last_outcome, eligible_at, wait) VALUES ('+12125550100', 1, 'available', 1, 'busy', 700, 'retry');
                    INSERT INTO leads (number, seq) VALUES ('+12125550101', 2);
                    """)
        }
        try queue.close()
        let store = try SQLiteAgentStore(path: file)
        XCTAssertEqual(try store.listLeads().map(\.number), ["+12125550100", "+12125550101"])
        XCTAssertEqual(try store.listLeads().first, waiting)
        XCTAssertEqual(try store.scheduleCallback("+12125550101", at: 900).wait, .callback)
        XCTAssertEqual(try store.loadDialableLeads(at: 900, passingOver: []).map(\.number), ["+12125550100", "+12125550101"])
    }

    func testAPostgresDatabaseOfSchemaV3KeepsItsLeadsAndTakesCallbacks() throws {
        let url = try freshPostgresURL()
        let old = try PostgresAgentStore(url: url, nodeID: "n1")
        // Back to v3: the wait column's check as v3 wrote it, and v4 not applied.
        try old.execute("ALTER TABLE leads DROP CONSTRAINT leads_wait_check")
        try old.execute("ALTER TABLE leads ADD CONSTRAINT leads_wait_check CHECK (wait IS NULL OR wait IN ('retry', 'lockout'))")
        try old.execute("DELETE FROM dialer_schema WHERE version = 4")
        try old.execute(
            "INSERT INTO leads (number, state, attempts, last_outcome, eligible_at, wait) VALUES ('+12125550100', 'available', 1, 'busy', 700, 'retry')"
        )
        try old.execute("INSERT INTO leads (number) VALUES ('+12125550101')")
        XCTAssertThrowsError(try old.scheduleCallback("+12125550101", at: 900), "v3 has no callbacks")
        let store = try PostgresAgentStore(url: url, nodeID: "n1")
        XCTAssertEqual(try store.listLeads().first, waiting)
        XCTAssertEqual(try store.scheduleCallback("+12125550101", at: 900).wait, .callback)
        XCTAssertEqual(try store.loadDialableLeads(at: 900, passingOver: []).map(\.number), ["+12125550100", "+12125550101"])
    }

    /// A call record as the older schema knew it, and one that schema refused.
    private let cancelled = Dial(id: 1, agentID: "a1", number: "+12125550100", dialedAt: 10)
    private var notPlaced: Dial {
        var dial = Dial(id: 2, agentID: "a1", number: "+12125550100", dialedAt: 20)
        dial.outcome = .notPlaced
        dial.endedAt = 21
        return dial
    }

    func testASQLiteFileOfSchemaV4KeepsItsCallRecordsAndRecordsDialsNeverPlaced() throws {
        let file = temporaryDirectory().appendingPathComponent("v4.sqlite").path
        let queue = try DatabaseQueue(path: file)
        try queue.writeWithoutTransaction { db in try SQLiteSchema.migrate(db, upTo: "v4: callbacks (wait = 'callback')", store: "v4") }
        try queue.write { db in
            try db.execute(sql: "INSERT INTO leads (number, seq, state) VALUES ('+12125550100', 1, 'available')")
            try db.execute(
                sql: "INSERT INTO dials (id, agent_id, number, dialed_at, ended_at, outcome) VALUES (1, 'a1', '+12125550100', 10, 11, 'cancelled')")
            XCTAssertThrowsError(
                try db.execute(sql: "INSERT INTO dials (id, agent_id, number, dialed_at, outcome) VALUES (9, 'a1', '+1', 1, 'not_placed')"),
                "v4's CHECK refuses the new outcome")
        }
        try queue.close()
        let store = try SQLiteAgentStore(path: file)
        var expected = cancelled
        (expected.endedAt, expected.outcome) = (11, .cancelled)
        XCTAssertEqual(try store.loadDials(), [expected])
        var batch = StoreBatch()
        batch.dials = [notPlaced]
        try store.commit(batch)
        XCTAssertEqual(try SQLiteAgentStore(path: file).loadDials(), [expected, notPlaced])
    }

    func testAPostgresDatabaseOfSchemaV5RecordsDialsNeverPlaced() throws {
        let url = try freshPostgresURL()
        let old = try PostgresAgentStore(url: url, nodeID: "n1")
        // Back to v5: the outcome check as v1 wrote it, and v6 not applied.
        try old.execute("ALTER TABLE dials DROP CONSTRAINT dials_outcome_check")
        try old.execute(
            "ALTER TABLE dials ADD CONSTRAINT dials_outcome_check CHECK (outcome IS NULL OR outcome IN ('connected', 'completed', 'dropped', 'failed', 'busy', 'no_answer', 'cancelled'))"
        )
        try old.execute("DELETE FROM dialer_schema WHERE version = 6")
        _ = try old.addLeads(["+12125550100"])
        var batch = StoreBatch()
        batch.dials = [notPlaced]
        XCTAssertThrowsError(try old.commit(batch), "v5 refuses the new outcome")
        let store = try PostgresAgentStore(url: url, nodeID: "n1")
        try store.commit(batch)
        XCTAssertEqual(try store.loadDials(), [notPlaced])
        XCTAssertEqual(try store.listLeads().first?.lastOutcome, .notPlaced)
    }
}
