import DialerCore
import DialerSQLite
import Foundation
import XCTest

/// A dialer killed with SIGKILL mid-run loses nothing it committed, and restarts clean.
final class CrashRecoveryTests: XCTestCase {
    func testSigkillMidRunLosesNothingCommittedAndLeavesNoAgentStuck() throws {
        let file = try scratchDirectory() + "/crash.sqlite"
        let store = "sqlite:\(file)"
        let soak = try LiveSoak(["--store", store, "--agents", "40", "--events", "100000000", "--group", "32", "--checkpoint-every", "200"])

        // Read checkpoints until a good number of commits happened, then kill without warning.
        let checkpoints = soak.checkpoints(atLeast: 25)
        soak.kill()
        XCTAssertEqual(soak.process.terminationReason, .uncaughtSignal)
        let last = try XCTUnwrap(checkpoints.last, "the soak printed no checkpoint:\n\(soak.text)")
        XCTAssertGreaterThan(last.dials, 0)

        // Everything up to the last checkpoint is in the file.
        let crashed = try SQLiteAgentStore(path: file, access: .readOnly)
        try last.assertHolds(in: crashed)
        let dials = try crashed.loadDials()
        try assertEveryLeadIsAccountedFor(crashed, someDone: true)
        let openAtCrash = dials.filter { $0.outcome == nil || $0.outcome == .connected }

        // Restart on the same file: the interrupted dials are resolved and the run carries on.
        let restart = try dialer([
            "soak", "--store", store, "--agents", "40", "--events", "2000", "--group", "32", "--checkpoint-every", "1000", "--verify",
        ])
        XCTAssertEqual(restart.status, 0, restart.out + restart.err)
        XCTAssertTrue(restart.out.contains("recovered \(openAtCrash.count) open dials"), restart.out)
        XCTAssertTrue(restart.out.contains("invariants ok"), restart.out)
        let after = try SQLiteAgentStore(path: file, access: .readOnly)
        let byID = Dictionary(uniqueKeysWithValues: try after.loadDials().map { ($0.id, $0) })
        for dial in openAtCrash {
            let now = try XCTUnwrap(byID[dial.id])
            XCTAssertTrue(now.outcome?.isFinal == true, "dial \(dial.id) is still open after the restart: \(String(describing: now.outcome))")
        }
        try assertEveryLeadIsAccountedFor(after, someDone: true)
        XCTAssertEqual(try StoreInvariants.violations(in: after), [])
    }
}
