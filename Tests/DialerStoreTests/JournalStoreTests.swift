import DialerCore
import DialerReference
import Foundation
import GRDB
import XCTest

@testable import DialerPostgres
@testable import DialerSQLite

/// The event journal every store keeps (`JournalEntry`): entries read back in order with what
/// was appended, by sequence or by time; appended only with their transaction; pruned by age.
final class JournalStoreTests: XCTestCase {
    /// One entry of each kind, in the order they are appended.
    private let inputs: [JournalEntry] = [
        JournalEntry(time: 100, input: .rules(file: "rules/power.lua", text: "DIAL_RATIO = 1\n", seed: 7, trigger: "start")),
        JournalEntry(time: 101, input: .agentAdded(agentID: "a1")),
        JournalEntry(time: 102, input: .event(agentID: "a1", kind: .login, number: nil, reason: nil)),
        JournalEntry(time: 103, input: .event(agentID: "a1", kind: .callFail, number: "+12125550100", reason: .noAnswer)),
        JournalEntry(time: 104, input: .simulation(seed: 3, settings: "{\"agents\":2}")),
        JournalEntry(time: 105, input: .dialingPaused(true)),
        JournalEntry(time: 106, input: .agentRemoved(agentID: "a1")),
    ]

    func testEntriesReadBackInOrderWithEveryFieldByRangeOfSequenceOrTime() throws {
        try forEachStore { kind in
            let store = try kind.open()
            try store.commit(StoreBatch(journal: Array(inputs[0..<4])))
            _ = try store.addLeads(["+12125550100"], journal: JournalEntry(time: 110, input: .leadsAdded(numbers: ["+12125550100"])))
            _ = try store.scheduleCallback(
                "+12125550100", at: 900, journal: JournalEntry(time: 111, input: .callback(number: "+12125550100", at: 900)))
            try store.commit(StoreBatch(journal: Array(inputs[4...])))
            let all = try kind.open().journalEntries()
            let expected =
                Array(inputs[0..<4]) + [
                    JournalEntry(time: 110, input: .leadsAdded(numbers: ["+12125550100"])),
                    JournalEntry(time: 111, input: .callback(number: "+12125550100", at: 900)),
                ] + Array(inputs[4...])
            XCTAssertEqual(all.map(\.input), expected.map(\.input), kind.name)
            XCTAssertEqual(all.map(\.time), expected.map(\.time), kind.name)
            XCTAssertEqual(all.map(\.sequence), all.map(\.sequence).sorted(), "\(kind.name): in sequence order")
            XCTAssertEqual(Set(all.map(\.sequence)).count, all.count, "\(kind.name): one sequence number each")
            XCTAssertEqual(all.first?.kind, .rules, kind.name)
            if case .rules(_, let sha, _, _, _) = all[0].input {
                XCTAssertEqual(sha, TextDigest.sha256("DIAL_RATIO = 1\n"), kind.name)
            }
            let third = all[2].sequence
            XCTAssertEqual(
                try store.journalEntries(from: .sequence(third), to: .sequence(third + 2), limit: .max).map(\.time), [102, 103],
                "\(kind.name): from a sequence number (included) to another (excluded)")
            XCTAssertEqual(
                try store.journalEntries(from: .time(104), to: .time(111), limit: .max).map(\.time), [110, 104, 105, 106],
                "\(kind.name): by time, in sequence order (the leads were appended before the entries of 104 to 106)")
            XCTAssertEqual(try store.journalEntries(from: .start, to: .end, limit: 2).map(\.time), [100, 101], "\(kind.name): the first `limit`")
        }
    }

    func testPruningRemovesOnlyEntriesOlderThanTheRetentionAndKeepsTheNewest() throws {
        let retention = JournalRetention(days: 7)
        let now: Timestamp = 30 * 86_400
        let cutoff = retention.cutoff(at: now)
        XCTAssertEqual(cutoff, 23 * 86_400)
        try forEachStore { kind in
            let store = try kind.open()
            let times = [cutoff - 3600, cutoff - 1, cutoff, cutoff + 1, now]
            try store.commit(StoreBatch(journal: times.map { JournalEntry(time: $0, input: .agentAdded(agentID: "a\($0)")) }))
            XCTAssertEqual(try store.pruneJournal(before: cutoff), 2, kind.name)
            XCTAssertEqual(try kind.open().journalEntries().map(\.time), [cutoff, cutoff + 1, now], "\(kind.name): kept from the cutoff on")
            XCTAssertEqual(try store.pruneJournal(before: cutoff), 0, "\(kind.name): nothing more to prune")
            try store.commit(StoreBatch(journal: [JournalEntry(time: now + 1, input: .dialingPaused(false))]))
            let last = try store.journalEntries().map(\.sequence)
            XCTAssertEqual(last.count, 4, kind.name)
            XCTAssertGreaterThan(last[3], last[2], "\(kind.name): numbers keep increasing after a pruning")
            XCTAssertEqual(try store.pruneJournal(before: now + 100), 3, kind.name)
            XCTAssertEqual(try store.journalEntries().map(\.sequence), [last[3]], "\(kind.name): the newest entry is always kept")
            try store.commit(StoreBatch(journal: [JournalEntry(time: now + 200, input: .dialingPaused(true))]))
            XCTAssertGreaterThan(try store.journalEntries().map(\.sequence).last ?? 0, last[3], "\(kind.name): so no number is handed out twice")
        }
    }

