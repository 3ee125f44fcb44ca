import DialerCore
import DialerReference
import XCTest

final class DialerEngineTests: XCTestCase {
    func testReadyAgentDialsUpToRatioOnLogin() throws {
        let f = try EngineFixture(rules: SeedMatrixRules(dialRatio: 3))
        try f.engine.addAgent(AgentState(agentID: "a1"))
        XCTAssertEqual(f.send("a1", .login), [])
        XCTAssertEqual(f.state("a1").status, .ready)
        XCTAssertEqual(f.state("a1").cdc, 3)
        XCTAssertEqual(f.telephony.placed.map(\.number), (0..<3).map(LeadList.fictionalNumber))
        XCTAssertEqual(f.engine.ringingDials(of: "a1").count, 3)
        XCTAssertEqual(f.engine.facts.inFlight, 3)
    }

    func testLastStatusFollowsEveryStatusChange() throws {
        let f = try EngineFixture()
        try f.engine.addAgent(AgentState(agentID: "a1"))
        f.send("a1", .login)
        XCTAssertEqual(f.state("a1").lastStatus, .off)
        f.send("a1", .callStart, f.telephony.placed[0].number)
        XCTAssertEqual(f.state("a1").lastStatus, .ready)
        XCTAssertEqual(f.state("a1").latestLeadPhoneNumber, f.telephony.placed[0].number)
        f.send("a1", .keepAlive)  // no status change: last_status stays
        XCTAssertEqual(f.state("a1").lastStatus, .ready)
    }

    func testSecondAnswerWhileInCallIsWarnedEndedAndCountedAsDropped() throws {
        let f = try EngineFixture()
        try f.engine.addAgent(AgentState(agentID: "a1"))
        var steps: [EngineStep] = []
        f.engine.onStep = { steps.append($0) }
        f.send("a1", .login)
        let (first, second) = (f.telephony.placed[0].number, f.telephony.placed[1].number)
        f.send("a1", .callStart, first)
        f.send("a1", .callStart, second)
        XCTAssertEqual(f.state("a1").status, .inCall)
        XCTAssertEqual(f.state("a1").latestLeadPhoneNumber, first)
        XCTAssertEqual(f.telephony.hungUp.map(\.number), [second])
        XCTAssertEqual(steps.last?.warnings.map(\.code), ["call_start_while_in_call"])
        XCTAssertEqual(f.engine.facts.drops, 1)
        XCTAssertEqual(f.engine.facts.connects, 1)
        XCTAssertEqual(f.store.dials.values.first { $0.number == second }?.outcome, .dropped)
        XCTAssertEqual(f.engine.liveCall(of: "a1")?.number, first)
    }

    func testRuleErrorLeavesStateUnchangedAndNextEventIsHandled() throws {
        let rules = FixedRules(error: .runtime(message: "rules/x.lua:3: boom", traceback: nil))
        let f = try EngineFixture(rules: rules)
        try f.engine.addAgent(AgentState(agentID: "a1"))
        let errors = f.send("a1", .login)
        XCTAssertEqual(errors, [.rule(.runtime(message: "rules/x.lua:3: boom", traceback: nil), event: .login, agentID: "a1", status: .off)])
        XCTAssertEqual(f.state("a1"), AgentState(agentID: "a1"))
        XCTAssertTrue(f.telephony.placed.isEmpty)
        rules.error = nil
        rules.reaction = Reaction(change: StateChange(status: .ready))
        XCTAssertEqual(f.send("a1", .login), [])
        XCTAssertEqual(f.state("a1").status, .ready)
    }

    func testInvalidReactionChangesNothing() throws {
        let rules = FixedRules(Reaction(change: StateChange(status: .ready), effects: [.dial(-1)]))
        let f = try EngineFixture(rules: rules)
        try f.engine.addAgent(AgentState(agentID: "a1"))
        let errors = f.send("a1", .login)
        XCTAssertEqual(errors, [.invalidReaction("dial count must be between 0 and 100, got -1", event: .login, agentID: "a1", status: .off)])
        XCTAssertEqual(f.state("a1").status, .off)
        rules.reaction = Reaction(change: StateChange(cdc: -2))
        XCTAssertEqual(f.send("a1", .login), [.invalidReaction("cdc must not be negative, got -2", event: .login, agentID: "a1", status: .off)])
    }

