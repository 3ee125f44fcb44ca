import DialerCore
import Foundation
import GRDB
import XCTest

@testable import DialerPostgres
@testable import DialerSQLite

/// A store written by the previous schema (v3) opens, keeps its leads and takes callbacks (v4).
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
}
