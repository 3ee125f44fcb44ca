import DialerCore
import DialerReference
import XCTest

/// The contract every store keeps, run against each kind (in memory, SQLite, PostgreSQL).
final class AgentStoreContractTests: XCTestCase {
    private let a1 = AgentState(agentID: "a1", status: .ready, cdc: 2, latestLeadPhoneNumber: "+12125550100", lastStatus: .off, timestamp: 12.5)

    /// The numbers a store hands out at `time`.
    private func dialable(_ store: any AgentStore, at time: Timestamp = 0, passingOver: [String] = []) throws -> [String] {
        try store.loadDialableLeads(at: time, passingOver: passingOver).map(\.number)
    }

    /// A dial of `number` that ended with `outcome` at `time`.
    private func ended(_ id: Int, _ number: String, _ outcome: DialOutcome, at time: Timestamp) -> Dial {
        var dial = Dial(id: id, agentID: "x", number: number, dialedAt: time - 20)
        if outcome == .dropped || outcome == .completed { dial.answeredAt = time - 10 }
        dial.outcome = outcome
        dial.endedAt = time
        return dial
    }

    func testAFinishedDialsLeadKeepsItsAttemptsOutcomeAndWaitAcrossAReopen() throws {
        try forEachStore { kind in
            let store = try kind.open()
            store.retryPolicy = RetryPolicy(maxAttempts: 3, failedDelay: 100, busyDelay: 50, noAnswerDelay: 100, droppedLockout: 72 * 3600)
            _ = try store.addLeads(["+12125550100", "+12125550101", "+12125550102", "+12125550103"])
            let ids = try store.reserveDialIDs(4)
            var batch = StoreBatch()
            batch.dials = [
                ended(ids.lowerBound, "+12125550100", .busy, at: 1000), ended(ids.lowerBound + 1, "+12125550101", .dropped, at: 1000),
                ended(ids.lowerBound + 2, "+12125550102", .completed, at: 1000), ended(ids.lowerBound + 3, "+12125550103", .cancelled, at: 1000),
            ]
            try store.commit(batch)
            let listed = Dictionary(uniqueKeysWithValues: try kind.open().listLeads().map { ($0.number, $0) })
            XCTAssertEqual(
                listed["+12125550100"],
                StoredLead(number: "+12125550100", state: .available, attempts: 1, lastOutcome: .busy, eligibleAt: 1050, wait: .retry), kind.name)
            XCTAssertEqual(
                listed["+12125550101"],
                StoredLead(
                    number: "+12125550101", state: .available, attempts: 1, lastOutcome: .dropped, eligibleAt: 1000 + 72 * 3600, wait: .lockout),
                kind.name)
            XCTAssertEqual(listed["+12125550102"], StoredLead(number: "+12125550102", state: .done, attempts: 1, lastOutcome: .completed), kind.name)
            XCTAssertEqual(
                listed["+12125550103"], StoredLead(number: "+12125550103", state: .available, attempts: 0, lastOutcome: .cancelled),
                "\(kind.name): a cancelled dial neither counts nor waits")
            XCTAssertEqual(try dialable(kind.open(), at: 1049), ["+12125550103"], "\(kind.name): the busy retry waits 50 s")
            XCTAssertEqual(try dialable(kind.open(), at: 1050), ["+12125550100", "+12125550103"], kind.name)
            XCTAssertEqual(
                try dialable(kind.open(), at: 1000 + 72 * 3600 - 1), ["+12125550100", "+12125550103"], "\(kind.name): the drop is locked out for 72 h"
            )
            XCTAssertEqual(try dialable(kind.open(), at: 1000 + 72 * 3600), ["+12125550100", "+12125550101", "+12125550103"], kind.name)
            XCTAssertEqual(
                try kind.open().summarizeLeads(at: 1049),
                LeadSummary(ready: 1, retrying: 1, lockedOut: 1, nextEligible: 1050, dialing: 0, done: 1), kind.name)
        }
    }

