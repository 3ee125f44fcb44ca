import DialerCore
import DialerReference
import XCTest

/// Group commit and restart: nothing leaves before its commit, nothing is lost after a crash.
final class CommitAndRecoveryTests: XCTestCase {
    final class CheckingTelephony: Telephony {
        let store: FlakyStore
        var placedBeforeCommit = 0
        var placed: [Dial] = []
        init(store: FlakyStore) { self.store = store }
        func place(_ dial: Dial) {
            if store.inner.dials[dial.id] == nil { placedBeforeCommit += 1 }
            placed.append(dial)
        }
        func hangUp(number: String, agentID: String) {}
        func bridge(_ dial: Dial, placedFor: String) {}
    }

    private func makeEngine(_ store: FlakyStore, _ telephony: CheckingTelephony, agents: Int) throws -> DialerEngine {
        _ = try store.addLeads((0..<100).map(LeadList.fictionalNumber))
        let engine = try DialerEngine(
            rules: SeedMatrixRules(), store: store, leads: StoredLeadPool(store: store), telephony: telephony, clock: VirtualClock())
        for i in 0..<agents { try engine.addAgent(AgentState(agentID: "a\(i)")) }
        return engine
    }

    func testGroupCommitWritesManyEventsInOneTransactionAndHoldsTheirDials() throws {
        let store = FlakyStore()
        let telephony = CheckingTelephony(store: store)
        let engine = try makeEngine(store, telephony, agents: 10)
        engine.commitMode = .grouped(maxEvents: 1000)
        let before = store.commits
        for i in 0..<10 { engine.submit(AgentEvent(agentID: "a\(i)", kind: .login)) }
        XCTAssertEqual(engine.drain(), [])
        // One commit for the ten logins and the ten dialing events they launched.
        XCTAssertEqual(store.commits - before, 1)
        XCTAssertEqual(telephony.placed.count, 20)
        XCTAssertEqual(telephony.placedBeforeCommit, 0)
        XCTAssertEqual(try store.inner.listLeads().filter { $0.state == .dialing }.count, 20)
    }

    func testFailedGroupCommitUndoesEveryEventOfTheGroup() throws {
        let store = FlakyStore()
        let telephony = CheckingTelephony(store: store)
        let engine = try makeEngine(store, telephony, agents: 3)
        engine.commitMode = .grouped(maxEvents: 1000)
        engine.handle(AgentEvent(agentID: "a0", kind: .login))
        let dialed = telephony.placed.map(\.number)
        let factsBefore = engine.facts
        store.failing = true
        engine.submit(AgentEvent(agentID: "a1", kind: .login))
        engine.submit(AgentEvent(agentID: "a2", kind: .login))
        engine.submit(AgentEvent(agentID: "a0", kind: .callStart, number: dialed[0]))
        let errors = engine.drain()
        // The two logins, the dialing events they launched (decided in the same unit), the answer.
        XCTAssertEqual(errors, Array(repeating: .store(.full(store: "flaky:"), during: .commit), count: 5))
        XCTAssertEqual(engine.state(of: "a1")?.status, .off)
        XCTAssertEqual(engine.state(of: "a0")?.status, .ready)
        XCTAssertEqual(engine.ringingDials(of: "a0").map(\.number), dialed)
        XCTAssertEqual(engine.facts, factsBefore)
        store.failing = false
        engine.handle(AgentEvent(agentID: "a1", kind: .login))
        XCTAssertEqual(telephony.placed.count, 4)
        XCTAssertEqual(Set(telephony.placed.map(\.number)).count, 4, "no lead is dialed twice")
    }

