import DialerCore
import DialerReference
import XCTest

/// `ANSWER_ROUTING = "any_ready_agent"`: an answer for a busy agent goes to a ready one.
final class AnswerRoutingTests: XCTestCase {
    /// Rules that fail `call_start` for one agent and otherwise play the seed matrix.
    final class FailingCallStart: RuleSet {
        let seed = SeedMatrixRules()
        var failFor: String?
        var origin: String { "failing call_start" }
        var answerRouting: AnswerRouting { .anyReadyAgent }
        func react(to input: RuleInput) throws(RuleError) -> Reaction {
            if input.event.kind == .callStart, input.event.agentID == failFor { throw .runtime(message: "x.lua:1: boom", traceback: nil) }
            return try seed.react(to: input)
        }
    }

    private func routedFixture() throws -> EngineFixture {
        let rules = SeedMatrixRules()
        rules.answerRouting = .anyReadyAgent
        return try EngineFixture(rules: rules)
    }

    func testAnswerForABusyAgentGoesToTheReadyAgentWhoWaitedLongest() throws {
        let f = try routedFixture()
        for id in ["a1", "a2", "a3"] { try f.engine.addAgent(AgentState(agentID: id)) }
        f.send("a2", .login)  // ready first
        f.clock.advance(to: f.clock.now + 1)
        f.send("a3", .login)
        f.clock.advance(to: f.clock.now + 1)
        f.send("a1", .login)
        let mine = f.engine.ringingDials(of: "a1").map(\.number)
        var steps: [EngineStep] = []
        f.engine.onStep = { steps.append($0) }
        XCTAssertEqual(f.send("a1", .callStart, mine[0]), [])
        XCTAssertEqual(f.state("a1").status, .inCall, "a ready dialing agent takes its own answer")
        XCTAssertEqual(f.send("a1", .callStart, mine[1]), [])

        XCTAssertEqual(f.state("a2").status, .inCall)
        XCTAssertEqual(f.state("a2").latestLeadPhoneNumber, mine[1])
        XCTAssertEqual(f.state("a3").status, .ready)
        XCTAssertEqual(f.engine.liveCall(of: "a2")?.number, mine[1])
        XCTAssertEqual(f.engine.liveCall(of: "a1")?.number, mine[0])
        XCTAssertEqual(f.engine.ringingDials(of: "a1").count, 0)
        XCTAssertEqual(f.engine.facts.drops, 0)
        XCTAssertEqual(f.engine.facts.connects, 2)
        XCTAssertEqual(f.engine.facts.inFlight, 4, "a2's and a3's lines still ring")
        XCTAssertEqual(f.store.dials.values.first { $0.number == mine[1] }?.agentID, "a2", "the record names who talked")
        XCTAssertEqual(f.telephony.bridged.map(\.dial.number), [mine[1]])
        XCTAssertEqual(f.telephony.bridged.map(\.placedFor), ["a1"])
        XCTAssertEqual(steps.last?.event.agentID, "a2")
        XCTAssertEqual(steps.last?.routedFrom, "a1")
        XCTAssertTrue(f.telephony.hungUp.isEmpty)
    }

    func testWithNobodyReadyTheDialingAgentsRulesDropTheAnswer() throws {
        let f = try routedFixture()
        for id in ["a1", "a2"] { try f.engine.addAgent(AgentState(agentID: id)) }
        f.send("a1", .login)
        f.send("a2", .login)
        let a1 = f.engine.ringingDials(of: "a1").map(\.number)
        let a2 = f.engine.ringingDials(of: "a2").map(\.number)
        f.send("a1", .callStart, a1[0])
        f.send("a2", .callStart, a2[0])
        f.send("a1", .callStart, a1[1])  // both busy: a1's drop
        XCTAssertEqual(f.store.dials.values.first { $0.number == a1[1] }?.outcome, .dropped)
        XCTAssertEqual(f.store.dials.values.first { $0.number == a1[1] }?.agentID, "a1")
        XCTAssertEqual(f.engine.facts.drops, 1)
        XCTAssertTrue(f.telephony.bridged.isEmpty)
    }

    func testAnAgentReadyAgainQueuesBehindThoseAlreadyWaiting() throws {
        let f = try routedFixture()
        for id in ["a1", "a2", "a3"] { try f.engine.addAgent(AgentState(agentID: id)) }
        f.send("a1", .login)
        f.send("a2", .login)
        let a1 = f.engine.ringingDials(of: "a1").map(\.number)
        f.send("a1", .callStart, a1[0])
        f.send("a1", .callEnd, a1[0])  // a1 ready again: behind a2
        f.send("a3", .login)
        f.send("a2", .callStart, f.engine.ringingDials(of: "a2")[0].number)  // a2 busy now
        f.send("a2", .callStart, f.engine.ringingDials(of: "a2")[0].number)
        XCTAssertEqual(f.state("a1").status, .inCall, "a1 has waited longer than a3")
        XCTAssertEqual(f.state("a3").status, .ready)
    }

    func testARoutedAnswerTheTakersRulesRefuseChangesNothing() throws {
        let rules = FailingCallStart()
        let f = try EngineFixture(rules: rules)
        for id in ["a1", "a2"] { try f.engine.addAgent(AgentState(agentID: id)) }
        f.send("a1", .login)
        f.send("a2", .login)
        let a1 = f.engine.ringingDials(of: "a1").map(\.number)
        f.send("a1", .callStart, a1[0])
        let before = (f.state("a1"), f.state("a2"), f.engine.ringingDials(of: "a1"), f.engine.ringingDials(of: "a2"), f.engine.facts)
        rules.failFor = "a2"
        let errors = f.send("a1", .callStart, a1[1])
        XCTAssertEqual(errors, [.rule(.runtime(message: "x.lua:1: boom", traceback: nil), event: .callStart, agentID: "a2", status: .ready)])
        XCTAssertEqual(f.state("a1"), before.0)
        XCTAssertEqual(f.state("a2"), before.1)
        XCTAssertEqual(f.engine.ringingDials(of: "a1"), before.2, "the dial rings for a1 again")
        XCTAssertEqual(f.engine.ringingDials(of: "a2"), before.3)
        XCTAssertEqual(f.engine.facts, before.4)
        XCTAssertTrue(f.telephony.bridged.isEmpty)

        rules.failFor = nil  // the same answer, reported again, now goes through to a2
        XCTAssertEqual(f.send("a1", .callStart, a1[1]), [])
        XCTAssertEqual(f.state("a2").status, .inCall)
        XCTAssertEqual(f.state("a2").latestLeadPhoneNumber, a1[1])
    }

    func testTheDefaultRoutingNeverHandsAnAnswerToAnotherAgent() throws {
        let f = try EngineFixture()
        for id in ["a1", "a2"] { try f.engine.addAgent(AgentState(agentID: id)) }
        f.send("a1", .login)
        f.send("a2", .login)
        let a1 = f.engine.ringingDials(of: "a1").map(\.number)
        f.send("a1", .callStart, a1[0])
        f.send("a1", .callStart, a1[1])
        XCTAssertEqual(f.state("a2").status, .ready)
        XCTAssertEqual(f.engine.facts.drops, 1)
    }
}
