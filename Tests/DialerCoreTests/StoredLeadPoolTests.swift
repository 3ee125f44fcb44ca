import DialerCore
import Foundation
import XCTest

/// Dialing from the store: reservations, Do-Not-Call and calling hours when a lead is handed
/// out, the store's standing for retries, lockouts and callbacks, facts for rules, and why
/// nothing can be dialed.
final class StoredLeadPoolTests: XCTestCase {
    private func utc(_ text: String) -> Timestamp { ISO8601DateFormatter().date(from: text)!.timeIntervalSince1970 }
    /// 10:00 in New York on a January weekday.
    private lazy var morning = utc("2026-01-15T15:00:00Z")

    private func store(_ leads: [LeadRecord]) throws -> InMemoryAgentStore {
        let store = InMemoryAgentStore()
        _ = try store.addLeadRecords(leads)
        return store
    }

    private func lead(_ text: String, zone: String? = nil, priority: Int = 0) -> LeadRecord {
        LeadRecord(phone: try! PhoneNumber(parsing: text), timeZone: zone, priority: priority)
    }

    /// Commits a dial of `number` that ended with `outcome` at `time`, then tells the pool, as the engine does.
    private func finish(_ pool: StoredLeadPool, _ number: String, _ outcome: DialOutcome, at time: Timestamp) throws {
        var dial = Dial(id: Int(time), agentID: "a1", number: number, dialedAt: time - 10)
        dial.outcome = outcome
        dial.endedAt = time
        var batch = StoreBatch()
        batch.dials = [dial]
        try pool.store.commit(batch)
        pool.finish(number, outcome: outcome, at: time)
    }

    func testALeadIsReservedUntilItsOutcomeAndNeverInTwoDials() throws {
        let pool = StoredLeadPool(store: try store([lead("212-555-0100"), lead("212-555-0101")]))
        XCTAssertEqual(pool.nextLead(for: "a1", at: morning), "+12125550100")
        XCTAssertEqual(pool.nextLead(for: "a2", at: morning), "+12125550101", "the first is reserved")
        XCTAssertNil(pool.nextLead(for: "a3", at: morning))
        XCTAssertEqual(pool.exhaustionReason(at: morning), "no lead can be dialed now: 2 in dials now")
        pool.giveBack("+12125550100")
        XCTAssertEqual(pool.nextLead(for: "a3", at: morning), "+12125550100", "given back, not lost")
    }

    func testACancelledDialDoesNotCountAsAnAttempt() throws {
        let pool = StoredLeadPool(store: try store([lead("212-555-0100")]), settings: LeadSettings(retry: RetryPolicy(maxAttempts: 1)))
        let number = try XCTUnwrap(pool.nextLead(for: "a1", at: morning))
        try finish(pool, number, .cancelled, at: morning)
        XCTAssertEqual(try pool.store.listLeads().first?.attempts, 0)
        XCTAssertEqual(pool.nextLead(for: "a1", at: morning), number, "dialable again at once")
    }

    /// A cancelled lead comes back where a fresh read of the store would put it (the pool puts
    /// it back itself rather than reading every lead again), with its facts as the store has them.
    func testACancelledLeadComesBackInTheStoresOrderWithItsFacts() throws {
        let leads = [lead("212-555-0100", priority: 5), lead("212-555-0101"), lead("212-555-0102", priority: 5), lead("212-555-0103")]
        let pool = StoredLeadPool(store: try store(leads))
        let first = try XCTUnwrap(pool.nextLead(for: "a1", at: morning))
        let second = try XCTUnwrap(pool.nextLead(for: "a1", at: morning))
        let third = try XCTUnwrap(pool.nextLead(for: "a1", at: morning))
        XCTAssertEqual([first, second, third], ["+12125550100", "+12125550102", "+12125550101"])
        try finish(pool, third, .cancelled, at: morning)
        try finish(pool, first, .cancelled, at: morning)
        let fresh = StoredLeadPool(store: pool.store)
        var handed: [String] = []
        var expected: [String] = []
        while let number = pool.nextLead(for: "a2", at: morning) { handed.append(number) }
        while let number = fresh.nextLead(for: "a2", at: morning) { expected.append(number) }
        // (The test commits no placed dial, so the store still holds `second` as available.)
        XCTAssertEqual(handed, expected.filter { $0 != second }, "the order a fresh read gives")
        XCTAssertEqual(handed, ["+12125550100", "+12125550101", "+12125550103"])
        XCTAssertEqual(pool.facts(of: "+12125550100")?.lastOutcome, .cancelled)
        XCTAssertEqual(pool.facts(of: "+12125550100")?.attempts, 0)
    }

