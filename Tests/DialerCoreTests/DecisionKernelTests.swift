import DialerCore
import XCTest

/// The decision kernel driven with plain values: no store, lead source, telephony, clock or rules.
final class DecisionKernelTests: XCTestCase {
    private var kernel = DecisionKernel()

    override func setUp() {
        kernel = DecisionKernel()
        kernel.supplyDialIDs(1..<100)
        kernel.install(AgentState(agentID: "a1"))
    }

    private let login = AgentEvent(agentID: "a1", kind: .login)
    private let readyAndDial2 = Reaction(change: StateChange(status: .ready), effects: [.dial(2)])

    /// Prepares the event, expecting the rules to be asked.
    private func decide(_ event: AgentEvent, at now: Timestamp) throws -> DecisionKernel.Decision {
        let preparation = kernel.prepare(event, routing: .dialingAgent, at: now)
        guard case .decide(let decision) = preparation else {
            XCTFail("expected the rules to decide \(event), got \(preparation)")
            throw KernelTestError.notDecided
        }
        return decision
    }

    private func apply(_ event: AgentEvent, _ reaction: Reaction, _ numbers: [[String]] = [], shortfall: String? = nil, at now: Timestamp = 10)
        throws -> Step
    {
        let decision = try decide(event, at: now)
        var grant = LeadGrant()
        for (i, list) in numbers.enumerated() {
            list.forEach { grant.append($0) }
            grant.endBatch(shortfall: i == numbers.count - 1 ? shortfall : nil)
        }
        return kernel.apply(decision, reaction, leads: grant, at: now)
    }

    private enum KernelTestError: Error { case notDecided }

    func testAnUnknownAgentOrAnAnswerWithoutNumberIsRefusedBeforeAnythingChanges() {
        guard case .refused(.unknownAgent("x")) = kernel.prepare(AgentEvent(agentID: "x", kind: .login), routing: .dialingAgent, at: 1) else {
            return XCTFail("an unknown agent must be refused")
        }
        let answer = AgentEvent(agentID: "a1", kind: .callStart)
        guard case .refused(.missingField(.callStart, "a1", "number")) = kernel.prepare(answer, routing: .dialingAgent, at: 1) else {
            return XCTFail("call_start without a number must be refused")
        }
        XCTAssertEqual(kernel.state(of: "a1"), AgentState(agentID: "a1"))
        XCTAssertEqual(kernel.facts.now, 0, "a refused event does not even move the facts' clock")
    }

    func testTheRulesReadTheAgentAsItIsAndTheCampaignFacts() throws {
        let lead = LeadFacts(attempts: 2, lastOutcome: .busy, timeZone: "America/New_York")
        guard case .decide(let decision) = kernel.prepare(login, lead: lead, routing: .dialingAgent, at: 42) else {
            return XCTFail("expected a decision")
        }
        let input = decision.input
        XCTAssertEqual(input.agent, AgentState(agentID: "a1"))
        XCTAssertEqual(input.event, login)
        XCTAssertEqual(input.inFlight, 0)
        XCTAssertEqual(input.campaign.agents, 1)
        XCTAssertEqual(input.campaign.now, 42)
        XCTAssertEqual(input.lead, lead)
    }

    func testAReactionBecomesAStepWithTheStateTheDialsAndTheCommands() throws {
        let step = try apply(login, readyAndDial2, [["+12125550100", "+12125550101"]])
        XCTAssertEqual(step.before.status, .off)
        XCTAssertEqual(step.after.status, .ready)
        XCTAssertEqual(step.placed.map(\.number), ["+12125550100", "+12125550101"])
        XCTAssertEqual(step.placed.map(\.id), [1, 2], "dial ids come from the supplied block, in order")
        XCTAssertEqual(step.dials, step.placed, "placed dials are also call records to write")
        XCTAssertTrue(step.warnings.isEmpty)
        XCTAssertEqual(kernel.state(of: "a1")?.status, .ready)
        XCTAssertEqual(kernel.ringingDials(of: "a1").map(\.number), ["+12125550100", "+12125550101"])
        XCTAssertEqual(kernel.facts.inFlight, 2)
        XCTAssertEqual(kernel.facts.dials, 2)
        XCTAssertEqual(kernel.facts.count(.ready), 1)
    }

