import Foundation
import XCTest

/// `dialer capture` turns a window of a journaled run into a scenario that `dialer replay`
/// passes, and that fails readably once a cell of the rule file changes (issue 16, docs/capture.md).
final class CaptureCommandTests: XCTestCase {
    /// A simulated hour of six agents on `power.lua` (a copy), reloaded at 25 minutes, journaled
    /// in a SQLite store; returns the scratch directory.
    private func journaledRun() throws -> String {
        let rules = try String(contentsOf: repositoryRoot.appendingPathComponent("rules/power.lua"), encoding: .utf8)
        let dir = try scratchDirectory(["power.lua": rules])
        let run = try dialer([
            "simulate", "--agents", "6", "--hours", "1", "--rules", "\(dir)/power.lua", "--store", "sqlite:\(dir)/run.sqlite", "--reload-at", "1500",
        ])
        XCTAssertEqual(run.status, 0, run.err)
        return dir
    }

    func testAWindowWithDropsRetriesAndAReloadReplaysAndFailsOnceACellChanges() throws {
        let dir = try journaledRun()
        let capture = try dialer(["capture", "--store", "sqlite:\(dir)/run.sqlite", "--from", "1200", "--to", "2400", "-o", "\(dir)/captured.lua"])
        XCTAssertEqual(capture.status, 0, capture.err)
        XCTAssertTrue(capture.err.contains("for 6 agents written to \(dir)/captured.lua; replayed: passes"), capture.err)
        let text = try String(contentsOfFile: "\(dir)/captured.lua", encoding: .utf8)
        XCTAssertTrue(text.contains("reload_rules \"\(dir)/power.lua\""), "the reload at 25 minutes is in the window")
        XCTAssertTrue(text.contains("\"dropped\")"), "power.lua drops answers")
        let dialed = try XCTUnwrap(text.components(separatedBy: "expect_eq(dials(), ").last).components(separatedBy: "\"+").dropFirst()
        XCTAssertLessThan(Set(dialed).count, dialed.count, "a lead is dialed again in the window (a retry)")

        let replay = try dialer(["replay", "\(dir)/captured.lua"])
        XCTAssertEqual(replay.status, 0, replay.out + replay.err)
        XCTAssertTrue(replay.out.hasSuffix("1 passed, 0 failed\n"), replay.out)

        // One cell edited: in_call × call_fail no longer counts the failed line.
        let rules = try String(contentsOfFile: "\(dir)/power.lua", encoding: .utf8)
        let cell = "  -- a parallel dial failed while the agent talks: keep the count true\n  call_fail = count_failed,"
        XCTAssertTrue(rules.contains(cell))
        try rules.replacingOccurrences(of: cell, with: "  call_fail = ignore,").write(toFile: "\(dir)/power.lua", atomically: true, encoding: .utf8)
        let edited = try dialer(["replay", "\(dir)/captured.lua"])
        XCTAssertEqual(edited.status, 1, edited.out + edited.err)
        XCTAssertTrue(edited.out.contains(": expected a0"), edited.out + edited.err)
        XCTAssertTrue(edited.out.contains("got"), edited.out)
        XCTAssertTrue(edited.out.contains("in_call × call_fail") || edited.out.contains("call_fail"), edited.out)
    }

    func testAnUnknownAgentAndAStoreWithoutJournalAreRefusedSayingWhy() throws {
        let dir = try journaledRun()
        let unknown = try dialer(["capture", "--store", "sqlite:\(dir)/run.sqlite", "--agent", "a1"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.err.contains("agent 'a1' is not in the journaled run (agents: a001, a002"), unknown.err)
        let bare = try dialer(["simulate", "--agents", "2", "--hours", "0.1", "--store", "sqlite:\(dir)/bare.sqlite", "--journal-days", "0"])
        XCTAssertEqual(bare.status, 0, bare.err)
        let none = try dialer(["capture", "--store", "sqlite:\(dir)/bare.sqlite"])
        XCTAssertEqual(none.status, 2)
        XCTAssertTrue(none.err.contains("holds no journal"), none.err)
        let backwards = try dialer(["capture", "--store", "sqlite:\(dir)/run.sqlite", "--from", "1800", "--to", "1200"])
        XCTAssertEqual(backwards.status, 64, backwards.err)
        XCTAssertTrue(backwards.err.contains("--to 1200 is not after --from 1800"), backwards.err)
    }

    func testAnAgentWhoseLeadsOthersTookSaysTheWindowDoesNotReplayOnItsOwn() throws {
        let dir = try journaledRun()
        let capture = try dialer([
            "capture", "--store", "sqlite:\(dir)/run.sqlite", "--agent", "a003", "--from", "600", "--to", "3000", "-o", "\(dir)/a3.lua",
        ])
        XCTAssertEqual(capture.status, 1, capture.err)
        XCTAssertTrue(capture.err.contains("capture: the scenario does not pass: \(dir)/a3.lua:"), capture.err)
        XCTAssertTrue(capture.err.contains("leave out --agent"), capture.err)
        XCTAssertTrue(FileManager.default.fileExists(atPath: "\(dir)/a3.lua"), "written all the same")
    }

    func testAPacingRunReplaysFromItsStartAndFromItsMiddleWithTheCampaignsFigures() throws {
        let dir = try scratchDirectory()
        let run = try dialer(["simulate", "--agents", "10", "--hours", "1", "--rules", "rules/predictive.lua", "--store", "sqlite:\(dir)/run.sqlite"])
        XCTAssertEqual(run.status, 0, run.err)
        let whole = try dialer(["capture", "--store", "sqlite:\(dir)/run.sqlite", "-o", "\(dir)/whole.lua"])
        XCTAssertEqual(whole.status, 0, whole.err)
        XCTAssertTrue(whole.err.contains("for 10 agents written to \(dir)/whole.lua; replayed: passes"), whole.err)
        let middle = try dialer(["capture", "--store", "sqlite:\(dir)/run.sqlite", "--from", "2400", "--to", "2800", "-o", "\(dir)/middle.lua"])
        XCTAssertEqual(middle.status, 0, middle.err)
        XCTAssertTrue(middle.err.contains("replayed: passes"), middle.err)
        let text = try String(contentsOfFile: "\(dir)/middle.lua", encoding: .utf8)
        XCTAssertTrue(text.contains("campaign_history [=[{\"answered\":"), "predictive.lua reads the campaign's figures: they are restored")
        // Without them the window decides otherwise (past MIN_ANSWERS the rule paces on them).
        let stripped = text.split(separator: "\n").filter { !$0.hasPrefix("campaign_history") }.joined(separator: "\n")
        try stripped.write(toFile: "\(dir)/stripped.lua", atomically: true, encoding: .utf8)
        let replay = try dialer(["replay", "\(dir)/stripped.lua"])
        XCTAssertEqual(replay.status, 1, replay.out)
    }
}