    func testFailedCommitChangesNothingAndGivesLeadsBack() throws {
        let store = FlakyStore()
        let f = try EngineFixture(leads: ["+12125550100", "+12125550101", "+12125550102"], store: store)
        try f.engine.addAgent(AgentState(agentID: "a1"))
        store.failing = true
        let errors = f.send("a1", .login)
        // The login and the dialing it launched were one unit: both are refused.
        XCTAssertEqual(errors, Array(repeating: .store(.full(store: "flaky:"), during: .commit), count: 2))
        XCTAssertEqual(
            errors[0].description, "store commit failed: flaky:: the disk is full; free space and retry (nothing was half-written); nothing changed")
        XCTAssertEqual(f.state("a1").status, .off)
        XCTAssertEqual(try store.inner.loadAgents().first?.status, .off)
        store.failing = false
        f.send("a1", .login)
        // The login is retried; with its dialing it now commits and dials the same first leads.
        XCTAssertEqual(f.telephony.placed.map(\.number), ["+12125550100", "+12125550101"])
    }

    func testDialsReachTelephonyOnlyAfterTheirCommit() throws {
        final class CheckingTelephony: Telephony {
            var store: InMemoryAgentStore?
            var committedBeforePlace: [Bool] = []
            func place(_ dial: Dial) { committedBeforePlace.append(store?.dials[dial.id] != nil) }
            func hangUp(number: String, agentID: String) {}
            func bridge(_ dial: Dial, placedFor: String) {}
        }
        let telephony = CheckingTelephony()
        let store = InMemoryAgentStore()
        telephony.store = store
        let engine = try DialerEngine(
            rules: SeedMatrixRules(), store: store, leads: LeadList([], generateAfterList: true), telephony: telephony, clock: VirtualClock())
        try engine.addAgent(AgentState(agentID: "a1"))
        engine.handle(AgentEvent(agentID: "a1", kind: .login))
        XCTAssertEqual(telephony.committedBeforePlace, [true, true])
    }

    func testLongChainsOfLaunchedEventsDoNotGrowTheStack() throws {
        // Every dialing event launches another: 200,000 events in one drain.
        final class Relaunching: RuleSet {
            var remaining = 200_000
            var origin: String { "relaunching" }
            func react(to input: RuleInput) throws(RuleError) -> Reaction {
                remaining -= 1
                return remaining > 0 ? Reaction(effects: [.launchDialing]) : Reaction()
            }
        }
        let rules = Relaunching()
        let f = try EngineFixture(rules: rules)
        f.engine.maxLaunchChain = 200_000
        try f.engine.addAgent(AgentState(agentID: "a1", status: .ready))
        XCTAssertEqual(f.send("a1", .dialing), [])
        XCTAssertEqual(rules.remaining, 0)
        XCTAssertEqual(f.engine.cellCounts[MatrixCell(.ready, .dialing).index], 200_000)
    }

    func testAChainOfLaunchedEventsPastItsLimitIsRefusedWholeAndTheNextEventIsHandled() throws {
        // Every dialing dials one lead, counts, and launches another.
        let rules = FixedRules(Reaction(change: StateChange(cdc: 1), effects: [.dial(1), .launchDialing]))
        let f = try EngineFixture(rules: rules)
        try f.engine.addAgent(AgentState(agentID: "a1", status: .ready))
        let errors = f.send("a1", .dialing)
        XCTAssertEqual(errors.count, 18, "the input event, the 16 it launched, and the 17th that was not decided")
        XCTAssertTrue(errors.allSatisfy { $0 == .launchLimit(agentID: "a1", status: .ready, limit: 16) }, "\(errors)")
        XCTAssertEqual(f.engine.cellCounts[MatrixCell(.ready, .dialing).index], 17, "the input event and 16 launched were decided")
        XCTAssertEqual(f.state("a1").cdc, 0, "nothing of the chain is kept")
        XCTAssertEqual(f.telephony.placed.count, 0, "no dial of the chain was placed")
        rules.reaction = Reaction(change: StateChange(status: .off))
        XCTAssertEqual(f.send("a1", .logout), [])
        XCTAssertEqual(f.state("a1").status, .off)
    }

    func testAnswerTheRulesNeitherConnectNorEndIsHungUp() throws {
        let f = try EngineFixture(rules: FixedRules())
        try f.engine.addAgent(AgentState(agentID: "a1", status: .ready))
        let rules = f.engine.rules as! FixedRules
        rules.reaction = Reaction(effects: [.dial(1)])
        f.send("a1", .dialing)
        rules.reaction = Reaction()
        var warnings: [String] = []
        f.engine.onStep = { warnings += $0.warnings.map(\.code) }
        f.send("a1", .callStart, f.telephony.placed[0].number)
        XCTAssertEqual(warnings, ["unhandled_answer"])
        XCTAssertEqual(f.telephony.hungUp.map(\.number), [f.telephony.placed[0].number])
        XCTAssertEqual(f.engine.facts.drops, 1)
    }