    /// A dial the telephony never placed is recorded as such and is not an attempt, even at the
    /// last allowed one: the lead waits `notPlacedDelay` and is dialable after it.
    func testADialNeverPlacedKeepsItsLeadsAttemptsAndWaitsItsOwnDelay() throws {
        try forEachStore { kind in
            let store = try kind.open()
            store.retryPolicy = RetryPolicy(maxAttempts: 1, notPlacedDelay: 30)
            _ = try store.addLeads(["+12125550100"])
            let id = try store.reserveDialIDs(1).lowerBound
            var batch = StoreBatch()
            batch.dials = [ended(id, "+12125550100", .notPlaced, at: 1000)]
            try store.commit(batch)
            let reopened = try kind.open()
            XCTAssertEqual(try reopened.loadDials().last?.outcome, .notPlaced, kind.name)
            XCTAssertEqual(
                try reopened.listLeads().first,
                StoredLead(number: "+12125550100", state: .available, attempts: 0, lastOutcome: .notPlaced, eligibleAt: 1030, wait: .retry),
                "\(kind.name): not an attempt, though max_attempts is 1")
            XCTAssertEqual(try dialable(reopened, at: 1029), [], kind.name)
            XCTAssertEqual(try dialable(reopened, at: 1030), ["+12125550100"], kind.name)
        }
    }

    /// A read with a limit gives the first leads in dialing order, the numbers passed over left
    /// out before the limit counts.
    func testAReadWithALimitGivesTheFirstDialableLeadsPastThoseLeftOut() throws {
        try forEachStore { kind in
            let store = try kind.open()
            let numbers = (0..<6).map(LeadList.fictionalNumber)
            _ = try store.addLeads(numbers)
            XCTAssertEqual(try store.loadDialableLeads(at: 0, passingOver: [], limit: 2).map(\.number), Array(numbers.prefix(2)), kind.name)
            XCTAssertEqual(
                try store.loadDialableLeads(at: 0, passingOver: [numbers[0], numbers[2]], limit: 3).map(\.number),
                [numbers[1], numbers[3], numbers[4]],
                kind.name)
            XCTAssertEqual(try store.loadDialableLeads(at: 0, passingOver: [], limit: 100).count, 6, kind.name)
        }
    }

    func testTheLastAllowedAttemptFinishesALeadWhateverItsOutcome() throws {
        try forEachStore { kind in
            let store = try kind.open()
            store.retryPolicy = RetryPolicy(maxAttempts: 2, failedDelay: 10)
            _ = try store.addLeads(["+12125550100"])
            let ids = try store.reserveDialIDs(3)
            var placed = Dial(id: ids.lowerBound, agentID: "x", number: "+12125550100", dialedAt: 0)
            var batch = StoreBatch()
            batch.dials = [placed]
            try store.commit(batch)
            XCTAssertEqual(try kind.open().listLeads().first?.state, .dialing, kind.name)
            placed.outcome = .failed
            placed.endedAt = 5
            batch.dials = [placed]
            try store.commit(batch)
            XCTAssertEqual(try kind.open().listLeads().first?.eligibleAt, 15, "\(kind.name): one attempt left: a retry")
            batch.dials = [ended(ids.lowerBound + 1, "+12125550100", .failed, at: 30)]
            try store.commit(batch)
            XCTAssertEqual(
                try kind.open().listLeads().first, StoredLead(number: "+12125550100", state: .done, attempts: 2, lastOutcome: .failed),
                "\(kind.name): out of attempts")
            XCTAssertEqual(try dialable(kind.open(), at: 1_000_000), [], kind.name)
        }
    }

    func testEveryFinishedDialOfALeadInOneBatchCountsAnAttempt() throws {
        // Group commit may finish a lead twice before one commit (a failure, then a retry).
        try forEachStore { kind in
            let store = try kind.open()
            store.retryPolicy = RetryPolicy(maxAttempts: 3, failedDelay: 10)
            _ = try store.addLeads(["+12125550100", "+12125550101"])
            let ids = try store.reserveDialIDs(5)
            var batch = StoreBatch()
            batch.dials = [ended(ids.lowerBound, "+12125550100", .failed, at: 10), ended(ids.lowerBound + 1, "+12125550100", .failed, at: 30)]
            try store.commit(batch)
            XCTAssertEqual(
                try kind.open().listLeads().first { $0.number == "+12125550100" },
                StoredLead(number: "+12125550100", state: .available, attempts: 2, lastOutcome: .failed, eligibleAt: 40, wait: .retry), kind.name)
            batch.dials = [
                ended(ids.lowerBound + 2, "+12125550101", .failed, at: 50), ended(ids.lowerBound + 3, "+12125550101", .failed, at: 70),
                ended(ids.lowerBound + 4, "+12125550100", .failed, at: 70),
            ]
            try store.commit(batch)
            XCTAssertEqual(
                try kind.open().listLeads().first { $0.number == "+12125550100" },
                StoredLead(number: "+12125550100", state: .done, attempts: 3, lastOutcome: .failed), "\(kind.name): the third attempt is the last")
            XCTAssertEqual(try kind.open().listLeads().first { $0.number == "+12125550101" }?.attempts, 2, kind.name)
        }
    }

