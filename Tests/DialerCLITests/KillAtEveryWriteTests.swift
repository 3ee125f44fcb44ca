import DialerCore
import DialerPostgres
import DialerSQLite
import Foundation
import XCTest

/// `dialer soak` and `dialer serve` killed at every write of a short run that starts from a
/// store that does not exist yet, on SQLite and PostgreSQL: the run is repeated with
/// `DIALER_FAULT_KILL_AT_WRITE=N` for N = 1, 2, … until it makes fewer than N writes. After each
/// kill nothing the killed process reported committed is lost, the restarted process opens the
/// store and recovers, the store's invariants hold, and no agent is stranded.
///
/// `DIALER_LONG_KILL_TESTS=1` runs longer runs: thousands of kill points (see docs/testing.md).
final class KillAtEveryWriteTests: XCTestCase {
    private static let long = ProcessInfo.processInfo.environment["DIALER_LONG_KILL_TESTS"] == "1"

    // MARK: soak

    func testSoakOnSQLiteSurvivesAKillAtEveryWrite() throws {
        let directory = try scratchDirectory()
        var round = 0
        try soakKilledAtEveryWrite(group: 4) {
            round += 1
            return "sqlite:\(directory)/kill-\(round).sqlite"
        }
    }

    func testSoakOnPostgreSQLSurvivesAKillAtEveryWrite() throws {
        _ = try postgresTestURL(schemaPrefix: "kill")  // skips without a server
        try soakKilledAtEveryWrite(group: 4) { try postgresTestURL(schemaPrefix: "kill") }
    }

    private func soakKilledAtEveryWrite(group: Int, newStore: () throws -> String) throws {
        // One node name for every run: a restarted PostgreSQL node takes its own agents back at once.
        let common = ["--agents", "4", "--leads", Self.long ? "3000" : "80", "--checkpoint-every", "4", "--node", "kill-test"]
        let run = common + ["--events", Self.long ? "2000" : "60", "--group", Self.long ? "1" : "\(group)"]
        var killPoint = 1
        while true {
            let store = try newStore()
            let killed = try dialer(["soak", "--store", store] + run, environment: ["DIALER_FAULT_KILL_AT_WRITE": "\(killPoint)"])
            if killed.status == 0 { break }  // fewer writes than that: each one has been a kill point
            let context = "soak on \(store) killed at write \(killPoint)"
            XCTAssertEqual(killed.status, -SIGKILL, "\(context): \(killed.err)")
            if let last = SoakCheckpoint.all(in: killed.out).last { try last.assertHolds(in: try XCTUnwrap(try inspect(store))) }

            let restart = try dialer(["soak", "--store", store, "--events", "0", "--verify"] + common)
            XCTAssertEqual(restart.status, 0, "\(context), then restarted: \(restart.out)\(restart.err)")
            XCTAssertTrue(restart.out.contains("invariants ok"), "\(context), then restarted: \(restart.out)")
            try assertRecovered(try XCTUnwrap(try inspect(store)), context)
            if (testRun?.totalFailureCount ?? 0) > 0 { return }  // one broken kill point is enough to read
            killPoint += 1
        }
        XCTAssertGreaterThan(killPoint, 10, "the run wrote too little to prove anything")
        print("soak: \(killPoint - 1) kill points tried, each survived")
    }

    // MARK: serve

    func testServeOnSQLiteSurvivesAKillAtEveryWrite() async throws {
        let directory = try scratchDirectory()
        var round = 0
        try await serveKilledAtEveryWrite {
            round += 1
            return "sqlite:\(directory)/kill-\(round).sqlite"
        }
    }

    func testServeOnPostgreSQLSurvivesAKillAtEveryWrite() async throws {
        _ = try postgresTestURL(schemaPrefix: "kill")
        try await serveKilledAtEveryWrite { try postgresTestURL(schemaPrefix: "kill") }
    }

    private func serveKilledAtEveryWrite(newStore: () throws -> String) async throws {
        let receiver = try await WebhookReceiver()
        let directory = try scratchDirectory(["rules.lua": try rulesAtAnyHour()])
        var killPoint = 1
        while true {
            let store = try newStore()
            let service = try await ServedDialer(
                store: store, rules: directory + "/rules.lua", webhook: receiver.url, directory: directory, extra: ["--node", "kill-test"],
                environment: ["DIALER_FAULT_KILL_AT_WRITE": "\(killPoint)"], mayDie: true)
            let acknowledged = await ServeSession.run(ServiceClient(base: service.base), agents: Self.long ? 12 : 2)
            if service.terminate() == 0 && service.process.terminationReason == .exit { break }  // fewer writes than that
            let context = "serve on \(store) killed at write \(killPoint)"
            XCTAssertEqual(service.process.terminationReason, .uncaughtSignal, "\(context): \(service.stderr.output)")

            let restarted = try await ServedDialer(
                store: store, rules: directory + "/rules.lua", webhook: receiver.url, directory: directory, extra: ["--node", "kill-test"])
            let after = try XCTUnwrap(try inspect(store))
            try acknowledged.assertHolds(in: after, context)
            try assertRecovered(after, context)
            XCTAssertEqual(restarted.terminate(), 0, "\(context), then restarted: \(restarted.stderr.output)")
            if (testRun?.totalFailureCount ?? 0) > 0 { break }
            killPoint += 1
        }
        await receiver.stop()
        XCTAssertGreaterThan(killPoint, 8, "the session wrote too little to prove anything")
        print("serve: \(killPoint - 1) kill points tried, each survived")
    }

