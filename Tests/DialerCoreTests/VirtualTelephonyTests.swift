import DialerCore
import XCTest

final class VirtualTelephonyTests: XCTestCase {
    func testScriptsFallDueInTimeOrderAndHangUpCancelsThem() {
        let telephony = VirtualTelephony()
        telephony.scripts["+1a"] = CallScript(answerAfter: 5, talk: 30)
        telephony.scripts["+1b"] = CallScript(failAfter: 3, reason: .busy)
        telephony.place(Dial(id: 1, agentID: "a1", number: "+1a", dialedAt: 0))
        telephony.place(Dial(id: 2, agentID: "a1", number: "+1b", dialedAt: 0))
        var due: [(Double, EventKind)] = []
        while let next = telephony.popDue(until: 10) { due.append((next.time, next.event.kind)) }
        XCTAssertEqual(due.map(\.0), [3, 5])
        XCTAssertEqual(due.map(\.1), [.callFail, .callStart])
        telephony.hangUp(number: "+1a", agentID: "a1")
        XCTAssertNil(telephony.popDue(until: 100), "the hung-up call's call_end must not come")
    }

    func testFictionalNumbersAreDistinctE164() {
        let numbers = (0..<3000).map(LeadList.fictionalNumber)
        XCTAssertEqual(Set(numbers).count, numbers.count)
        XCTAssertEqual(numbers[0], "+12125550100")
        XCTAssertTrue(numbers.allSatisfy { $0.count == 12 && $0.hasPrefix("+1") })
    }
}
