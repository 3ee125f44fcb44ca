import Foundation
import XCTest

/// `dialer agents` and `dialer report` on a SQLite store, as an operator uses them.
final class StoreCommandTests: XCTestCase {
    func testAgentsAddListRemoveOnTheStore() throws {
        let store = "sqlite:" + (try scratchDirectory()) + "/ops.sqlite"
        XCTAssertEqual(try dialer(["agents", "add", "--store", store, "a1", "a2"]).out, "added 2 agents to \(store)\n")
        let duplicate = try dialer(["agents", "add", "--store", store, "a2", "a3"])
        XCTAssertEqual(duplicate.status, 2)
        XCTAssertEqual(duplicate.err, "\(store): agent 'a2' exists already; nothing added\n")
        let list = try dialer(["agents", "list", "--store", store, "--format", "json"])
        XCTAssertEqual(list.status, 0)
        let rows = try JSONSerialization.jsonObject(with: Data(list.out.utf8)) as? [[String: Any]]
        XCTAssertEqual(rows?.map { $0["agent_id"] as? String }, ["a1", "a2"])
        XCTAssertEqual(rows?.map { $0["status"] as? String }, ["off", "off"])
        XCTAssertEqual(try dialer(["agents", "remove", "--store", store, "a1"]).status, 0)
        let table = try dialer(["agents", "list", "--store", store])
        XCTAssertTrue(table.out.hasPrefix("agent_id  status  cdc"), table.out)
        XCTAssertTrue(table.out.hasSuffix("1 agent in \(store)\n"), table.out)
        let missing = try dialer(["agents", "remove", "--store", store, "a9"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.err.contains("no agent 'a9'"), missing.err)
    }

    func testReportAddsUpPerAgentAndInTotal() throws {
        let store = "sqlite:" + (try scratchDirectory()) + "/report.sqlite"
        XCTAssertEqual(try dialer(["soak", "--store", store, "--agents", "3", "--events", "600", "--checkpoint-every", "1000"]).status, 0)
        let json = try dialer(["report", "--store", store, "--format", "json"])
        XCTAssertEqual(json.status, 0, json.err)
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        let agents = try XCTUnwrap(report["agents"] as? [[String: Any]])
        let total = try XCTUnwrap(report["total"] as? [String: Any])
        XCTAssertEqual(agents.count, 3)
        for key in ["dials", "calls", "connects", "drops", "fails", "answered"] {
            XCTAssertEqual(agents.map { $0[key] as? Int ?? -1 }.reduce(0, +), total[key] as? Int, key)
        }
        let answered = try XCTUnwrap(total["answered"] as? Int)
        let drops = try XCTUnwrap(total["drops"] as? Int)
        XCTAssertGreaterThan(answered, 0)
        XCTAssertEqual(try XCTUnwrap(total["abandon_rate"] as? Double), Double(drops) / Double(answered), accuracy: 1e-12)
        let table = try dialer(["report", "--store", store])
        XCTAssertTrue(table.out.hasPrefix("agent ") && table.out.contains("# Calls  avg call s  dials  connects  drops  fails  abandon"), table.out)
        XCTAssertTrue(table.out.contains("\ntotal "), table.out)
    }

    func testAStoreThatCannotBeOpenedSaysWhichAndWhy() throws {
        let file = try scratchFile("notadb.sqlite", String(repeating: "garbage ", count: 1000))
        let result = try dialer(["agents", "list", "--store", "sqlite:" + file])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.err.hasPrefix("sqlite:\(file): the database is damaged or not a dialer database"), result.err)
        let unknown = try dialer(["report", "--store", "mysql://x"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.err.contains("unknown kind of store (expected sqlite:PATH, postgres://… or memory:)"), unknown.err)
    }
}
