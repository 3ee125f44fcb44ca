import DialerCore
import DialerReference
import XCTest

/// What the engine journals (`DialerEngine.journalsInputs`): each input it accepts, once, as
/// reported, at the clock reading it used, in the commit of its effects; never the `dialing`
/// events its rules launch, a refused event, or a group whose commit failed.
final class EngineJournalTests: XCTestCase {
    private func makeEngine(_ store: FlakyStore, clock: VirtualClock, rules: any RuleSet = SeedMatrixRules()) throws -> DialerEngine {
        _ = try store.addLeads((0..<100).map(LeadList.fictionalNumber))
        let engine = try DialerEngine(rules: rules, store: store, leads: StoredLeadPool(store: store), telephony: RecordingTelephony(), clock: clock)
        engine.journalsInputs = true
        return engine
    }

    func testEachAcceptedInputIsJournaledOnceAsReportedAndNotTheDialingItLaunched() throws {
        let store = FlakyStore()
        let clock = VirtualClock(start: 50)
        let engine = try makeEngine(store, clock: clock)
        try engine.addAgent(AgentState(agentID: "a1"))
        clock.advance(to: 60)
        XCTAssertEqual(engine.handle(AgentEvent(agentID: "a1", kind: .login)), [])
        let dialed = try XCTUnwrap(engine.ringingDials(of: "a1").first)
        clock.advance(to: 70)
        XCTAssertEqual(engine.handle(AgentEvent(agentID: "a1", kind: .callFail, number: dialed.number, reason: .busy)), [])
        clock.advance(to: 80)
        try engine.removeAgent("a1")
        let journal = try store.journalEntries()
        XCTAssertEqual(
            journal.map(\.input),
            [
                .agentAdded(agentID: "a1"), .event(agentID: "a1", kind: .login, number: nil, reason: nil),
                .event(agentID: "a1", kind: .callFail, number: dialed.number, reason: .busy), .agentRemoved(agentID: "a1"),
            ], "the dialing events the rules launched follow from the inputs: not journaled")
        XCTAssertEqual(journal.map(\.time), [50, 60, 70, 80], "each at the clock reading the engine used")
    }

    func testARefusedEventIsNotJournaled() throws {
        let store = FlakyStore()
        let engine = try makeEngine(store, clock: VirtualClock(), rules: FixedRules(error: .runtime(message: "boom", traceback: nil)))
        try engine.addAgent(AgentState(agentID: "a1"))
        XCTAssertFalse(engine.handle(AgentEvent(agentID: "a1", kind: .login)).isEmpty)
        XCTAssertEqual(try store.journalEntries().map(\.kind), [.agentAdded])
    }

    func testAFailedGroupCommitTakesItsJournalEntriesBack() throws {
        let store = FlakyStore()
        let engine = try makeEngine(store, clock: VirtualClock())
        engine.commitMode = .grouped(maxEvents: 1000)
        for i in 0..<3 { try engine.addAgent(AgentState(agentID: "a\(i)")) }
        store.failing = true
        engine.submit(AgentEvent(agentID: "a0", kind: .login))
        engine.submit(AgentEvent(agentID: "a1", kind: .login))
        XCTAssertFalse(engine.drain().isEmpty)
        store.failing = false
        engine.submit(AgentEvent(agentID: "a2", kind: .login))
        XCTAssertEqual(engine.drain(), [])
        let events = try store.journalEntries().filter { $0.kind == .event }.map(\.input)
        XCTAssertEqual(events, [.event(agentID: "a2", kind: .login, number: nil, reason: nil)], "only the committed group's input")
    }

    func testNothingIsJournaledUnlessAsked() throws {
        let store = FlakyStore()
        let engine = try makeEngine(store, clock: VirtualClock())
        engine.journalsInputs = false
        try engine.addAgent(AgentState(agentID: "a1"))
        engine.handle(AgentEvent(agentID: "a1", kind: .login))
        XCTAssertEqual(try store.journalEntries(), [])
    }

    func testSHA256OfKnownTexts() {
        XCTAssertEqual(TextDigest.sha256(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(TextDigest.sha256("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(
            TextDigest.sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", "two blocks")
    }
}