    func testInputsDecidedOneAfterAnotherCommitTogetherAndEachBuildsOnTheOneBefore() throws {
        let store = FlakyStore()
        let telephony = CheckingTelephony(store: store)
        let engine = try makeEngine(store, telephony, agents: 2)
        engine.commitMode = .grouped(maxEvents: .max)
        var steps: [EngineStep] = []
        engine.onStep = { steps.append($0) }
        let before = store.commits
        engine.submit(AgentEvent(agentID: "a0", kind: .login))
        engine.decideQueued()
        XCTAssertEqual(engine.decidedSteps, 2, "the login and the dialing it launched")
        XCTAssertEqual(engine.decidedStep(0)?.event.kind, .login)
        XCTAssertEqual(engine.state(of: "a0")?.status, .ready, "the next input is decided on this state")
        engine.submit(AgentEvent(agentID: "a0", kind: .logout))
        engine.submit(AgentEvent(agentID: "a1", kind: .login))
        engine.decideQueued()
        XCTAssertEqual(store.commits, before, "nothing committed yet")
        XCTAssertEqual(telephony.placed.count, 0, "nothing leaves before the commit")
        XCTAssertTrue(steps.isEmpty, "decided steps are shown at the commit")
        XCTAssertEqual(engine.commitDecided(), [])
        XCTAssertEqual(store.commits - before, 1)
        XCTAssertEqual(steps.map(\.event.kind), [.login, .dialing, .logout, .login, .dialing])
        XCTAssertEqual(telephony.placedBeforeCommit, 0)
        XCTAssertEqual(try store.inner.listAgents().first { $0.agentID == "a0" }?.status, .off)
        XCTAssertEqual(try store.inner.listAgents().first { $0.agentID == "a1" }?.status, .ready)
    }

    func testDiscardingWhatWasDecidedChangesNothingAndHandsTheLeadsBack() throws {
        let store = FlakyStore()
        let telephony = CheckingTelephony(store: store)
        let engine = try makeEngine(store, telephony, agents: 2)
        engine.handle(AgentEvent(agentID: "a0", kind: .login))
        let factsBefore = engine.facts
        let ringingBefore = engine.ringingDials(of: "a0")
        engine.commitMode = .grouped(maxEvents: .max)
        var shown = 0
        engine.onStep = { _ in shown += 1 }
        let commits = store.commits
        engine.submit(AgentEvent(agentID: "a1", kind: .login))
        engine.submit(AgentEvent(agentID: "a0", kind: .callStart, number: ringingBefore[0].number))
        engine.decideQueued()
        XCTAssertEqual(engine.state(of: "a0")?.status, .inCall)
        engine.discardDecided()
        XCTAssertEqual(engine.decidedSteps, 0)
        XCTAssertEqual(shown, 0, "a discarded step is not shown")
        XCTAssertEqual(store.commits, commits)
        XCTAssertEqual(engine.state(of: "a0")?.status, .ready)
        XCTAssertEqual(engine.state(of: "a1")?.status, .off)
        XCTAssertEqual(engine.ringingDials(of: "a0"), ringingBefore)
        XCTAssertEqual(engine.facts, factsBefore)
        // Decided again, the login dials the leads the discarded one had taken.
        engine.commitMode = .perEvent
        engine.handle(AgentEvent(agentID: "a1", kind: .login))
        XCTAssertEqual(Set(telephony.placed.map(\.number)).count, 4, "no lead is dialed twice, none is lost")
    }

    func testRecoveryCancelsRingingDialsMakesTheirLeadsDialableAndRedials() throws {
        let store = FlakyStore()
        let first = try makeEngine(store, CheckingTelephony(store: store), agents: 1)
        first.handle(AgentEvent(agentID: "a0", kind: .login))
        let interrupted = first.ringingDials(of: "a0")
        XCTAssertEqual(interrupted.count, 2)

        // The process dies here. A new engine starts on the same store.
        let telephony = CheckingTelephony(store: store)
        let restarted = try DialerEngine(
            rules: SeedMatrixRules(), store: store, leads: StoredLeadPool(store: store), telephony: telephony, clock: VirtualClock())
        XCTAssertEqual(restarted.ringingDials(of: "a0").count, 2)
        XCTAssertEqual(try restarted.recover(), [])
        XCTAssertEqual(interrupted.map { store.inner.dials[$0.id]?.outcome }, [.cancelled, .cancelled])
        XCTAssertEqual(restarted.state(of: "a0")?.status, .ready)
        XCTAssertEqual(restarted.state(of: "a0")?.cdc, 2)
        XCTAssertEqual(restarted.ringingDials(of: "a0").count, 2, "the agent dials again")
        // The redials are decided in the recovery's own commit, while the cancelled leads are
        // still reserved: fresh leads now, the cancelled ones dialable again after it.
        XCTAssertEqual(telephony.placed.count, 2)
        XCTAssertTrue(Set(telephony.placed.map(\.number)).isDisjoint(with: interrupted.map(\.number)))
        XCTAssertEqual(try store.inner.listLeads().filter { interrupted.map(\.number).contains($0.number) }.map(\.state), [.available, .available])
        XCTAssertEqual(restarted.facts.inFlight, 2)
    }

