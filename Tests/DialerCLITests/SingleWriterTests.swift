import Foundation
import XCTest

/// One process writes to a SQLite store at a time: a second `soak` or `serve` is refused at
/// start with the holder's pid and exit code 2, readers work beside the writer, and the lock of
/// a killed writer does not block the next one.
final class SingleWriterTests: XCTestCase {
    func testASecondWriterIsRefusedWithTheHoldersPidAndReadersWorkBeside() throws {
        let directory = try scratchDirectory()
        let store = "sqlite:\(directory)/one.sqlite"
        let first = try LiveSoak(["--store", store, "--agents", "3", "--leads", "500", "--events", "100000000", "--checkpoint-every", "256"])
        XCTAssertFalse(first.checkpoints(atLeast: 1).isEmpty, "the first soak stopped: \(first.text)")  // it holds the store and writes

        let refusal = "\(store): process \(first.process.processIdentifier) is writing to this store (it holds \(directory)/one.sqlite.lock)"
        let second = try dialer(["soak", "--store", store, "--agents", "3", "--events", "10"])
        XCTAssertEqual(second.status, 2, second.out)
        XCTAssertTrue(second.err.hasPrefix(refusal), second.err)
        let serve = try dialer(
            ["serve", "--store", store, "--port", "0", "--webhook", "http://127.0.0.1:9/hook"], environment: ["DIALER_TOKEN": "t"])
        XCTAssertEqual(serve.status, 2, serve.out)
        XCTAssertTrue(serve.err.contains(refusal), serve.err)
        let add = try dialer(["agents", "add", "--store", store, "b1"])
        XCTAssertEqual(add.status, 2)
        XCTAssertTrue(add.err.hasPrefix(refusal), add.err)
        for reader in [["agents", "list"], ["report"], ["leads", "list", "--state", "done"]] {
            let result = try dialer(reader + ["--store", store])
            XCTAssertEqual(result.status, 0, "\(reader): \(result.err)")
        }

        first.kill()
        let next = try dialer(["soak", "--store", store, "--agents", "3", "--leads", "500", "--events", "100", "--verify"])
        XCTAssertEqual(next.status, 0, "a dead writer's lock must not block: \(next.err)")
        XCTAssertTrue(next.out.contains("invariants ok"), next.out)
    }
}