    func testRunningOutOfLeadsDialsWhatThereIsAndWarns() throws {
        let f = try EngineFixture(leads: ["+12125550100"])
        try f.engine.addAgent(AgentState(agentID: "a1"))
        var warnings: [DialerWarning] = []
        f.engine.onStep = { warnings += $0.warnings }
        f.send("a1", .login)
        XCTAssertEqual(f.telephony.placed.count, 1)
        XCTAssertEqual(warnings.map(\.code), ["no_leads"])
        XCTAssertEqual(warnings.first?.message, "no leads left (all 1 dialed)")
    }

    func testCallFailResolvesTheNamedDialOrElseTheOldest() throws {
        let f = try EngineFixture()
        try f.engine.addAgent(AgentState(agentID: "a1"))
        f.send("a1", .login)
        let second = f.telephony.placed[1].number
        f.send("a1", .callFail, second, reason: .busy)
        XCTAssertEqual(f.store.dials.values.first { $0.number == second }?.outcome, .busy)
        f.send("a1", .callFail)
        XCTAssertEqual(f.store.dials[1]?.outcome, .failed)
        XCTAssertEqual(f.engine.facts.fails, 2)
    }

    func testCallStartWithoutNumberIsRefused() throws {
        let f = try EngineFixture()
        try f.engine.addAgent(AgentState(agentID: "a1", status: .ready))
        let errors = f.send("a1", .callStart)
        XCTAssertEqual(errors, [.missingField(event: .callStart, agentID: "a1", field: "number")])
        XCTAssertEqual(f.state("a1").status, .ready)
    }

    func testUnknownAgentIsRefused() throws {
        let f = try EngineFixture()
        XCTAssertEqual(f.send("ghost", .login), [.unknownAgent("ghost")])
        try f.engine.addAgent(AgentState(agentID: "a1"))
        XCTAssertThrowsError(try f.engine.addAgent(AgentState(agentID: "a1")))
    }

    func testRemovingAnAgentCancelsItsRingingDials() throws {
        let f = try EngineFixture()
        try f.engine.addAgent(AgentState(agentID: "a1"))
        f.send("a1", .login)
        try f.engine.removeAgent("a1")
        XCTAssertNil(f.engine.state(of: "a1"))
        XCTAssertEqual(f.telephony.hungUp.count, 2)
        XCTAssertEqual(f.store.dials.values.map(\.outcome), [.cancelled, .cancelled])
        XCTAssertEqual(f.engine.facts.inFlight, 0)
        XCTAssertEqual(f.engine.facts.agents, 0)
    }

    func testRestartRestoresAgentsAndOpenDialsFromTheStore() throws {
        let f = try EngineFixture()
        try f.engine.addAgent(AgentState(agentID: "a1"))
        f.send("a1", .login)
        f.send("a1", .callStart, f.telephony.placed[0].number)
        let restarted = try DialerEngine(
            rules: SeedMatrixRules(), store: f.store, leads: LeadList([]), telephony: RecordingTelephony(), clock: VirtualClock())
        XCTAssertEqual(restarted.state(of: "a1"), f.state("a1"))
        XCTAssertEqual(restarted.liveCall(of: "a1")?.number, f.telephony.placed[0].number)
        XCTAssertEqual(restarted.ringingDials(of: "a1").map(\.number), [f.telephony.placed[1].number])
        XCTAssertEqual(restarted.facts.count(.inCall), 1)
        // The call ends normally after the restart.
        restarted.handle(AgentEvent(agentID: "a1", kind: .callEnd))
        XCTAssertEqual(restarted.state(of: "a1")?.status, .ready)
    }

    func testLiveCallStaysOpenAfterLogoutUntilTelephonyEndsIt() throws {
        let f = try EngineFixture()
        try f.engine.addAgent(AgentState(agentID: "a1"))
        f.send("a1", .login)
        let first = f.telephony.placed[0].number
        f.send("a1", .callStart, first)
        f.send("a1", .logout)
        XCTAssertEqual(f.engine.liveCall(of: "a1")?.number, first, "the line is still up")
        f.send("a1", .callEnd, first)
        XCTAssertNil(f.engine.liveCall(of: "a1"))
        XCTAssertEqual(f.store.dials[1]?.outcome, .completed)
        XCTAssertEqual(f.state("a1").status, .off)
    }

    func testANewConnectionClosesAStaleLiveCall() throws {
        let f = try EngineFixture()
        try f.engine.addAgent(AgentState(agentID: "a1"))
        f.send("a1", .login)
        f.send("a1", .callStart, f.telephony.placed[0].number)
        f.send("a1", .logout)  // call_end never comes for the first call
        f.send("a1", .login)
        let next = f.telephony.placed.last!.number
        f.send("a1", .callStart, next)
        XCTAssertEqual(f.state("a1").status, .inCall)
        XCTAssertEqual(f.engine.liveCall(of: "a1")?.number, next)
        XCTAssertEqual(f.store.dials[1]?.outcome, .completed)
    }
}
