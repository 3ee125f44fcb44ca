import DialerCore
import DialerLua
import DialerSimulation
import Foundation
import XCTest

/// A journal fed to a fresh engine makes the decisions the live engine made.
final class JournalReplayTests: XCTestCase {
    /// What a dial record says, without its id (ids come from the store in blocks).
    struct DialFacts: Equatable {
        let agentID: String, number: String, dialedAt: Timestamp, answeredAt: Timestamp?, endedAt: Timestamp?, outcome: DialOutcome?
        init(_ dial: Dial) {
            (agentID, number, dialedAt, answeredAt, endedAt, outcome) =
                (dial.agentID, dial.number, dial.dialedAt, dial.answeredAt, dial.endedAt, dial.outcome)
        }
    }

    func testReplayingASimulationsJournalPlacesTheSameDialsWithTheSameOutcomes() throws {
        let live = try journaledRun("rules/power.lua", reloading: "rules/default.lua", at: 1_200)
        let entries = try live.journalEntries()
        XCTAssertTrue(entries.contains { if case .rules(_, _, _, _, "reload") = $0.input { true } else { false } }, "the reload is journaled")
        let replay = JournalReplay()
        var refused = 0
        for entry in entries { refused += try replay.apply(entry).count }
        XCTAssertEqual(refused, 0)
        let dials = try live.loadDials().map(DialFacts.init)
        XCTAssertGreaterThan(dials.count, 100)
        XCTAssertTrue(dials.contains { $0.outcome == .dropped }, "power.lua drops some answers")
        XCTAssertEqual(try replay.store.loadDials().map(DialFacts.init), dials)
        XCTAssertEqual(replay.ruleFile?.file, rulePath("rules/default.lua"), "the reloaded file is live at the end")
        XCTAssertEqual(replay.simulation?.agents, 6)
    }

    func testASimulationsSetSettingsAreFoundAgainFromItsJournal() throws {
        let live = try journaledRun("rules/power.lua", overrides: ["DIAL_RATIO": .integer(3)])
        let replay = JournalReplay()
        for entry in try live.journalEntries() { try replay.apply(entry) }
        XCTAssertEqual(replay.ruleFile?.overrides, ["DIAL_RATIO": .integer(3)])
        XCTAssertEqual(try replay.store.loadDials().map(DialFacts.init), try live.loadDials().map(DialFacts.init))
    }

    func testAJournalWithoutItsStartIsRefusedSayingWhy() throws {
        let live = try journaledRun("rules/default.lua")
        let events = try live.journalEntries().filter { $0.kind == .event }
        XCTAssertThrowsError(try JournalReplay().apply(events[0])) { error in
            XCTAssertTrue("\(error)".contains("does not start at the start of a run"), "\(error)")
        }
    }
}
