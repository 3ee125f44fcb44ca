import DialerCore
import Foundation
import XCTest

@testable import DialerPostgres

/// Several nodes on one PostgreSQL: one driver per agent, leases that expire, clear errors.
final class PostgresLeaseTests: XCTestCase {
    private func node(_ name: String, _ url: String, lease: Double = 30) throws -> PostgresAgentStore {
        try PostgresAgentStore(url: url, nodeID: name, leaseSeconds: lease)
    }

    /// Nodes A and B on a new database holding `count` fictional leads, each reserving `chunk` at a time.
    private func twoNodes(withLeads count: Int, chunk: Int) throws -> (PostgresAgentStore, PostgresAgentStore) {
        let url = try freshPostgresURL()
        let a = try node("A", url)
        _ = try a.addLeads((0..<count).map(LeadList.fictionalNumber))
        let b = try node("B", url)
        a.leadChunk = chunk
        b.leadChunk = chunk
        return (a, b)
    }

    private func seedAgents(_ url: String, _ ids: [String]) throws {
        let admin = try node("admin", url)
        var batch = StoreBatch()
        batch.states = ids.map { AgentState(agentID: $0) }
        try admin.commit(batch)
        try admin.releaseLeases()
    }

    func testAnAgentIsDrivenByOneNodeUntilItsLeaseIsReleased() throws {
        let url = try freshPostgresURL()
        try seedAgents(url, ["a1", "a2"])
        let a = try node("A", url)
        let b = try node("B", url)
        XCTAssertEqual(try a.loadAgents().map(\.agentID), ["a1", "a2"])
        XCTAssertEqual(try b.loadAgents().map(\.agentID), [], "B must not drive A's agents")
        XCTAssertEqual(try a.renewLeases(), ["a1", "a2"])
        try a.releaseLeases()
        XCTAssertEqual(try b.claimAgents().states.map(\.agentID), ["a1", "a2"])
        var batch = StoreBatch()
        batch.states = [AgentState(agentID: "a1", status: .ready)]
        XCTAssertThrowsError(try a.commit(batch), "A gave the agent up") { error in
            XCTAssertEqual(error as? StoreError, .conflict(store: a.location, agentID: "a1"))
        }
        try b.commit(batch)
        XCTAssertEqual(try b.listAgents().first?.status, .ready)
    }

    func testADeadNodesAgentsAreTakenOverWhenItsLeaseExpires() throws {
        let url = try freshPostgresURL()
        try seedAgents(url, ["a1"])
        let a = try node("A", url, lease: 0.5)
        XCTAssertEqual(try a.loadAgents().count, 1)
        let b = try node("B", url, lease: 0.5)
        XCTAssertEqual(try b.claimAgents().states.count, 0)
        Thread.sleep(forTimeInterval: 0.7)  // A stops renewing: it died
        XCTAssertEqual(try b.claimAgents().states.map(\.agentID), ["a1"])
        XCTAssertEqual(try a.renewLeases(), [], "A learns it lost the agent")
        XCTAssertEqual(try b.loadOwners()["a1"], .some("B"))
    }

    func testTwoNodesNeverReserveTheSameLead() throws {
        let (a, b) = try twoNodes(withLeads: 8, chunk: 3)
        let fromA = try a.loadDialableLeads(at: 0, passingOver: []).map(\.number)
        let fromB = try b.loadDialableLeads(at: 0, passingOver: []).map(\.number)
        XCTAssertEqual(fromA, (0..<3).map(LeadList.fictionalNumber))
        XCTAssertEqual(fromB, (3..<6).map(LeadList.fictionalNumber))
        XCTAssertEqual(try a.loadDialableLeads(at: 0, passingOver: []).map(\.number), fromA, "a node keeps what it reserved")
    }