    func testPruningASQLiteJournalFindsItsCutoffAmongManyEntriesAndNeverPrunesEarly() throws {
        let store = try SQLiteAgentStore(path: temporaryDirectory().appendingPathComponent("journal.sqlite").path)
        // 1,000 entries a second apart, then the clock set back: one entry at 10 after 999.
        var times = (0..<1_000).map { Timestamp($0) }
        times.append(10)
        times.append(2_000)
        try store.commit(StoreBatch(journal: times.map { JournalEntry(time: $0, input: .agentAdded(agentID: "a")) }))
        XCTAssertEqual(try store.pruneJournal(before: 637), 637)
        XCTAssertEqual(try store.journalEntries().map(\.time), Array(times[637...]), "the entry at 10 waits: it follows later entries")
        XCTAssertEqual(try store.pruneJournal(before: 1_500), 364)
        XCTAssertEqual(try store.journalEntries().map(\.time), [2_000])
    }

    func testACommitThatFailsLeavesNoJournalEntry() throws {
        try forEachStore { kind in
            guard kind.shared else { return }  // the memory store's commits cannot fail
            let first = try kind.open()
            let second = try kind.open()
            try first.commit(StoreBatch(journal: [JournalEntry(time: 1, input: .agentAdded(agentID: "a1"))]))
            var batch = StoreBatch()
            batch.states = [AgentState(agentID: "a1")]
            try first.commit(batch)
            // `second` never read a1: inserting it again conflicts, and the whole batch goes back.
            batch.journal = [JournalEntry(time: 2, input: .agentAdded(agentID: "a1"))]
            XCTAssertThrowsError(try second.commit(batch), "\(kind.name): a1 exists")
            XCTAssertEqual(try kind.open().journalEntries().map(\.time), [1], "\(kind.name): the failed commit's entry went back with it")
        }
    }

    func testARefusedCallbackOrAnEmptyLeadListJournalsNothingMoreThanAsked() throws {
        try forEachStore { kind in
            let store = try kind.open()
            let entry = JournalEntry(time: 5, input: .callback(number: "+12125550199", at: 900))
            XCTAssertThrowsError(try store.scheduleCallback("+12125550199", at: 900, journal: entry), "\(kind.name): no such lead")
            _ = try store.addLeads(["+12125550100"])
            XCTAssertEqual(try kind.open().journalEntries(), [], "\(kind.name): a refused callback and an unjournaled add leave nothing")
        }
    }

    func testASQLiteFileOfSchemaV5GetsAnEmptyJournal() throws {
        let file = temporaryDirectory().appendingPathComponent("v5.sqlite").path
        let queue = try DatabaseQueue(path: file)
        try queue.writeWithoutTransaction { db in
            try SQLiteSchema.migrate(db, upTo: "v5: dials never placed (outcome = 'not_placed')", store: "v5")
        }
        try queue.write { db in try db.execute(sql: "INSERT INTO agents (agent_id, status, cdc) VALUES ('a1', 'off', 0)") }
        try queue.close()
        let store = try SQLiteAgentStore(path: file)
        XCTAssertEqual(try store.loadAgents().map(\.agentID), ["a1"])
        XCTAssertEqual(try store.journalEntries(), [])
        try store.commit(StoreBatch(journal: [JournalEntry(time: 1, input: .agentRemoved(agentID: "a1"))]))
        XCTAssertEqual(try store.journalEntries().map(\.kind), [.agentRemoved])
    }

    func testAPostgresDatabaseOfSchemaV6GetsAnEmptyJournal() throws {
        let url = try freshPostgresURL()
        let old = try PostgresAgentStore(url: url, nodeID: "n1")
        try old.execute("DROP TABLE journal")
        try old.execute("DELETE FROM dialer_schema WHERE version = 7")
        let store = try PostgresAgentStore(url: url, nodeID: "n1")
        XCTAssertEqual(try store.journalEntries(), [])
        try store.commit(StoreBatch(journal: [JournalEntry(time: 1, input: .agentAdded(agentID: "a1"))]))
        XCTAssertEqual(try store.journalEntries().map(\.kind), [.agentAdded])
    }
}