    func testFewerLeadsThanAskedForDialsThoseGrantedAndWarnsWhy() throws {
        let step = try apply(login, readyAndDial2, [["+12125550100"]], shortfall: "no leads left (all 1 dialed)")
        XCTAssertEqual(step.placed.map(\.number), ["+12125550100"])
        XCTAssertEqual(step.warnings.map(\.code), ["no_leads"])
        XCTAssertEqual(step.warnings.first?.message, "no leads left (all 1 dialed)")
    }

    func testAnAnswerTheRulesConnectBecomesTheLiveCall() throws {
        _ = try apply(login, readyAndDial2, [["+12125550100", "+12125550101"]])
        let answer = AgentEvent(agentID: "a1", kind: .callStart, number: "+12125550101")
        let step = try apply(answer, Reaction(change: StateChange(status: .inCall), effects: [.endCall("+12125550100")]), at: 20)
        XCTAssertEqual(step.ended, ["+12125550100"])
        XCTAssertEqual(step.dials.map(\.outcome), [.connected, .cancelled])
        XCTAssertEqual(kernel.liveCall(of: "a1")?.number, "+12125550101")
        XCTAssertEqual(kernel.liveCall(of: "a1")?.answeredAt, 20)
        XCTAssertEqual(kernel.ringingDials(of: "a1"), [])
        XCTAssertEqual(kernel.facts.connects, 1)
        XCTAssertEqual(kernel.facts.inFlight, 0)
    }

    func testAnAnswerTheRulesNeitherConnectNorEndIsHungUpWithAWarning() throws {
        _ = try apply(login, readyAndDial2, [["+12125550100", "+12125550101"]])
        let step = try apply(AgentEvent(agentID: "a1", kind: .callStart, number: "+12125550100"), Reaction())
        XCTAssertEqual(step.ended, ["+12125550100"])
        XCTAssertEqual(step.dials.last?.outcome, .dropped)
        XCTAssertEqual(step.warnings.map(\.code), ["unhandled_answer"])
        XCTAssertEqual(kernel.facts.drops, 1)
    }

    func testARepeatedAnswerForTheLiveCallIsSettledWithoutTheRules() throws {
        _ = try apply(login, readyAndDial2, [["+12125550100", "+12125550101"]])
        let answer = AgentEvent(agentID: "a1", kind: .callStart, number: "+12125550100")
        _ = try apply(answer, Reaction(change: StateChange(status: .inCall)))
        guard case .settled(let step) = kernel.prepare(answer, routing: .dialingAgent, at: 30) else {
            return XCTFail("the repeated answer must not reach the rules")
        }
        XCTAssertEqual(step.warnings.map(\.code), ["duplicate_call_start"])
        XCTAssertEqual(step.before, step.after)
        XCTAssertEqual(step.dials, [])
    }

    func testRollbackTakesBackEverythingSinceTheLastSettle() throws {
        _ = try apply(login, readyAndDial2, [["+12125550100", "+12125550101"]])
        kernel.settle()
        let settledFacts = kernel.facts
        kernel.install(AgentState(agentID: "a2"))
        let afterInstall = kernel.facts
        _ = try apply(AgentEvent(agentID: "a1", kind: .callStart, number: "+12125550100"), Reaction(change: StateChange(status: .inCall)))
        _ = try apply(AgentEvent(agentID: "a2", kind: .login), readyAndDial2, [["+12125550102", "+12125550103"]])
        XCTAssertNotEqual(kernel.facts, afterInstall)
        kernel.rollback()
        XCTAssertEqual(kernel.state(of: "a1")?.status, .ready)
        XCTAssertEqual(kernel.state(of: "a2")?.status, .off)
        XCTAssertNil(kernel.liveCall(of: "a1"))
        XCTAssertEqual(kernel.ringingDials(of: "a1").map(\.number), ["+12125550100", "+12125550101"])
        XCTAssertEqual(kernel.ringingDials(of: "a2"), [])
        XCTAssertEqual(kernel.facts, afterInstall)
        XCTAssertEqual(settledFacts.agents + 1, afterInstall.agents)
    }

