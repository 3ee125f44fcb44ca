import DialerCore
import Foundation
import GRDB
import XCTest

@testable import DialerSQLite

/// A SQLite store is created whole or not at all: what an interrupted creation or migration
/// leaves is recognised at the next open and finished; a foreign file is refused untouched.
final class SQLiteCreationTests: XCTestCase {
    private func path() -> String { temporaryDirectory().appendingPathComponent("dialer.sqlite").path }

    /// The store works: an agent and a lead written, a callback (schema v4) taken, all read back.
    private func assertUsable(_ file: String, line: UInt = #line) throws {
        let store = try SQLiteAgentStore(path: file)
        var batch = StoreBatch()
        batch.states = [AgentState(agentID: "a1")]
        try store.commit(batch)
        XCTAssertEqual(try store.addLeads(["+12125550100"]), 1, line: line)
        XCTAssertEqual(try store.scheduleCallback("+12125550100", at: 900).wait, .callback, line: line)
        let again = try SQLiteAgentStore(path: file, access: .readOnly)
        XCTAssertEqual(try again.listAgents().map(\.agentID), ["a1"], line: line)
        XCTAssertEqual(try DatabaseQueue(path: file).read(SQLiteSchema.applied).sorted(), SQLiteSchema.migrations.map(\.id).sorted(), line: line)
    }

    func testAFileHoldingOnlyTheMigrationRecordIsFinishedAtOpen() throws {
        // What GRDB's migrator left when a kill came between its bookkeeping table and the first migration.
        let file = path()
        try DatabaseQueue(path: file).write { try $0.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)") }
        try assertUsable(file)
    }

    func testAnEmptyFileBecomesAStore() throws {
        let file = path()
        XCTAssertTrue(FileManager.default.createFile(atPath: file, contents: Data()))
        try assertUsable(file)
    }

    func testAMigrationInterruptedAfterEachStepIsFinishedAtOpen() throws {
        for (k, migration) in SQLiteSchema.migrations.enumerated().dropLast() {
            let file = path()
            let queue = try DatabaseQueue(path: file)
            try queue.writeWithoutTransaction { try SQLiteSchema.migrate($0, upTo: migration.id, store: file) }
            try queue.close()
            XCTAssertEqual(try SQLiteFileKind.inspect(path: file, store: file), .dialer(pending: SQLiteSchema.migrations.dropFirst(k + 1).map(\.id)))
            try assertUsable(file)
        }
    }

    func testAFailingMigrationLeavesNothingOfTheCreation() throws {
        // A statement of the last migration fails: the earlier ones, applied in the same
        // transaction, are gone with it, and the file is as new.
        let file = path()
        let queue = try DatabaseQueue(path: file)
        try queue.write { try $0.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)") }
        try queue.write { try $0.execute(sql: "CREATE TABLE leads_v4 (x)") }  // in the way of v4's rebuild
        XCTAssertThrowsError(try queue.writeWithoutTransaction { try SQLiteSchema.migrate($0, store: file) })
        XCTAssertEqual(try queue.read(SQLiteSchema.applied), [])
        XCTAssertFalse(try queue.read { try $0.tableExists("agents") })
    }

    func testAForeignFileIsRefusedWithItsJournalModeUnchanged() throws {
        let file = path()
        try DatabaseQueue(path: file).write { try $0.execute(sql: "CREATE TABLE invoices (id INTEGER)") }
        let header = try Data(contentsOf: URL(fileURLWithPath: file))
        XCTAssertThrowsError(try SQLiteAgentStore(path: file)) { error in
            XCTAssertTrue("\(error)".contains("it holds tables invoices but is not a dialer database"), "\(error)")
        }
        XCTAssertThrowsError(try SQLiteAgentStore(path: file, access: .readOnly))
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: file)), header, "the file is as it was")
        XCTAssertEqual(try DatabaseQueue(path: file).read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }, "delete")
        XCTAssertFalse(FileManager.default.fileExists(atPath: file + "-wal"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: file + ".lock"), "a refused file gets no lock file beside it")
    }

    func testAnotherApplicationsEmptyDatabaseIsRefused() throws {
        let file = path()
        try DatabaseQueue(path: file).write { try $0.execute(sql: "PRAGMA application_id = 42") }
        XCTAssertThrowsError(try SQLiteAgentStore(path: file)) { error in
            XCTAssertTrue("\(error)".contains("it holds application id 42 but is not a dialer database"), "\(error)")
        }
    }

    func testReadingAStoreThatIsNotThereOrNotUpToDateCreatesAndChangesNothing() throws {
        let file = path()
        XCTAssertThrowsError(try SQLiteAgentStore(path: file, access: .readOnly)) { error in
            XCTAssertTrue("\(error)".contains("there is no dialer store here yet"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: file))
        let queue = try DatabaseQueue(path: file)
        try queue.writeWithoutTransaction { try SQLiteSchema.migrate($0, upTo: SQLiteSchema.migrations[2].id, store: file) }
        XCTAssertThrowsError(try SQLiteAgentStore(path: file, access: .readOnly)) { error in
            XCTAssertTrue("\(error)".contains("its schema predates \(SQLiteSchema.migrations[3].id)"), "\(error)")
        }
        XCTAssertEqual(try queue.read(SQLiteSchema.applied).count, 3)
    }
}
