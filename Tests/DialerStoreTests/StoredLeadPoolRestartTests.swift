import DialerCore
import DialerSQLite
import XCTest

/// A lead's retry delay and lockout live in the store: a restarted dialer redials none too early.
final class StoredLeadPoolRestartTests: XCTestCase {
    /// Just enough rules: `dialing` dials one lead; the first answer connects, an answer while
    /// talking is hung up (a drop); `call_end` makes the agent ready again.
    private final class OneLineRules: RuleSet {
        let origin = "one-line rules"
        func react(to input: RuleInput) throws(RuleError) -> Reaction {
            switch (input.agent.status, input.event.kind) {
            case (_, .login): Reaction(change: StateChange(status: .ready), effects: [.launchDialing])
            case (.ready, .dialing): Reaction(effects: [.dial(1)])
            case (.ready, .callStart): Reaction(change: StateChange(status: .inCall))
            case (.inCall, .callStart): Reaction(effects: [.endCall(input.event.number ?? "")])
            case (.inCall, .callEnd): Reaction(change: StateChange(status: .ready))
            default: .ignore
            }
        }
    }

    private let talked = "+12125550100"
    private let dropped = "+12125550101"
    private let tenInNewYork = 1_768_489_200.0  // 2026-01-15 15:00 UTC: inside calling hours

    private func engine(_ path: String, _ clock: VirtualClock, _ telephony: RecordingTelephony) throws -> DialerEngine {
        let store = try SQLiteAgentStore(path: path)
        return try DialerEngine(rules: OneLineRules(), store: store, leads: StoredLeadPool(store: store), telephony: telephony, clock: clock)
    }

    func testADroppedLeadIsNotRedialedBeforeItsLockoutEndsEvenAfterARestart() throws {
        let path = temporaryDirectory().appendingPathComponent("dialer.sqlite").path
        _ = try SQLiteAgentStore(path: path).addLeads([talked, dropped])
        let clock = VirtualClock(start: tenInNewYork)
        let first = try engine(path, clock, RecordingTelephony())
        try first.addAgent(AgentState(agentID: "a1"))
        first.handle(AgentEvent(agentID: "a1", kind: .login))
        first.handle(AgentEvent(agentID: "a1", kind: .dialing))
        XCTAssertEqual(first.ringingDials(of: "a1").map(\.number), [talked, dropped])
        first.handle(AgentEvent(agentID: "a1", kind: .callStart, number: talked))
        first.handle(AgentEvent(agentID: "a1", kind: .callStart, number: dropped))
        first.handle(AgentEvent(agentID: "a1", kind: .callEnd, number: talked))
        let droppedAt = clock.now

        // The process stops; a new one opens the same file, its clock goes on.
        let telephony = RecordingTelephony()
        let restarted = try engine(path, clock, telephony)
        var warnings: [DialerWarning] = []
        restarted.onStep = { warnings += $0.warnings }
        XCTAssertEqual(try restarted.recover(), [])
        clock.advance(to: droppedAt + 72 * 3600 - 1)
        restarted.handle(AgentEvent(agentID: "a1", kind: .dialing))
        XCTAssertEqual(telephony.placed.map(\.number), [], "one second before the lockout ends")
        XCTAssertEqual(warnings.map(\.code), ["no_leads"])
        XCTAssertEqual(
            warnings.first?.message,
            "no lead can be dialed now: 1 locked out after a dropped call, 1 done; the next becomes dialable at 2026-01-18 15:00 UTC")

        clock.advance(to: droppedAt + 72 * 3600)
        restarted.handle(AgentEvent(agentID: "a1", kind: .dialing))
        XCTAssertEqual(telephony.placed.map(\.number), [dropped], "the lockout is over")
        let lead = try XCTUnwrap(try SQLiteAgentStore(path: path).listLeads().first { $0.number == dropped })
        XCTAssertEqual(lead.state, .dialing)
        XCTAssertEqual(lead.attempts, 1)
        XCTAssertEqual(lead.lastOutcome, .dropped)
    }
}