    func testAnAnswerForABusyAgentGoesToTheReadyAgentWhoWaitedLongest() throws {
        kernel.install(AgentState(agentID: "a2"))
        kernel.install(AgentState(agentID: "a3"))
        _ = try apply(login, readyAndDial2, [["+12125550100", "+12125550101"]])
        _ = try apply(AgentEvent(agentID: "a2", kind: .login), Reaction(change: StateChange(status: .ready)))
        _ = try apply(AgentEvent(agentID: "a3", kind: .login), Reaction(change: StateChange(status: .ready)))
        _ = try apply(AgentEvent(agentID: "a1", kind: .callStart, number: "+12125550100"), Reaction(change: StateChange(status: .inCall)))
        let late = AgentEvent(agentID: "a1", kind: .callStart, number: "+12125550101")
        guard case .decide(let decision) = kernel.prepare(late, routing: .anyReadyAgent, at: 40) else { return XCTFail("expected a decision") }
        XCTAssertEqual(decision.event.agentID, "a2", "a2 became ready before a3")
        XCTAssertEqual(decision.input.inFlight, 1, "the answered dial moves to the taker")
        let step = kernel.apply(decision, Reaction(change: StateChange(status: .inCall)), leads: LeadGrant(), at: 40)
        XCTAssertEqual(step.routedFrom, "a1")
        XCTAssertEqual(step.bridged?.agentID, "a2")
        XCTAssertEqual(kernel.liveCall(of: "a2")?.number, "+12125550101")
        XCTAssertEqual(kernel.ringingDials(of: "a1"), [])
    }

    func testEventsFindTheRingingDialByItsNumberWhereverItStandsInTheAgentsQueue() throws {
        let numbers = (0..<6).map { "+1212555010\($0)" }
        _ = try apply(login, Reaction(change: StateChange(status: .ready), effects: [.dial(6)]), [numbers])
        let failed = try apply(AgentEvent(agentID: "a1", kind: .callFail, number: numbers[3], reason: .busy), Reaction())
        XCTAssertEqual(failed.dials.map(\.number), [numbers[3]])
        XCTAssertEqual(failed.dials.first?.outcome, .busy)
        let answered = try apply(AgentEvent(agentID: "a1", kind: .callStart, number: numbers[5]), Reaction(change: StateChange(status: .inCall)))
        XCTAssertEqual(answered.dials.map(\.number), [numbers[5]])
        XCTAssertEqual(kernel.liveCall(of: "a1")?.number, numbers[5])
        XCTAssertEqual(kernel.ringingDials(of: "a1").map(\.number), [numbers[0], numbers[1], numbers[2], numbers[4]])
        XCTAssertEqual(kernel.facts.inFlight, 4)
    }

