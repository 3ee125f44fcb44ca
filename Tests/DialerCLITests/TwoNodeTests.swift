import DialerCore
import DialerPostgres
import Foundation
import XCTest

/// Two `dialer` processes on one PostgreSQL: never both driving one agent, and a dead node's
/// agents taken over when its lease expires.
final class TwoNodeTests: XCTestCase {
    private let agents = (0..<12).map { "soak-\($0)" }

    private func node(_ name: String, _ url: String, seconds: Int, extra: [String] = []) -> (Process, Pipe) {
        let process = Process()
        process.executableURL = dialerExecutable
        process.currentDirectoryURL = repositoryRoot
        process.arguments =
            [
                "soak", "--store", url, "--node", name, "--lease", "3", "--agents", "\(agents.count)", "--events", "100000000",
                "--duration", "\(seconds)", "--group", "8", "--checkpoint-every", "80", "--seed", name == "A" ? "1" : "2",
            ] + extra
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        return (process, out)
    }

    /// For each agent, how often the node placing its dials changed, in commit order.
    private func handovers(_ url: String) throws -> [String: Int] {
        let store = try PostgresAgentStore(url: url, nodeID: "inspector")
        var last: [String: String] = [:]
        var changes: [String: Int] = [:]
        for dial in try store.loadDialNodes() {
            guard let node = dial.node else { continue }
            if let previous = last[dial.agentID], previous != node { changes[dial.agentID, default: 0] += 1 }
            last[dial.agentID] = node
        }
        return changes
    }

    private func waitForText(_ pipe: Pipe, _ needle: String, seconds: Double) -> String {
        var text = ""
        let deadline = Date().addingTimeInterval(seconds)
        while !text.contains(needle), Date() < deadline {
            let chunk = pipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        return text
    }

    func testTwoNodesNeverDriveOneAgentAndADeadNodesAgentsAreTakenOver() throws {
        let url = try postgresTestURL(schemaPrefix: "nodes")
        XCTAssertEqual(try dialer(["agents", "add", "--store", url] + agents).status, 0)
        let (a, outA) = node("A", url, seconds: 60)
        try a.run()
        _ = waitForText(outA, "checkpoint", seconds: 30)  // A holds every agent now
        let (b, outB) = node("B", url, seconds: 10, extra: ["--verify"])
        try b.run()
        Thread.sleep(forTimeInterval: 1.5)
        kill(a.processIdentifier, SIGKILL)  // A dies holding its leases
        a.waitUntilExit()
        let textB = String(decoding: outB.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        b.waitUntilExit()
        XCTAssertEqual(b.terminationStatus, 0, textB)
        // B ends up driving every agent: taken over from A once A's leases expired.
        XCTAssertTrue(textB.contains("node B drove \(agents.count) agents at the end"), textB)
        XCTAssertTrue(textB.contains("invariants ok"), textB)
        let changes = try handovers(url)
        for agent in agents {
            XCTAssertLessThanOrEqual(changes[agent, default: 0], 1, "\(agent) was driven by both nodes")
        }
        XCTAssertGreaterThan(changes.values.reduce(0, +), 0, "B took over A's agents")
    }

    func testWithoutLeasesBothNodesWouldDriveTheSameAgents() throws {
        // The control for the test above: switch the concurrency control off and the same
        // check sees the agents driven by both nodes at once.
        let url = try postgresTestURL(schemaPrefix: "nodes")
        XCTAssertEqual(try dialer(["agents", "add", "--store", url] + agents).status, 0)
        let (a, outA) = node("A", url, seconds: 3, extra: ["--unsafe-no-leases"])
        let (b, outB) = node("B", url, seconds: 3, extra: ["--unsafe-no-leases"])
        try a.run()
        try b.run()
        _ = outA.fileHandleForReading.readDataToEndOfFile()
        _ = outB.fileHandleForReading.readDataToEndOfFile()
        a.waitUntilExit()
        b.waitUntilExit()
        let doublyDriven = try handovers(url).filter { $0.value > 1 }
        XCTAssertGreaterThan(doublyDriven.count, 0, "without leases the check must see agents driven by both nodes")
    }
}