    func testADroppedLeadIsNotRedialedBeforeItsLockoutEnds() throws {
        let pool = StoredLeadPool(store: try store([lead("212-555-0100")]))
        let number = try XCTUnwrap(pool.nextLead(for: "a1", at: morning))
        try finish(pool, number, .dropped, at: morning)
        let lockoutEnd = morning + 72 * 3600
        XCTAssertNil(pool.nextLead(for: "a1", at: lockoutEnd - 1))
        XCTAssertTrue(
            pool.exhaustionReason(at: lockoutEnd - 1).contains("1 locked out after a dropped call"), pool.exhaustionReason(at: lockoutEnd - 1))
        XCTAssertEqual(pool.nextLead(for: "a1", at: lockoutEnd), number)
    }

    func testHigherPriorityIsDialedFirstAndACallbackWaitsForItsTime() throws {
        let pool = StoredLeadPool(store: try store([lead("212-555-0100"), lead("212-555-0101", priority: 5), lead("212-555-0102")]))
        XCTAssertEqual(pool.nextLead(for: "a1", at: morning), "+12125550101")
        try pool.scheduleCallback("+12125550100", at: morning + 3600)
        XCTAssertEqual(pool.nextLead(for: "a1", at: morning), "+12125550102", "the lead in hand is not dialed before its callback")
        XCTAssertNil(pool.nextLead(for: "a1", at: morning + 3599))
        XCTAssertEqual(
            pool.exhaustionReason(at: morning + 3599),
            "no lead can be dialed now: 1 waiting for a retry or callback, 2 in dials now; the next becomes dialable at 2026-01-15 16:00 UTC")
        XCTAssertEqual(pool.nextLead(for: "a1", at: morning + 3600), "+12125550100")
    }

    func testACallbackIsDialedAtItsTimeWhileOtherLeadsAreInHand() throws {
        let pool = StoredLeadPool(store: try store([lead("212-555-0100"), lead("212-555-0101"), lead("212-555-0102")]))
        let first = try XCTUnwrap(pool.nextLead(for: "a1", at: morning))
        try finish(pool, first, .completed, at: morning + 60)
        try pool.scheduleCallback(first, at: morning + 600)
        XCTAssertEqual(pool.nextLead(for: "a1", at: morning + 599), "+12125550101")
        XCTAssertEqual(pool.nextLead(for: "a1", at: morning + 600), first, "due: before the leads in hand that follow it")
        XCTAssertEqual(pool.nextLead(for: "a1", at: morning + 601), "+12125550102")
    }

    func testACallbackForALeadInADialIsRefused() throws {
        let pool = StoredLeadPool(store: try store([lead("212-555-0100")]))
        let number = try XCTUnwrap(pool.nextLead(for: "a1", at: morning))
        var batch = StoreBatch()
        batch.dials = [Dial(id: 1, agentID: "a1", number: number, dialedAt: morning)]
        try pool.store.commit(batch)
        XCTAssertThrowsError(try pool.scheduleCallback(number, at: morning + 60)) { error in
            XCTAssertEqual(error as? CallbackError, .inDial(number: number))
        }
    }

    func testALeadOnTheDoNotCallListIsNeverHandedOut() throws {
        let settings = LeadSettings(doNotCall: DoNotCallList([try PhoneNumber(parsing: "212-555-0100")]))
        let pool = StoredLeadPool(store: try store([lead("212-555-0100"), lead("212-555-0101")]), settings: settings)
        XCTAssertEqual(pool.nextLead(for: "a1", at: morning), "+12125550101")
        XCTAssertNil(pool.nextLead(for: "a1", at: morning + 86_400))
        XCTAssertEqual(pool.exhaustionReason(at: morning + 86_400), "no lead can be dialed now: 1 on the Do-Not-Call list, 1 in dials now")
    }