    func testACrashCannotSeparateAnEventFromTheDialingItLaunches() throws {
        let store = FlakyStore()
        let telephony = CheckingTelephony(store: store)
        let engine = try makeEngine(store, telephony, agents: 1)
        let before = store.commits
        engine.handle(AgentEvent(agentID: "a0", kind: .login))
        // Login (ready, launch dialing) and the dialing it launched (two dials) in one commit:
        // no store state has the agent ready with nothing ringing.
        XCTAssertEqual(store.commits - before, 1)
        XCTAssertEqual(try store.inner.loadAgents().first?.status, .ready)
        XCTAssertEqual(try store.inner.loadOpenDials().count, 2)
    }

    func testRecoveryCommitsItsCancellationsWithWhatTheRulesDoAboutThem() throws {
        let store = FlakyStore()
        let first = try makeEngine(store, CheckingTelephony(store: store), agents: 1)
        first.handle(AgentEvent(agentID: "a0", kind: .login))
        let restarted = try DialerEngine(
            rules: SeedMatrixRules(), store: store, leads: StoredLeadPool(store: store), telephony: CheckingTelephony(store: store),
            clock: VirtualClock())
        store.failing = true
        // Refused: both call_fail events and the dialing events they launched.
        XCTAssertEqual(try restarted.recover(), Array(repeating: .store(.full(store: "flaky:"), during: .commit), count: 4))
        // Nothing of the recovery was written, and the engine still holds the dials to recover.
        XCTAssertEqual(try store.inner.loadOpenDials().count, 2)
        XCTAssertEqual(restarted.ringingDials(of: "a0").count, 2)
        store.failing = false
        let before = store.commits
        XCTAssertEqual(try restarted.recover(), [])
        XCTAssertEqual(store.commits - before, 1, "the cancellations, the call_fail events and the redial in one commit")
        XCTAssertEqual(try store.inner.loadOpenDials().count, 2)
        XCTAssertEqual(restarted.state(of: "a0")?.cdc, 2)
    }

    func testRecoveryEndsConnectedCallsSoNoAgentStaysInCall() throws {
        let store = FlakyStore()
        let first = try makeEngine(store, CheckingTelephony(store: store), agents: 1)
        first.handle(AgentEvent(agentID: "a0", kind: .login))
        first.handle(AgentEvent(agentID: "a0", kind: .callStart, number: first.ringingDials(of: "a0")[0].number))
        XCTAssertEqual(first.state(of: "a0")?.status, .inCall)

        let restarted = try DialerEngine(
            rules: SeedMatrixRules(), store: store, leads: StoredLeadPool(store: store), telephony: CheckingTelephony(store: store),
            clock: VirtualClock())
        try restarted.recover(policy: .endCalls)
        XCTAssertEqual(restarted.state(of: "a0")?.status, .ready)
        XCTAssertNil(restarted.liveCall(of: "a0"))
        XCTAssertEqual(store.inner.dials[1]?.outcome, .completed)
    }

    func testRecoveryCanKeepConnectedCalls() throws {
        let store = FlakyStore()
        let first = try makeEngine(store, CheckingTelephony(store: store), agents: 1)
        first.handle(AgentEvent(agentID: "a0", kind: .login))
        first.handle(AgentEvent(agentID: "a0", kind: .callStart, number: first.ringingDials(of: "a0")[0].number))
        let restarted = try DialerEngine(
            rules: SeedMatrixRules(), store: store, leads: StoredLeadPool(store: store), telephony: CheckingTelephony(store: store),
            clock: VirtualClock())
        try restarted.recover(policy: .keepConnectedCalls)
        XCTAssertEqual(restarted.state(of: "a0")?.status, .inCall)
        XCTAssertEqual(restarted.liveCall(of: "a0")?.id, 1)
        XCTAssertTrue(restarted.ringingDials(of: "a0").isEmpty)
    }
}