    // MARK: Checks

    /// The store as the test reads it beside a running dialer (no writer's lock on SQLite);
    /// nil when a kill left no SQLite store to read.
    private func inspect(_ location: String) throws -> (any AgentStore)? {
        guard location.hasPrefix("sqlite:") else { return try PostgresAgentStore(url: location, nodeID: "kill-test-reader") }
        let path = String(location.dropFirst("sqlite:".count))
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try SQLiteAgentStore(path: path, access: .readOnly)
    }

    /// After a restart's recovery: the invariants hold, every lead is accounted for, and no
    /// agent is `ready` with nothing in flight. The default rules dial for a ready agent
    /// whenever leads remain (and these runs never use them up), so such an agent would wait
    /// for an answer that cannot come: a kill between a commit and the dialing it launched.
    private func assertRecovered(_ store: any AgentStore, _ context: String) throws {
        XCTAssertEqual(try StoreInvariants.violations(in: store), [], context)
        try assertEveryLeadIsAccountedFor(store, someDone: false)
        let ringing = Set(try store.loadDials().filter { $0.outcome == nil }.map(\.agentID))
        for agent in try store.listAgents() where agent.status == .ready {
            XCTAssertTrue(
                ringing.contains(agent.agentID), "\(context): agent '\(agent.agentID)' is ready with nothing in flight (cdc \(agent.cdc)): stranded")
        }
    }
}

/// A short `serve` session that a kill may cut anywhere: agents added, leads added, then for
/// each agent a login, an answer on one dial and a busy signal on another, the call's end and a
/// logout. It stops at the first request that gets no answer (the service died); what was
/// answered was committed first, and is recorded here.
private struct ServeSession {
    var agents: [String] = []
    var leads = 0
    var dials: Set<Int> = []
    var ended: Set<Int> = []

    static func run(_ client: ServiceClient, agents count: Int) async -> ServeSession {
        var session = ServeSession()
        _ = await session.play(client, agents: (1...count).map { "a\($0)" })
        return session
    }

    /// Plays the session; false once the service stops answering.
    private mutating func play(_ client: ServiceClient, agents ids: [String]) async -> Bool {
        for id in ids {
            guard await send(client, "/agents", #"{"agent_id": "\#(id)"}"#) != nil else { return false }
            agents.append(id)
        }
        let numbers = (0..<(ids.count * 12)).map { "\"\(LeadList.fictionalNumber($0))\"" }
        guard await send(client, "/leads", #"{"numbers": [\#(numbers.joined(separator: ", "))]}"#) != nil else { return false }
        leads = numbers.count
        for id in ids {
            guard let login = await send(client, "/agents/\(id)/events", #"{"event": "login"}"#) else { return false }
            dials.formUnion(login.dialIDs)
            guard login.dialIDs.count >= 2 else { continue }
            let (answered, busy) = (login.dialIDs[0], login.dialIDs[1])
            guard await send(client, "/dials/\(answered)/events", #"{"event": "call_start"}"#) != nil,
                let failed = await send(client, "/dials/\(busy)/events", #"{"event": "call_fail", "reason": "busy"}"#)
            else { return false }
            ended.insert(busy)
            dials.formUnion(failed.dialIDs)
            guard let end = await send(client, "/dials/\(answered)/events", #"{"event": "call_end"}"#) else { return false }
            ended.insert(answered)
            dials.formUnion(end.dialIDs)
            guard await send(client, "/agents/\(id)/events", #"{"event": "logout"}"#) != nil else { return false }
        }
        return true
    }

    /// The reply, or nil when the service did not answer with a success.
    private func send(_ client: ServiceClient, _ path: String, _ body: String) async -> Reply? {
        guard let reply = try? await client.send(.POST, path, body: body), (200..<300).contains(reply.status) else { return nil }
        return reply
    }

    /// Fails the test unless `store` holds every change the service answered for.
    func assertHolds(in store: any AgentStore, _ context: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let stored = Set(try store.listAgents().map(\.agentID))
        XCTAssertTrue(stored.isSuperset(of: agents), "\(context): answered agents \(agents), stored \(stored)", file: file, line: line)
        XCTAssertGreaterThanOrEqual(try store.listLeads().count, leads, "\(context): answered leads are missing", file: file, line: line)
        let records = Dictionary(uniqueKeysWithValues: try store.loadDials().map { ($0.id, $0) })
        XCTAssertTrue(Set(records.keys).isSuperset(of: dials), "\(context): answered dials \(dials.sorted()) are missing", file: file, line: line)
        for id in ended {
            XCTAssertEqual(records[id]?.outcome?.isFinal, true, "\(context): dial \(id)'s answered end is missing", file: file, line: line)
        }
    }
}