    func testACallbackMakesALeadDialableAtItsTimeAndNotBeforeEvenIfItWasDone() throws {
        try forEachStore { kind in
            let store = try kind.open()
            _ = try store.addLeads(["+12125550100", "+12125550101"])
            var batch = StoreBatch()
            batch.dials = [ended(try store.reserveDialIDs(1).lowerBound, "+12125550100", .completed, at: 1000)]
            try store.commit(batch)
            let scheduled = try store.scheduleCallback("+12125550100", at: 5000)
            let expected = StoredLead(
                number: "+12125550100", state: .available, attempts: 1, lastOutcome: .completed, eligibleAt: 5000, wait: .callback)
            XCTAssertEqual(scheduled, expected, kind.name)
            XCTAssertEqual(try kind.open().listLeads().first, expected, "\(kind.name): stored")
            XCTAssertEqual(try dialable(kind.open(), at: 4999), ["+12125550101"], "\(kind.name): not before its time")
            XCTAssertEqual(try dialable(kind.open(), at: 5000), ["+12125550100", "+12125550101"], "\(kind.name): at its time")
            XCTAssertEqual(
                try kind.open().summarizeLeads(at: 4999), LeadSummary(ready: 1, retrying: 1, nextEligible: 5000),
                "\(kind.name): waiting for its callback")
        }
    }

    func testACallbackForAnUnknownLeadOrALeadInADialIsRefusedAndChangesNothing() throws {
        try forEachStore { kind in
            let store = try kind.open()
            _ = try store.addLeads(["+12125550100"])
            var batch = StoreBatch()
            batch.dials = [Dial(id: try store.reserveDialIDs(1).lowerBound, agentID: "x", number: "+12125550100", dialedAt: 10)]
            try store.commit(batch)
            let before = try store.listLeads()
            XCTAssertThrowsError(try store.scheduleCallback("+12125550199", at: 100)) { error in
                XCTAssertEqual(error as? CallbackError, .unknownLead(number: "+12125550199"), kind.name)
            }
            XCTAssertThrowsError(try store.scheduleCallback("+12125550100", at: 100)) { error in
                XCTAssertEqual(error as? CallbackError, .inDial(number: "+12125550100"), kind.name)
                XCTAssertEqual("\(error)", "+12125550100 is in a dial now; schedule it once the dial has ended", kind.name)
            }
            XCTAssertEqual(try kind.open().listLeads(), before, "\(kind.name): nothing changed")
        }
    }

    /// The dialing switch is off on a new store and keeps what was last saved across a reopen,
    /// without touching the dial id counter beside it.
    func testTheDialingPausedSwitchOutlivesAReopen() throws {
        try forEachStore { kind in
            let store = try kind.open()
            XCTAssertFalse(try store.loadDialingPaused(), "\(kind.name): a new store is not paused")
            let before = try store.reserveDialIDs(1)
            try store.saveDialingPaused(true)
            XCTAssertTrue(try kind.open().loadDialingPaused(), kind.name)
            try kind.open().saveDialingPaused(false)
            XCTAssertFalse(try kind.open().loadDialingPaused(), kind.name)
            try store.saveDialingPaused(true)
            XCTAssertTrue(try kind.open().loadDialingPaused(), "\(kind.name): saved twice, still paused")
            XCTAssertEqual(try store.reserveDialIDs(1).lowerBound, before.upperBound, "\(kind.name): dial ids go on")
        }
    }

    /// Answered (connected, completed, dropped) and dropped dials placed since a time, counted
    /// across a reopen; dials before it, unanswered ones and a ringing one do not count.
    func testCallCountsSinceATimeCountAnsweredAndDroppedDialsPlacedSinceThen() throws {
        try forEachStore { kind in
            let store = try kind.open()
            XCTAssertEqual(try store.callCounts(since: 0), CallCounts(answered: 0, drops: 0), "\(kind.name): an empty store")
            let numbers = (0..<8).map { "+1212555\(String(format: "%04d", 200 + $0))" }
            _ = try store.addLeads(numbers)
            let ids = Array(try store.reserveDialIDs(8))
            var connected = Dial(id: ids[6], agentID: "x", number: numbers[6], dialedAt: 1990)
            connected.answeredAt = 1995
            connected.outcome = .connected
            var batch = StoreBatch()
            batch.dials = [
                ended(ids[0], numbers[0], .dropped, at: 1000),  // placed at 980: before the window
                ended(ids[1], numbers[1], .completed, at: 1000),  // before the window
                ended(ids[2], numbers[2], .dropped, at: 2020),  // placed at 2000: the window's first second counts
                ended(ids[3], numbers[3], .completed, at: 2100),
                ended(ids[4], numbers[4], .busy, at: 2100),
                ended(ids[5], numbers[5], .noAnswer, at: 2100),
                connected,  // placed at 1990: before the window
                Dial(id: ids[7], agentID: "x", number: numbers[7], dialedAt: 2050),  // ringing: not answered
            ]
            try store.commit(batch)
            XCTAssertEqual(try kind.open().callCounts(since: 2000), CallCounts(answered: 2, drops: 1), kind.name)
            XCTAssertEqual(try kind.open().callCounts(since: 0), CallCounts(answered: 5, drops: 2), "\(kind.name): the connected call counts")
            XCTAssertEqual(try store.callCounts(since: 3000), CallCounts(answered: 0, drops: 0), kind.name)
            XCTAssertEqual(try store.callCounts(since: 2000).abandonRate, 0.5, kind.name)
        }
    }

