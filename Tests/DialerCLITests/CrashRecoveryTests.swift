import DialerCore
import DialerSQLite
import Foundation
import XCTest

/// A dialer killed with SIGKILL mid-run loses nothing it committed, and restarts clean.
final class CrashRecoveryTests: XCTestCase {
    private struct Checkpoint {
        var events: Int
        var dials: Int
        var agent: String
        var timestamp: Double?

        init?(_ line: Substring) {
            guard line.hasPrefix("checkpoint ") else { return nil }
            var fields: [String: String] = [:]
            for pair in line.split(separator: " ").dropFirst() {
                let kv = pair.split(separator: "=", maxSplits: 1)
                if kv.count == 2 { fields[String(kv[0])] = String(kv[1]) }
            }
            guard let events = fields["events"].flatMap(Int.init), let dials = fields["dials"].flatMap(Int.init), let agent = fields["agent"] else {
                return nil
            }
            self.events = events
            self.dials = dials
            self.agent = agent
            timestamp = fields["ts"].flatMap(Double.init)
        }
    }

    func testSigkillMidRunLosesNothingCommittedAndLeavesNoAgentStuck() throws {
        let file = try scratchDirectory() + "/crash.sqlite"
        let store = "sqlite:\(file)"
        let process = Process()
        process.executableURL = dialerExecutable
        process.currentDirectoryURL = repositoryRoot
        process.arguments = ["soak", "--store", store, "--agents", "40", "--events", "100000000", "--group", "32", "--checkpoint-every", "200"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()

        // Read checkpoints until a good number of commits happened, then kill without warning.
        var text = ""
        var checkpoints: [Checkpoint] = []
        let deadline = Date().addingTimeInterval(60)
        while checkpoints.count < 25 && Date() < deadline {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
            checkpoints = text.split(separator: "\n").filter { text.hasSuffix("\n") || $0 != text.split(separator: "\n").last }.compactMap(
                Checkpoint.init)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal)
        let last = try XCTUnwrap(checkpoints.last, "the soak printed no checkpoint:\n\(text)")
        XCTAssertGreaterThan(last.dials, 0)

        // Everything up to the last checkpoint is in the file.
        let crashed = try SQLiteAgentStore(path: file, access: .readOnly)
        let dials = try crashed.loadDials()
        XCTAssertGreaterThanOrEqual(dials.count, last.dials, "committed dials are missing")
        let agent = try XCTUnwrap(try crashed.loadAgents().first { $0.agentID == last.agent })
        if let ts = last.timestamp { XCTAssertGreaterThanOrEqual(agent.timestamp ?? -1, ts, "\(last.agent)'s committed state is missing") }
        try assertEveryLeadIsAccountedFor(crashed)
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
        try assertEveryLeadIsAccountedFor(after)
        XCTAssertEqual(try StoreInvariants.violations(in: after), [])
    }

    /// Every lead is either dialed and recorded (done, with a final call record), in a dial
    /// that is open, or dialable again: at once after a cancelled dial, or after the retry
    /// delay or lockout its latest outcome sets (the soak's rules keep the default policy);
    /// its attempts count its finished dials.
    private func assertEveryLeadIsAccountedFor(_ store: SQLiteAgentStore, file: StaticString = #filePath, line: UInt = #line) throws {
        let dials = try store.loadDials()
        let latest = Dictionary(dials.map { ($0.number, $0) }, uniquingKeysWith: { $0.id > $1.id ? $0 : $1 })
        let attempts = Dictionary(grouping: dials.filter { $0.outcome?.isFinal == true && $0.outcome != .cancelled }, by: \.number).mapValues(\.count)
        let policy = RetryPolicy()
        var counts: [LeadState: Int] = [:]
        for lead in try store.listLeads() {
            counts[lead.state, default: 0] += 1
            XCTAssertEqual(lead.attempts, attempts[lead.number] ?? 0, "lead \(lead.number)'s attempts", file: file, line: line)
            switch lead.state {
            case .available:
                guard let dial = latest[lead.number], let outcome = dial.outcome else { continue }
                let wait = outcome == .cancelled ? nil : policy.delay(after: outcome).map { (dial.endedAt ?? 0) + $0 }
                XCTAssertNotNil(policy.delay(after: outcome), "available lead \(lead.number) has a dial that used it up", file: file, line: line)
                XCTAssertEqual(lead.eligibleAt, wait, "available lead \(lead.number) waits as its last outcome says", file: file, line: line)
                XCTAssertLessThan(lead.attempts, policy.maxAttempts, "lead \(lead.number) is out of attempts", file: file, line: line)
            case .dialing:
                let dial = try XCTUnwrap(latest[lead.number], "lead \(lead.number) is dialing without a call record", file: file, line: line)
                XCTAssertTrue(
                    dial.outcome == nil || dial.outcome == .connected, "lead \(lead.number) is dialing but its dial ended", file: file, line: line)
            case .done:
                let dial = try XCTUnwrap(latest[lead.number], "lead \(lead.number) is done without a call record", file: file, line: line)
                XCTAssertTrue(
                    dial.outcome?.isFinal == true && dial.outcome != .cancelled,
                    "lead \(lead.number) is done but its dial is \(String(describing: dial.outcome))", file: file, line: line)
            }
        }
        XCTAssertGreaterThan(counts[.done, default: 0], 0, file: file, line: line)
    }
}
