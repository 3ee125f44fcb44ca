import DialerCore
import Foundation
import XCTest

@testable import DialerSQLite

/// One writing process per SQLite store: the others are refused with the holder's pid; stores
/// of one process share the lock; a lock left by a dead process does not block.
final class WriterLockTests: XCTestCase {
    private func path() -> String { temporaryDirectory().appendingPathComponent("dialer.sqlite").path }

    /// `flock(1)` holding `lockFile` in another process until it is killed.
    private func holdLock(_ lockFile: String) throws -> Process {
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        holder.arguments = ["--no-fork", lockFile, "sleep", "60"]  // the lock dies with this process
        try holder.run()
        return holder
    }

    /// Whether another process could take `lockFile` now: `flock(1)`'s exit status (0 yes, 1 held).
    private func otherProcessCanLock(_ lockFile: String) throws -> Bool {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        probe.arguments = ["--nonblock", lockFile, "true"]
        try probe.run()
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }

    func testAnotherProcessHoldingTheStoreIsNamedAndAStaleLockDoesNotBlock() throws {
        let file = path()
        try "4242\n".write(toFile: file + ".lock", atomically: false, encoding: .utf8)  // as a holder records itself
        let holder = try holdLock(file + ".lock")
        defer { if holder.isRunning { kill(holder.processIdentifier, SIGKILL) } }
        let deadline = Date().addingTimeInterval(10)  // a guard against hanging while flock(1) starts, not a timing assertion
        while try otherProcessCanLock(file + ".lock") && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        var refusal: StoreError?
        XCTAssertThrowsError(try SQLiteAgentStore(path: file)) { refusal = $0 as? StoreError }
        XCTAssertEqual(refusal, .inUse(store: "sqlite:\(file)", lockFile: file + ".lock", pid: 4242))
        XCTAssertEqual(
            refusal?.description,
            "sqlite:\(file): process 4242 is writing to this store (it holds \(file).lock); stop it first, or use another file (agents list, leads list and report can read it meanwhile)"
        )

        kill(holder.processIdentifier, SIGKILL)
        holder.waitUntilExit()
        let store = try SQLiteAgentStore(path: file)
        XCTAssertEqual(try store.loadAgents(), [])
        XCTAssertEqual(try String(contentsOfFile: file + ".lock", encoding: .utf8), "\(getpid())\n", "the new holder records itself")
    }

    func testStoresOfOneProcessShareTheLockUntilTheLastIsClosed() throws {
        let file = path()
        var first: SQLiteAgentStore? = try SQLiteAgentStore(path: file)
        var second: SQLiteAgentStore? = try SQLiteAgentStore(path: file)
        var batch = StoreBatch()
        batch.states = [AgentState(agentID: "a1")]
        try first?.commit(batch)
        XCTAssertEqual(try second?.listAgents().map(\.agentID), ["a1"])
        first = nil
        XCTAssertFalse(try otherProcessCanLock(file + ".lock"), "the second store still holds the lock")
        second = nil
        XCTAssertTrue(try otherProcessCanLock(file + ".lock"), "the last store released it")
    }

    func testAReaderNeedsNoLockAndWorksBesideTheWriter() throws {
        let file = path()
        let writer = try SQLiteAgentStore(path: file)
        var batch = StoreBatch()
        batch.states = [AgentState(agentID: "a1")]
        try writer.commit(batch)
        XCTAssertFalse(try otherProcessCanLock(file + ".lock"))
        XCTAssertEqual(try SQLiteAgentStore(path: file, access: .readOnly).listAgents().map(\.agentID), ["a1"])
        XCTAssertThrowsError(try SQLiteAgentStore(path: file, access: .readOnly).commit(batch), "a reader writes nothing")
    }
}