    /// The pool holds one chunk of the store's leads at a time: when a chunk is used up, or
    /// every lead in it is passed over, the next is read at once, not after the refill interval.
    func testLeadsAreReadAChunkAtATimeAndAChunkPassedOverWholeIsFollowedByTheNext() throws {
        let blockedNumbers = ["212-555-0100", "212-555-0101", "212-555-0102"]
        let settings = LeadSettings(doNotCall: DoNotCallList(try blockedNumbers.map { try PhoneNumber(parsing: $0) }))
        let all = (0..<8).map { lead("212-555-01\(String(format: "%02d", $0))") }
        let pool = StoredLeadPool(store: try store(all), settings: settings)
        pool.readChunk = 2
        var handed: [String] = []
        while let number = pool.nextLead(for: "a1", at: morning) { handed.append(number) }
        XCTAssertEqual(handed, (3..<8).map { "+121255501\(String(format: "%02d", $0))" }, "past a whole chunk on the list, every other lead")
        XCTAssertLessThanOrEqual(pool.waiting, 2, "at most a chunk in hand")
        XCTAssertEqual(pool.exhaustionReason(at: morning), "no lead can be dialed now: 3 on the Do-Not-Call list, 5 in dials now")
    }

    func testALeadOutsideItsCallingHoursWaitsUntilTheyOpenInItsOwnZone() throws {
        // 07:30 in New York; the lead's own zone (Los Angeles) opens three hours later still.
        let early = utc("2026-01-15T12:30:00Z")
        let pool = StoredLeadPool(store: try store([lead("212-555-0100", zone: "America/Los_Angeles")]))
        XCTAssertNil(pool.nextLead(for: "a1", at: early))
        XCTAssertEqual(
            pool.exhaustionReason(at: early), "no lead can be dialed now: 1 outside calling hours; the next becomes dialable at 2026-01-15 16:00 UTC")
        XCTAssertNil(pool.nextLead(for: "a1", at: utc("2026-01-15T15:59:59Z")))
        XCTAssertEqual(pool.nextLead(for: "a1", at: utc("2026-01-15T16:00:00Z")), "+12125550100")
    }

    func testARetryWaitsTheRuleFilesDelayAndTheLastAttemptFinishesTheLead() throws {
        let settings = LeadSettings(retry: RetryPolicy(maxAttempts: 2, busyDelay: 600))
        let pool = StoredLeadPool(store: try store([lead("212-555-0100")]), settings: settings)
        let number = try XCTUnwrap(pool.nextLead(for: "a1", at: morning))
        try finish(pool, number, .busy, at: morning)
        XCTAssertNil(pool.nextLead(for: "a1", at: morning + 599))
        XCTAssertEqual(
            pool.exhaustionReason(at: morning + 599),
            "no lead can be dialed now: 1 waiting for a retry or callback; the next becomes dialable at 2026-01-15 15:10 UTC")
        XCTAssertEqual(pool.nextLead(for: "a1", at: morning + 600), number, "the pool looks again when the wait ends")
        try finish(pool, number, .busy, at: morning + 700)
        XCTAssertNil(pool.nextLead(for: "a1", at: morning + 100_000))
        XCTAssertEqual(pool.exhaustionReason(at: morning + 100_000), "no leads left: all 1 done")
    }

    func testRulesSeeTheAttemptsLastOutcomeAndZoneOfALeadInADial() throws {
        let pool = StoredLeadPool(
            store: try store([lead("212-555-0100"), lead("312-555-0100", zone: "America/Denver")]), settings: LeadSettings(hours: nil))
        let first = try XCTUnwrap(pool.nextLead(for: "a1", at: morning))
        try finish(pool, first, .noAnswer, at: morning)
        let second = try XCTUnwrap(pool.nextLead(for: "a1", at: morning))
        XCTAssertEqual(pool.facts(of: second), LeadFacts(attempts: 0, lastOutcome: nil, timeZone: "America/Denver"), "its own zone wins")
        XCTAssertEqual(pool.nextLead(for: "a1", at: morning + 1800), first)
        XCTAssertEqual(pool.facts(of: first), LeadFacts(attempts: 1, lastOutcome: .noAnswer, timeZone: "America/New_York"), "from its area code")
        XCTAssertNil(pool.facts(of: "+19995550100"), "not a lead of this pool")
    }

