import DialerCore
import Foundation
import GRDB
import XCTest

@testable import DialerSQLite

/// Bad files and faults get a clear error naming the store, and leave nothing half-written.
final class SQLiteFaultTests: XCTestCase {
    private func path() -> String { temporaryDirectory().appendingPathComponent("dialer.sqlite").path }

    func testAFileThatIsNotADatabaseIsReportedAsDamaged() throws {
        let file = path()
        try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: file))
        XCTAssertThrowsError(try SQLiteAgentStore(path: file)) { error in
            XCTAssertTrue("\(error)".hasPrefix("sqlite:\(file): the database is damaged or not a dialer database"), "\(error)")
        }
    }

    func testAnotherApplicationsDatabaseIsRefused() throws {
        let file = path()
        try DatabaseQueue(path: file).write { try $0.execute(sql: "CREATE TABLE invoices (id INTEGER)") }
        XCTAssertThrowsError(try SQLiteAgentStore(path: file)) { error in
            XCTAssertTrue("\(error)".contains("it holds tables invoices but is not a dialer database"), "\(error)")
        }
    }

    func testADatabaseFromANewerDialerIsRefused() throws {
        let file = path()
        _ = try SQLiteAgentStore(path: file)
        try DatabaseQueue(path: file).write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9: from the future')") }
        XCTAssertThrowsError(try SQLiteAgentStore(path: file)) { error in
            XCTAssertEqual(
                "\(error)",
                "sqlite:\(file): written by a newer dialer (schema v9: from the future; this dialer knows up to \(SQLiteSchema.latest)); upgrade dialer"
            )
        }
    }

    func testALockedDatabaseSaysWhoToStop() throws {
        let file = path()
        let store = try SQLiteAgentStore(path: file, busyTimeout: 0.2)
        let other = try DatabaseQueue(path: file)
        try other.inDatabase { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            var batch = StoreBatch()
            batch.states = [AgentState(agentID: "a1")]
            XCTAssertThrowsError(try store.commit(batch)) { error in
                XCTAssertEqual(error as? StoreError, .locked(store: "sqlite:\(file)"))
            }
            try db.execute(sql: "ROLLBACK")
        }
        XCTAssertEqual(try store.loadAgents(), [])
    }

    func testAFullDiskFailsTheWholeBatchAndTheStoreStaysUsable() throws {
        let file = path()
        let store = try SQLiteAgentStore(path: file)
        var first = StoreBatch()
        first.states = [AgentState(agentID: "a1")]
        try store.commit(first)
        // Cap the file at its current size: the next growth fails as on a full disk.
        let pages = try store.execute(fetching: "PRAGMA page_count")
        _ = try store.execute(fetching: "PRAGMA max_page_count = \(pages)")
        var big = StoreBatch()
        big.states = (0..<2000).map { AgentState(agentID: "agent-\($0)-" + String(repeating: "x", count: 200)) }
        XCTAssertThrowsError(try store.commit(big)) { error in
            XCTAssertEqual(error as? StoreError, .full(store: "sqlite:\(file)"))
        }
        XCTAssertEqual(try SQLiteAgentStore(path: file).loadAgents().map(\.agentID), ["a1"], "nothing of the failed batch is stored")
        // Space comes back: the same store carries on.
        _ = try store.execute(fetching: "PRAGMA max_page_count = 1000000")
        try store.commit(big)
        XCTAssertEqual(try store.loadAgents().count, 2001)
    }
}