    /// A node's pool reads its next chunk as soon as the one it reserved is used up: a node
    /// dials on past its chunk (it used to wait the refill interval, answering `no_leads`).
    func testANodesPoolReadsTheNextChunkWhenItsChunkIsUsedUp() throws {
        let (a, b) = try twoNodes(withLeads: 8, chunk: 3)
        let poolA = StoredLeadPool(store: a, settings: LeadSettings(hours: nil))
        let poolB = StoredLeadPool(store: b, settings: LeadSettings(hours: nil))
        // Each lead handed out is dialed, as the engine does: the dial's commit marks it dialing.
        func dial(_ pool: StoredLeadPool, _ store: PostgresAgentStore) throws -> String? {
            guard let number = pool.nextLead(for: "x", at: 0) else { return nil }
            var batch = StoreBatch()
            batch.dials = [Dial(id: try store.reserveDialIDs(1).lowerBound, agentID: "x", number: number, dialedAt: 0)]
            try store.commit(batch)
            return number
        }
        let fromA = try (0..<5).compactMap { _ in try dial(poolA, a) }
        let fromB = try (0..<5).compactMap { _ in try dial(poolB, b) }
        XCTAssertEqual(fromA.count, 5, "past A's chunk of 3: \(fromA)")
        XCTAssertEqual(fromB, [LeadList.fictionalNumber(6), LeadList.fictionalNumber(7)], "B takes what A has not reserved (A holds lead 5)")
        XCTAssertTrue(Set(fromA).isDisjoint(with: fromB), "never the same lead: \(fromA) \(fromB)")
    }

    func testALeadANodePassesOverGoesToAnotherNode() throws {
        let (a, b) = try twoNodes(withLeads: 4, chunk: 2)
        XCTAssertEqual(try a.loadDialableLeads(at: 0, passingOver: []).map(\.number), (0..<2).map(LeadList.fictionalNumber))
        let skipped = LeadList.fictionalNumber(0)  // e.g. outside calling hours for A
        XCTAssertEqual(
            try a.loadDialableLeads(at: 0, passingOver: [skipped]).map(\.number), [LeadList.fictionalNumber(1), LeadList.fictionalNumber(2)],
            "A lets it go and takes the next")
        XCTAssertEqual(try b.loadDialableLeads(at: 0, passingOver: []).map(\.number), [skipped, LeadList.fictionalNumber(3)], "B may take it")
    }

    func testAnUnreachableServerSaysWhatToCheck() {
        XCTAssertThrowsError(try PostgresAgentStore(url: "postgres://dialer@127.0.0.1:1/dialer")) { error in
            let text = "\(error)"
            XCTAssertTrue(text.hasPrefix("postgres://dialer@127.0.0.1:1/dialer: cannot open the store:"), text)
            XCTAssertTrue(text.contains("is PostgreSQL running and reachable"), text)
        }
        XCTAssertThrowsError(try PostgresAgentStore(url: "postgres://127.0.0.1/dialer")) { error in
            XCTAssertTrue("\(error)".contains("the URL names no user"), "\(error)")
        }
    }

    func testADatabaseFromANewerDialerIsRefused() throws {
        let url = try freshPostgresURL()
        let store = try node("A", url)
        try store.execute("INSERT INTO dialer_schema (version, name) VALUES (99, 'from the future')")
        XCTAssertThrowsError(try node("B", url)) { error in
            XCTAssertNotNil(
                "\(error)".range(
                    of: #"written by a newer dialer \(schema 99; this dialer knows up to [0-9]+\); upgrade dialer"#, options: .regularExpression),
                "\(error)")
        }
    }
}

/// A PostgreSQL that drops the connection mid-run: the statement in flight fails with a clear
/// error (a commit is one statement, so it is applied whole or not at all), and the store
/// reconnects for the next call.
final class PostgresConnectionLossTests: XCTestCase {
    func testALostConnectionFailsTheCallInFlightAndTheNextOneReconnects() throws {
        let url = try freshPostgresURL()
        let store = try PostgresAgentStore(url: url, nodeID: "A")
        var batch = StoreBatch()
        batch.states = [AgentState(agentID: "a1")]
        try store.commit(batch)
        XCTAssertThrowsError(try store.execute("SELECT pg_terminate_backend(pg_backend_pid())")) { error in
            XCTAssertTrue("\(error)".contains("the connection was lost"), "\(error)")
            XCTAssertTrue("\(error)".hasPrefix(store.location), "\(error)")
        }
        batch.states = [AgentState(agentID: "a1", status: .ready)]
        try store.commit(batch)
        XCTAssertEqual(try PostgresAgentStore(url: url, nodeID: "B").listAgents().first?.status, .ready)
    }
}