    func testLeadsPassedOverAreNotHandedOut() throws {
        try forEachStore { kind in
            let store = try kind.open()
            _ = try store.addLeads(["+12125550100", "+12125550101", "+12125550102"])
            XCTAssertEqual(try dialable(store, passingOver: ["+12125550101"]), ["+12125550100", "+12125550102"], kind.name)
        }
    }

    func testCommittedAgentsAreThereAfterReopening() throws {
        try forEachStore { kind in
            let store = try kind.open()
            var batch = StoreBatch()
            batch.states = [a1, AgentState(agentID: "a2")]
            try store.commit(batch)
            XCTAssertEqual(try kind.open().loadAgents(), [a1, AgentState(agentID: "a2")], kind.name)
            var removal = StoreBatch()
            removal.removedAgents = ["a2"]
            try store.commit(removal)
            XCTAssertEqual(try kind.open().loadAgents().map(\.agentID), ["a1"], kind.name)
        }
    }

    func testDialsRoundTripAndOpenOnesAreFound() throws {
        try forEachStore { kind in
            let store = try kind.open()
            var agent = StoreBatch()
            agent.states = [a1]
            try store.commit(agent)
            let ids = try store.reserveDialIDs(3)
            var ringing = Dial(id: ids.lowerBound, agentID: "a1", number: "+12125550100", dialedAt: 1)
            var connected = Dial(id: ids.lowerBound + 1, agentID: "a1", number: "+12125550101", dialedAt: 1)
            connected.answeredAt = 4
            connected.outcome = .connected
            var done = Dial(id: ids.lowerBound + 2, agentID: "a1", number: "+12125550102", dialedAt: 1)
            done.outcome = .busy
            done.endedAt = 3
            var batch = StoreBatch()
            batch.dials = [ringing, connected, done]
            try store.commit(batch)
            // As an engine does at start: its agents first, then their open dials.
            let reopened = try kind.open()
            _ = try reopened.loadAgents()
            XCTAssertEqual(try reopened.loadOpenDials(), [ringing, connected], kind.name)
            XCTAssertEqual(try reopened.loadDials(), [ringing, connected, done], kind.name)
            ringing.outcome = .noAnswer
            ringing.endedAt = 16
            batch.dials = [ringing]
            try store.commit(batch)
            let again = try kind.open()
            _ = try again.loadAgents()
            XCTAssertEqual(try again.loadOpenDials(), [connected], kind.name)
        }
    }

    func testLeadsFollowTheirDials() throws {
        try forEachStore { kind in
            let store = try kind.open()
            XCTAssertEqual(try store.addLeads(["+1a", "+1b", "+1c", "+1a"]), 3, kind.name)
            XCTAssertEqual(try store.addLeads(["+1b", "+1d"]), 1, kind.name)
            let ids = try store.reserveDialIDs(2)
            var a = Dial(id: ids.lowerBound, agentID: "x", number: "+1a", dialedAt: 0)
            var b = Dial(id: ids.lowerBound + 1, agentID: "x", number: "+1b", dialedAt: 0)
            var batch = StoreBatch()
            batch.dials = [a, b]
            try store.commit(batch)
            XCTAssertEqual(try dialable(kind.open()), ["+1c", "+1d"], "dialing leads are not dialable: \(kind.name)")
            a.outcome = .completed
            b.outcome = .cancelled
            batch.dials = [a, b]
            try store.commit(batch)
            XCTAssertEqual(try dialable(kind.open()), ["+1b", "+1c", "+1d"], "a cancelled dial gives its lead back: \(kind.name)")
        }
    }

