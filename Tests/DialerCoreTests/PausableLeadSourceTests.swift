import DialerCore
import XCTest

final class PausableLeadSourceTests: XCTestCase {
    func testWhilePausedNoLeadIsHandedOutAndTheReasonSaysSoThenDialingGoesOnWhereItStopped() {
        let source = PausableLeadSource(LeadList(["+12125550100", "+12125550101"]))
        XCTAssertEqual(source.nextLead(for: "a1", at: 0), "+12125550100")
        source.paused = true
        XCTAssertNil(source.nextLead(for: "a1", at: 1))
        XCTAssertEqual(source.exhaustionReason(at: 1), PausableLeadSource.pausedReason)
        source.paused = false
        XCTAssertEqual(source.nextLead(for: "a1", at: 2), "+12125550101", "the paused request took no lead")
        XCTAssertNil(source.nextLead(for: "a1", at: 3))
        XCTAssertEqual(source.exhaustionReason(at: 3), "no leads left (all 2 dialed)")
    }

    func testAPausedSourceStillTakesBackLeads() {
        let source = PausableLeadSource(LeadList(["+12125550100"]), paused: true)
        source.giveBack("+12125550199")
        XCTAssertNil(source.nextLead(for: "a1", at: 0))
        source.paused = false
        XCTAssertEqual(source.nextLead(for: "a1", at: 1), "+12125550199")
    }
}
