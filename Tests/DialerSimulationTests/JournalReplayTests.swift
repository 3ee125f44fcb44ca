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

    /// A simulation of six agents for half an hour on a store that journals, its leads added
    /// as `simulate --store` adds them.
    private func journaledRun(
        _ rules: String, overrides: [String: LuaValue] = [:], reloading other: String? = nil, at time: Timestamp = 0
    ) throws -> InMemoryAgentStore {
        let settings = smallSettings(agents: 6, hours: 0.5, seed: 3)
        let store = InMemoryAgentStore()
        let numbers = (0..<2_000).map(LeadList.fictionalNumber)
        _ = try store.addLeads(numbers, journal: JournalEntry(time: 0, input: .leadsAdded(numbers: numbers)))
        let ruleSet = try Simulation.loadRules(rulePath(rules), overrides: overrides, seed: settings.seed)
        let simulation = try Simulation(
            settings: settings, rules: ruleSet, store: store, leads: StoredLeadPool(store: store, settings: ruleSet.leadSettings),
            journal: JournalRetention(days: 7), ruleText: try String(contentsOfFile: rulePath(rules), encoding: .utf8))
        if let other {
            let path = rulePath(other)
            simulation.reloadRules(
                try Simulation.loadRules(path, seed: settings.seed), text: try String(contentsOfFile: path, encoding: .utf8), at: time)
        }
        _ = try simulation.run()
        return store
    }
}