    func testLeadsWithDetailsAreDialedByPriorityThenInOrder() throws {
        try forEachStore { kind in
            let store = try kind.open()
            func lead(_ text: String, _ priority: Int, name: String? = nil) -> LeadRecord {
                LeadRecord(phone: try! PhoneNumber(parsing: text), id: "id-\(text.suffix(4))", name: name, priority: priority)
            }
            XCTAssertEqual(
                try store.addLeadRecords([lead("212-555-0100", 0), lead("212-555-0101", 7, name: "Ann"), lead("212-555-0102", 0)]), 3, kind.name)
            XCTAssertEqual(try store.addLeadRecords([lead("212-555-0101", 1)]), 0, "\(kind.name): a known number is left as it is")
            XCTAssertEqual(try dialable(kind.open()), ["+12125550101", "+12125550100", "+12125550102"], kind.name)
            let listed = try kind.open().listLeads()
            XCTAssertEqual(
                listed.first, StoredLead(number: "+12125550101", state: .available, priority: 7, leadID: "id-0101", name: "Ann"), kind.name)
            XCTAssertEqual(listed.map(\.number), ["+12125550101", "+12125550100", "+12125550102"], kind.name)
        }
    }

    func testReservedDialIDsNeverOverlap() throws {
        try forEachStore { kind in
            let first = try kind.open().reserveDialIDs(10)
            let second = try kind.open().reserveDialIDs(10)
            XCTAssertEqual(first.count, 10)
            XCTAssertFalse(first.overlaps(second), "\(kind.name): \(first) and \(second)")
        }
    }

    func testABatchIsAllOrNothing() throws {
        try forEachStore { kind in
            let store = try kind.open()
            var batch = StoreBatch()
            batch.states = [a1]
            try store.commit(batch)
            guard kind.shared else { return }  // only a database enforces its constraints
            var bad = StoreBatch()
            bad.states = [AgentState(agentID: "a1", status: .off), AgentState(agentID: "a9", cdc: -1)]
            XCTAssertThrowsError(try store.commit(bad), kind.name)
            XCTAssertEqual(try kind.open().loadAgents(), [a1], "\(kind.name): nothing of a failed batch is stored")
        }
    }

    func testTwoWritersNeverLoseAnUpdate() throws {
        try forEachStore { kind in
            guard kind.shared else { return }
            let seed = try kind.open()
            var batch = StoreBatch()
            batch.states = [a1]
            try seed.commit(batch)
            let nodeA = try kind.open()
            let nodeB = try kind.open()
            _ = try nodeA.loadAgents()
            _ = try nodeB.loadAgents()
            var fromA = StoreBatch()
            fromA.states = [AgentState(agentID: "a1", status: .inCall, cdc: 2)]
            try nodeA.commit(fromA)
            var fromB = StoreBatch()
            fromB.states = [AgentState(agentID: "a1", status: .off)]
            XCTAssertThrowsError(try nodeB.commit(fromB), kind.name) { error in
                XCTAssertEqual(error as? StoreError, .conflict(store: nodeB.location, agentID: "a1"))
            }
            XCTAssertEqual(try kind.open().loadAgents().first?.status, .inCall, "\(kind.name): A's update is kept")
        }
    }

    func testAnEngineRestartsWhereItLeftOff() throws {
        try forEachStore { kind in
            let store = try kind.open()
            _ = try store.addLeads((0..<10).map(LeadList.fictionalNumber))
            let engine = try DialerEngine(
                rules: SeedMatrixRules(), store: store, leads: StoredLeadPool(store: store), telephony: RecordingTelephony(), clock: VirtualClock())
            try engine.addAgent(AgentState(agentID: "a1"))
            engine.handle(AgentEvent(agentID: "a1", kind: .login))
            engine.handle(AgentEvent(agentID: "a1", kind: .callStart, number: LeadList.fictionalNumber(1)))
            let reopened = try kind.open()
            let restarted = try DialerEngine(
                rules: SeedMatrixRules(), store: reopened, leads: StoredLeadPool(store: reopened), telephony: RecordingTelephony(),
                clock: VirtualClock())
            XCTAssertEqual(restarted.state(of: "a1"), engine.state(of: "a1"), kind.name)
            XCTAssertEqual(restarted.liveCall(of: "a1")?.number, LeadList.fictionalNumber(1), kind.name)
            XCTAssertEqual(restarted.ringingDials(of: "a1").map(\.number), [LeadList.fictionalNumber(0)], kind.name)
            if kind.shared {
                XCTAssertEqual(try dialable(reopened), (2..<10).map(LeadList.fictionalNumber), kind.name)
            }
        }
    }
}
