import DialerCore
import XCTest

/// `RandomWorkload` in groups (`dialer soak --group`): the engine handles a group of events
/// after all of them were chosen, so the workload must not report twice on one dial.
final class RandomWorkloadTests: XCTestCase {
    func testInGroupsTheWorkloadAnswersAndFailsOnlyDialsStillRinging() throws {
        let numbers = (0..<5_000).map { "+1212\(2_000_000 + $0)" }
        let fixture = try EngineFixture(leads: numbers)
        fixture.engine.commitMode = .grouped(maxEvents: 64)
        let agents = (1...8).map { "a\($0)" }
        for id in agents { try fixture.engine.addAgent(AgentState(agentID: id)) }
        var placed: Set<Int> = []
        var callEvents = 0
        fixture.engine.onStep = { step in
            placed.formUnion(step.placed.map(\.id))
            if step.event.kind == .callStart || step.event.kind == .callFail { callEvents += 1 }
        }

        var workload = RandomWorkload(agentIDs: agents, seed: 7)
        for _ in 0..<100 {
            for _ in 0..<64 {
                fixture.engine.submit(workload.nextEvent(for: fixture.engine))
                fixture.clock.advance(to: fixture.clock.now + 0.01)
            }
            XCTAssertEqual(fixture.engine.drain(), [])
        }

        XCTAssertGreaterThan(callEvents, 500, "the workload answered and failed dials")
        let recorded = Set(try fixture.store.loadDials().map(\.id))
        XCTAssertEqual(
            recorded.subtracting(placed), [],
            "dials the engine recorded from a call_start for a dial that was no longer ringing (the rules placed \(placed.count))")
    }
}
