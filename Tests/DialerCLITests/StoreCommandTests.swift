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
        let lines = table.out.split(separator: "\n")
        XCTAssertEqual(
            lines.first?.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " "),
            "agent # Calls avg call s dials connects drops fails no answer abandon", table.out)
        XCTAssertTrue(table.out.contains("\ntotal "), table.out)
        // Every column after the agent's is numeric and right-aligned: each line ends at the same place.
        XCTAssertEqual(Set(lines.map(\.count)).count, 1, table.out)
        let dials = try XCTUnwrap(total["dials"] as? Int)
        XCTAssertTrue(lines.last!.contains(" \(dials < 1000 ? "\(dials)" : "\(dials / 1000),") "), "the total row's dials, grouped: \(table.out)")
    }

    func testListingAndReportingWorkOnAStoreTheyMayNotWrite() throws {
        let directory = try scratchDirectory()
        XCTAssertEqual(
            try dialer(["soak", "--store", "sqlite:\(directory)/ro.sqlite", "--agents", "3", "--events", "200", "--leads", "100"]).status, 0)
        let readOnly = try readOnlyView(of: directory)
        defer { readOnly.undo() }
        let store = "sqlite:\(readOnly.path)/ro.sqlite"
        for command in [["agents", "list"], ["report"], ["leads", "list", "--state", "done"]] {
            let result = try dialer(command + ["--store", store])
            XCTAssertEqual(result.status, 0, "\(command): \(result.err)")
        }
        XCTAssertTrue(try dialer(["agents", "list", "--store", store]).out.hasSuffix("3 agents in \(store)\n"))
        let add = try dialer(["agents", "add", "--store", store, "b1"])
        XCTAssertEqual(add.status, 2)
        XCTAssertTrue(add.err.contains("cannot open the lock file \(readOnly.path)/ro.sqlite.lock"), add.err)
    }

    /// `directory` where this process may not write: a read-only bind mount as root (who may
    /// write anywhere else), the directory itself made read-only otherwise.
    private func readOnlyView(of directory: String) throws -> (path: String, undo: () -> Void) {
        guard getuid() == 0 else {
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: directory)
            return (directory, { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory) })
        }
        let view = directory + ".ro"
        try FileManager.default.createDirectory(atPath: view, withIntermediateDirectories: true)
        guard succeeds(["/bin/mount", "--bind", directory, view]) else { throw XCTSkip("as root, this test needs mount --bind for a read-only view") }
        guard succeeds(["/bin/mount", "-o", "remount,bind,ro", view]) else {
            _ = succeeds(["/bin/umount", view])
            throw XCTSkip("as root, this test needs a read-only bind mount")
        }
        return (view, { _ = succeeds(["/bin/umount", view]) })
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
