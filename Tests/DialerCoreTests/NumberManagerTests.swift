import DialerCore
import XCTest

/// Seed 003's number manager: de-duplication with expiry, cache warm-up, listeners.
final class NumberManagerTests: XCTestCase {
    func testADuplicateInsideTheWindowIsSkippedAndTheNextNumberIsHandedOut() {
        let numbers = NumberManager(window: 3600)
        let leads = DeduplicatedLeads(LeadList(["+12125550100", "+12125550100", "+12125550101"]), numbers: numbers)
        XCTAssertEqual(leads.nextLead(for: "a1", at: 0), "+12125550100")
        XCTAssertEqual(leads.nextLead(for: "a1", at: 10), "+12125550101", "the duplicate is skipped")
        XCTAssertNil(leads.nextLead(for: "a1", at: 20))
        XCTAssertTrue(leads.exhaustionReason(at: 20).hasPrefix("1 lead was dialed less than 3600 s ago and waits"), leads.exhaustionReason(at: 20))
        XCTAssertEqual(leads.nextLead(for: "a1", at: 3600), "+12125550100", "after the window the set-aside lead comes back")
    }

    func testEntriesOlderThanTheWindowExpire() {
        let numbers = NumberManager(window: 60)
        numbers.issue("+1a", at: 0)
        numbers.issue("+1b", at: 30)
        XCTAssertFalse(numbers.mayDial("+1a", at: 59))
        XCTAssertEqual(numbers.expire(at: 60), ["+1a"])
        XCTAssertEqual(numbers.count, 1)
        XCTAssertTrue(numbers.mayDial("+1a", at: 60))
        XCTAssertFalse(numbers.mayDial("+1b", at: 60))
        numbers.issue("+1a", at: 61)
        XCTAssertEqual(numbers.expire(at: 120), ["+1b"], "+1a was issued again at 61 and stays")
    }

    func testTheCacheWarmsFromStoredCallRecords() {
        let numbers = NumberManager(window: 100)
        numbers.warm(
            from: [
                Dial(id: 1, agentID: "a1", number: "+1old", dialedAt: 800),
                Dial(id: 2, agentID: "a1", number: "+1recent", dialedAt: 950),
            ], at: 1000)
        XCTAssertTrue(numbers.mayDial("+1old", at: 1000))
        XCTAssertFalse(numbers.mayDial("+1recent", at: 1000))
        XCTAssertTrue(numbers.mayDial("+1recent", at: 1050))
    }

    func testListenersHearIssuedAndExpiredNumbers() {
        let numbers = NumberManager(window: 10)
        var heard: [NumberEvent] = []
        numbers.addListener { heard.append($0) }
        numbers.issue("+1a", at: 0)
        XCTAssertFalse(numbers.issue("+1a", at: 5), "a refused number is not announced")
        numbers.expire(at: 12)
        XCTAssertEqual(heard, [.issued("+1a", at: 0), .expired("+1a", at: 12)])
    }
}
