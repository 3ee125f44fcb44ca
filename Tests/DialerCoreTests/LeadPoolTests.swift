import DialerCore
import Foundation
import XCTest

/// Retries, lockouts, callbacks, Do-Not-Call and calling hours on the virtual clock.
final class LeadPoolTests: XCTestCase {
    private func utc(_ text: String) -> Timestamp { ISO8601DateFormatter().date(from: text)!.timeIntervalSince1970 }
    private func lead(_ text: String, priority: Int = 0, zone: String? = nil) -> LeadRecord {
        LeadRecord(phone: try! PhoneNumber(parsing: text), timeZone: zone, priority: priority)
    }

    /// 10:00 in New York on a January weekday.
    private lazy var morning = utc("2026-01-15T15:00:00Z")

    func testALeadIsReservedUntilItsOutcomeAndNeverInTwoDials() {
        let pool = LeadPool()
        pool.add([lead("212-555-0100"), lead("212-555-0101")])
        XCTAssertEqual(pool.nextLead(for: "a1", at: morning), "+12125550100")
        XCTAssertEqual(pool.nextLead(for: "a2", at: morning), "+12125550101", "the first is reserved")
        XCTAssertNil(pool.nextLead(for: "a3", at: morning))
        XCTAssertEqual(pool.exhaustionReason(at: morning), "no lead can be dialed now: 2 in dials now")
        pool.giveBack("+12125550100")
        XCTAssertEqual(pool.nextLead(for: "a3", at: morning), "+12125550100", "given back, not lost")
    }

    func testRetriesWaitTheirDelayAndStopAtTheAttemptCap() {
        let pool = LeadPool(retry: RetryPolicy(maxAttempts: 2, busyDelay: 600))
        pool.add([lead("212-555-0100")])
        let number = pool.nextLead(for: "a1", at: morning)!
        pool.finish(number, outcome: .busy, at: morning)
        XCTAssertNil(pool.nextLead(for: "a1", at: morning + 599))
        XCTAssertEqual(pool.nextLead(for: "a1", at: morning + 600), number)
        pool.finish(number, outcome: .busy, at: morning + 700)
        XCTAssertEqual(pool.lead(try! PhoneNumber(parsing: number))?.done, true, "two attempts: done")
        XCTAssertEqual(pool.exhaustionReason(at: morning + 10_000), "no leads left: all 1 done")
    }

    func testADroppedLeadIsNotRedialedBeforeItsLockoutEnds() {
        let pool = LeadPool()
        pool.add([lead("212-555-0100")])
        let number = pool.nextLead(for: "a1", at: morning)!
        pool.finish(number, outcome: .dropped, at: morning)
        let lockoutEnd = morning + 72 * 3600
        XCTAssertNil(pool.nextLead(for: "a1", at: lockoutEnd - 1))
        XCTAssertTrue(pool.exhaustionReason(at: lockoutEnd - 1).contains("1 locked out after a dropped call"))
        XCTAssertEqual(pool.nextLead(for: "a1", at: lockoutEnd), number)
    }

    func testACancelledDialDoesNotCountAsAnAttempt() {
        let pool = LeadPool(retry: RetryPolicy(maxAttempts: 1))
        pool.add([lead("212-555-0100")])
        let number = pool.nextLead(for: "a1", at: morning)!
        pool.finish(number, outcome: .cancelled, at: morning)
        XCTAssertEqual(pool.lead(try! PhoneNumber(parsing: number))?.attempts, 0)
        XCTAssertEqual(pool.nextLead(for: "a1", at: morning), number)
    }

    func testALeadOnTheDoNotCallListIsNeverDialed() {
        let pool = LeadPool(doNotCall: DoNotCallList(text: "(212) 555-0100\n", name: "dnc"))
        pool.add([lead("212-555-0100"), lead("212-555-0101")])
        XCTAssertEqual(pool.nextLead(for: "a1", at: morning), "+12125550101")
        XCTAssertNil(pool.nextLead(for: "a1", at: morning))
        XCTAssertEqual(pool.exhaustionReason(at: morning), "no lead can be dialed now: 1 on the Do-Not-Call list, 1 in dials now")
    }

    func testALeadOutsideCallingHoursWaitsUntilEightLocal() {
        let pool = LeadPool()
        pool.add([lead("415-555-0100")])  // Pacific
        let early = utc("2026-01-15T15:00:00Z")  // 07:00 in San Francisco
        XCTAssertNil(pool.nextLead(for: "a1", at: early))
        XCTAssertEqual(pool.exhaustionReason(at: early), "no lead can be dialed now: 1 outside calling hours; the next becomes dialable at 2026-01-15 16:00 UTC")
        XCTAssertEqual(pool.nextLead(for: "a1", at: utc("2026-01-15T16:00:00Z")), "+14155550100")
    }

    func testALeadsOwnTimeZoneWinsOverItsAreaCode() {
        let pool = LeadPool()
        pool.add([lead("212-555-0100", zone: "America/Los_Angeles")])  // a New York mobile in California
        XCTAssertNil(pool.nextLead(for: "a1", at: utc("2026-01-15T15:00:00Z")), "07:00 where the lead is")
        XCTAssertNotNil(pool.nextLead(for: "a1", at: utc("2026-01-15T16:00:00Z")))
    }

    func testHigherPriorityIsDialedFirstAndCallbacksWaitForTheirTime() {
        let pool = LeadPool()
        pool.add([lead("212-555-0100"), lead("212-555-0101", priority: 5), lead("212-555-0102")])
        XCTAssertEqual(pool.nextLead(for: "a1", at: morning), "+12125550101")
        pool.scheduleCallback(try! PhoneNumber(parsing: "212-555-0100"), at: morning + 3600)
        XCTAssertEqual(pool.nextLead(for: "a1", at: morning), "+12125550102")
        XCTAssertNil(pool.nextLead(for: "a1", at: morning + 3599))
        XCTAssertEqual(pool.nextLead(for: "a1", at: morning + 3600), "+12125550100")
    }

    func testAnEmptyPoolSaysSo() {
        XCTAssertEqual(LeadPool().exhaustionReason(at: 0), "no leads left: the pool is empty")
    }
}
