import DialerCore
import XCTest

@testable import DialerServer

/// The shadow's counts by cell, its kept examples and how often its log speaks.
final class ShadowTallyTests: XCTestCase {
    private let cell = MatrixCell(.ready, .callFail)

    func testEachCellCountsDecisionsDifferencesAndErrorsApart() {
        var tally = ShadowTally()
        XCTAssertNil(tally.count(cell, .same))
        XCTAssertEqual(tally.count(cell, .differs), 1)
        XCTAssertEqual(tally.count(cell, .failed), 2, "a failure is a difference of its own kind")
        XCTAssertNil(tally.count(MatrixCell(.off, .login), .same))
        XCTAssertEqual(
            tally.cells,
            [
                ShadowView.Cell(status: "off", event: "login", decisions: 1, differences: 0, errors: 0),
                ShadowView.Cell(status: "ready", event: "call_fail", decisions: 3, differences: 1, errors: 1),
            ])
    }

    func testTheFirstExamplesAreKeptNotTheLatest() {
        var tally = ShadowTally()
        let reaction = ReactionView(Reaction(effects: [.dial(2)]))
        for n in 0..<(ShadowTally.examplesKept + 5) {
            let input = RuleInput(
                agent: AgentState(agentID: "a\(n)", status: .ready), event: AgentEvent(agentID: "a\(n)", kind: .dialing), inFlight: 0,
                campaign: CampaignFacts())
            tally.keep(ShadowExample(input, live: reaction, shadow: reaction))
        }
        XCTAssertEqual(tally.examples.count, ShadowTally.examplesKept)
        XCTAssertEqual(tally.examples.first?.agentID, "a0")
        XCTAssertEqual(tally.examples.last?.agentID, "a\(ShadowTally.examplesKept - 1)")
        XCTAssertFalse(tally.wantsExample)
    }

    func testAReloadedFileStartsItsExamplesAndLogLinesAfreshAndTheCountsGoOn() {
        var tally = ShadowTally()
        let reaction = ReactionView(.ignore)
        let input = RuleInput(
            agent: AgentState(agentID: "a1", status: .ready), event: AgentEvent(agentID: "a1", kind: .callFail), inFlight: 0,
            campaign: CampaignFacts())
        for _ in 0..<3 { _ = tally.count(cell, .differs) }
        tally.keep(ShadowExample(input, live: reaction, shadow: reaction))
        tally.startFile()
        XCTAssertEqual(tally.examples.count, 0)
        XCTAssertEqual(tally.count(cell, .differs), 1, "the log's budget is the new file's")
        XCTAssertEqual(tally.cells.first?.differences, 4, "the counts go on")
    }

    func testTheLogShowsTheFirstFiveInFullThenSumsUpAtEachPowerOfTen() {
        let full = (1...2_000).filter(ShadowTally.logsInFull)
        let summed = (1...2_000).filter(ShadowTally.logsSummary)
        XCTAssertEqual(full, [1, 2, 3, 4, 5])
        XCTAssertEqual(summed, [10, 100, 1_000])
    }

    func testAReactionReadsAsItsFieldsAndEffects() {
        let reaction = Reaction(change: StateChange(status: .ready, cdc: 0), effects: [.dial(2), .warn(code: "w", message: "why"), .launchDialing])
        XCTAssertEqual(ReactionView(reaction).description, "set status=ready cdc=0; dial 2, warn w: why, launch_dialing")
        XCTAssertEqual(ReactionView(.ignore).description, "nothing")
        XCTAssertEqual(ReactionView(error: .runtime(message: "x.lua:3: boom", traceback: nil)).description, "error: x.lua:3: boom")
    }
}