    func testLeadsAddedLaterAreFoundWhenThePoolIsToldOrItsRefillIntervalPasses() throws {
        let pool = StoredLeadPool(store: InMemoryAgentStore())
        XCTAssertNil(pool.nextLead(for: "a1", at: morning))
        XCTAssertEqual(pool.exhaustionReason(at: morning), "no leads left: the pool is empty")
        _ = try pool.store.addLeads(["+12125550100", "+12125550101"])
        XCTAssertNil(pool.nextLead(for: "a1", at: morning + 1), "the pool does not read the store on every dial")
        pool.lookAgain()
        XCTAssertEqual(pool.nextLead(for: "a1", at: morning + 1), "+12125550100")
        _ = try pool.store.addLeads(["+12125550102"])
        XCTAssertEqual(pool.nextLead(for: "a1", at: morning + 2), "+12125550101", "still in hand")
        XCTAssertEqual(pool.nextLead(for: "a1", at: morning + 3), "+12125550102", "the chunk in hand ran out: the next read finds it")
        XCTAssertNil(pool.nextLead(for: "a1", at: morning + 4), "that read found nothing more")
        _ = try pool.store.addLeads(["+12125550103"])
        XCTAssertNil(pool.nextLead(for: "a1", at: morning + 5), "and the pool does not read the store on every dial")
        XCTAssertEqual(pool.nextLead(for: "a1", at: morning + 4 + pool.refillInterval), "+12125550103")
    }

    func testALeadWhoseWaitEndsIsDialedInItsPlaceWhileFreshLeadsAreInHand() throws {
        let settings = LeadSettings(retry: RetryPolicy(maxAttempts: 3, busyDelay: 600), hours: nil)
        let pool = StoredLeadPool(store: try store((0..<5).map { lead("212-555-010\($0)") }), settings: settings)
        let first = try XCTUnwrap(pool.nextLead(for: "a1", at: morning))
        try finish(pool, first, .busy, at: morning + 10)
        XCTAssertEqual(pool.nextLead(for: "a1", at: morning + 20), "+12125550101")
        XCTAssertEqual(pool.nextLead(for: "a1", at: morning + 609), "+12125550102", "the busy lead still waits")
        XCTAssertEqual(
            pool.nextLead(for: "a1", at: morning + 610), first, "back first in dialing order when its wait ends, ahead of the fresh leads in hand")
        XCTAssertEqual(pool.facts(of: first), LeadFacts(attempts: 1, lastOutcome: .busy, timeZone: "America/New_York"), "with its standing")
        XCTAssertEqual(pool.nextLead(for: "a1", at: morning + 611), "+12125550103")
    }

    func testAFreshPoolLearnsTheWaitsAnEarlierRunLeftInTheStore() throws {
        let settings = LeadSettings(retry: RetryPolicy(maxAttempts: 3, busyDelay: 600), hours: nil)
        let store = try store((0..<4).map { lead("212-555-010\($0)") })
        let earlier = StoredLeadPool(store: store, settings: settings)
        let first = try XCTUnwrap(earlier.nextLead(for: "a1", at: morning))
        try finish(earlier, first, .busy, at: morning)
        let pool = StoredLeadPool(store: store, settings: settings)  // a restart
        XCTAssertEqual(pool.nextLead(for: "a1", at: morning + 1), "+12125550101")
        XCTAssertEqual(pool.nextLead(for: "a1", at: morning + 600), first, "its wait, read from the store at the first read, ends")
    }

    func testALeadOutsideItsHoursComesBackInItsPlaceWhenTheyOpen() throws {
        let pool = StoredLeadPool(
            store: try store([lead("212-555-0100"), lead("212-555-0101", zone: "America/Denver"), lead("212-555-0102"), lead("212-555-0103")]))
        let open = utc("2026-01-15T13:00:00Z")  // 08:00 in New York, 06:00 in Denver
        XCTAssertEqual(pool.nextLead(for: "a1", at: open), "+12125550100")
        XCTAssertEqual(pool.nextLead(for: "a1", at: open + 1), "+12125550102", "Denver is closed: passed over")
        XCTAssertEqual(pool.nextLead(for: "a1", at: utc("2026-01-15T15:00:00Z")), "+12125550101", "08:00 in Denver: back in its place")
        XCTAssertEqual(pool.nextLead(for: "a1", at: utc("2026-01-15T15:00:01Z")), "+12125550103")
    }
}
