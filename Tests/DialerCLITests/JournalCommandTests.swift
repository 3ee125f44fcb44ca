import DialerCore
import DialerSQLite
import Foundation
import XCTest

/// `soak` and `simulate --store` journal their inputs in the store (`docs/stores.md`, the
/// event journal): the rule file and (for simulate) the seed and settings first, then the
/// agents and leads they add and every event they send; `--journal-days 0` journals nothing.
final class JournalCommandTests: XCTestCase {
    private func journal(_ file: String) throws -> [JournalEntry] {
        try SQLiteAgentStore(path: file, access: .readOnly).journalEntries()
    }

    func testSoakJournalsItsRulesAgentsLeadsAndEvents() throws {
        let file = try scratchDirectory() + "/soak.sqlite"
        let run = try dialer(["soak", "--store", "sqlite:\(file)", "--agents", "2", "--events", "40", "--leads", "30", "--group", "8"])
        XCTAssertEqual(run.status, 0, run.err)
        let entries = try journal(file)
        XCTAssertEqual(entries.prefix(4).map(\.kind), [.rules, .agentAdded, .agentAdded, .leadsAdded])
        if case .leadsAdded(let leads) = entries[3].input { XCTAssertEqual(leads.count, 30) }
        if case .rules(let path, let sha, let text, let seed, let trigger) = entries[0].input {
            XCTAssertEqual([path, trigger], ["rules/default.lua", "start"])
            XCTAssertEqual(sha, TextDigest.sha256(text))
            XCTAssertEqual(seed, 1)
        }
        XCTAssertEqual(entries.dropFirst(4).filter { $0.kind == .event }.count, 40, "each event the soak sent, once")
        XCTAssertEqual(entries.count, 44, "and nothing else: not the dialing its rules launched")
    }

    func testSimulateWithAStoreJournalsItsLeadsSeedSettingsRulesAndEventsUnlessTold() throws {
        let dir = try scratchDirectory()
        let run = try dialer(["simulate", "--agents", "2", "--hours", "0.2", "--seed", "5", "--store", "sqlite:\(dir)/sim.sqlite"])
        XCTAssertEqual(run.status, 0, run.err)
        let entries = try journal(dir + "/sim.sqlite")
        XCTAssertEqual(entries.prefix(5).map(\.kind), [.leadsAdded, .simulation, .rules, .agentAdded, .agentAdded])
        if case .leadsAdded(let leads) = entries[0].input {
            XCTAssertEqual(leads.count, 120, "the fictional leads it adds (300 per agent-hour), so a replay dials the same numbers")
        }
        if case .simulation(let seed, let settings) = entries[1].input {
            XCTAssertEqual(seed, 5)
            XCTAssertTrue(settings.contains("\"agents\":2"), settings)
        }
        XCTAssertGreaterThan(entries.filter { $0.kind == .event }.count, 10)
        let off = try dialer(["simulate", "--agents", "2", "--hours", "0.2", "--store", "sqlite:\(dir)/off.sqlite", "--journal-days", "0"])
        XCTAssertEqual(off.status, 0, off.err)
        XCTAssertEqual(try journal(dir + "/off.sqlite"), [])
    }
}