    /// Past `scanLimit` ringing dials an agent's dials are found through a lookup by number:
    /// the same answers as the scan, also after a rollback drops the lookup.
    func testAnAgentRingingManyDialsFindsEachByNumberBeforeAndAfterARollback() throws {
        let numbers = (0..<40).map { "+1212555\(String(format: "%04d", $0))" }
        _ = try apply(login, Reaction(change: StateChange(status: .ready), effects: [.dial(40)]), [numbers])
        kernel.settle()
        let failed = try apply(AgentEvent(agentID: "a1", kind: .callFail, number: numbers[39], reason: .busy), Reaction())
        XCTAssertEqual(failed.dials.map(\.number), [numbers[39]])
        let again = try apply(AgentEvent(agentID: "a1", kind: .callFail, number: numbers[39], reason: .busy), Reaction())
        XCTAssertEqual(again.dials, [], "a dial that stopped ringing is not found again")
        _ = try apply(AgentEvent(agentID: "a1", kind: .callStart, number: numbers[20]), Reaction(change: StateChange(status: .inCall)))
        XCTAssertEqual(kernel.liveCall(of: "a1")?.number, numbers[20])
        XCTAssertEqual(kernel.facts.inFlight, 38)
        kernel.rollback()
        XCTAssertEqual(kernel.facts.inFlight, 40)
        XCTAssertEqual(kernel.ringingDials(of: "a1").map(\.number), numbers)
        for number in [numbers[39], numbers[20], numbers[0]] {
            let step = try apply(AgentEvent(agentID: "a1", kind: .callFail, number: number, reason: .noAnswer), Reaction())
            XCTAssertEqual(step.dials.map(\.number), [number])
        }
        XCTAssertEqual(kernel.ringingDials(of: "a1").count, 37)
    }

    func testARoutedAnswerTakenBackRingsForItsDialingAgentAgain() throws {
        kernel.install(AgentState(agentID: "a2"))
        _ = try apply(login, readyAndDial2, [["+12125550100", "+12125550101"]])
        _ = try apply(AgentEvent(agentID: "a2", kind: .login), Reaction(change: StateChange(status: .ready)))
        _ = try apply(AgentEvent(agentID: "a1", kind: .callStart, number: "+12125550100"), Reaction(change: StateChange(status: .inCall)))
        kernel.settle()
        let late = AgentEvent(agentID: "a1", kind: .callStart, number: "+12125550101")
        guard case .decide(let decision) = kernel.prepare(late, routing: .anyReadyAgent, at: 40) else { return XCTFail("expected a decision") }
        _ = kernel.apply(decision, Reaction(change: StateChange(status: .inCall)), leads: LeadGrant(), at: 40)
        XCTAssertEqual(kernel.ringingDials(of: "a1"), [])
        kernel.rollback()
        XCTAssertEqual(kernel.ringingDials(of: "a1").map(\.number), ["+12125550101"])
        XCTAssertEqual(kernel.ringingDials(of: "a1").first?.agentID, "a1")
        XCTAssertEqual(kernel.ringingDials(of: "a2"), [])
        XCTAssertNil(kernel.liveCall(of: "a2"))
    }

    func testTheKernelRefusesReactionsItCannotCarryOutAndCountsTheIdsItNeeds() {
        XCTAssertEqual(DecisionKernel.invalidity(of: Reaction(change: StateChange(cdc: -1)), maxDials: 100), "cdc must not be negative, got -1")
        XCTAssertEqual(DecisionKernel.invalidity(of: Reaction(effects: [.dial(101)]), maxDials: 100), "dial count must be between 0 and 100, got 101")
        XCTAssertNil(DecisionKernel.invalidity(of: readyAndDial2, maxDials: 100))
        XCTAssertEqual(DecisionKernel.dialIDsNeeded(for: Reaction(effects: [.dial(2), .dial(3)]), to: login), 5)
        XCTAssertEqual(DecisionKernel.dialIDsNeeded(for: Reaction(), to: AgentEvent(agentID: "a1", kind: .callStart, number: "+1")), 1)
    }

    func testRecoveryPlansCancellationsThatChangeNothingUntilClosed() throws {
        _ = try apply(login, readyAndDial2, [["+12125550100", "+12125550101"]])
        kernel.settle()
        let plan = kernel.recoveryPlan(endingLiveCalls: true, agents: ["a1", "nobody"], at: 50)
        XCTAssertEqual(plan.cancelled.map(\.outcome), [.cancelled, .cancelled])
        XCTAssertEqual(plan.events.map(\.kind), [.callFail, .callFail])
        XCTAssertEqual(kernel.ringingDials(of: "a1").count, 2)
        kernel.closeRinging(plan.cancelled)
        XCTAssertEqual(kernel.ringingDials(of: "a1"), [])
        XCTAssertEqual(kernel.facts.inFlight, 0)
    }
}
