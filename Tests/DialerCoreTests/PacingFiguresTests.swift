import DialerCore
import XCTest

/// The recent-window figures pacing rules read: the windows, the agents in calls, and the
/// kernel keeping and taking them back.
final class PacingFiguresTests: XCTestCase {
    func testARecentWindowKeepsTheLatestFiguresWithTheirMeanAndQuantiles() {
        var window = RecentWindow(capacity: 4)
        XCTAssertEqual(window.mean, 0)
        XCTAssertEqual(window.quantile(0.9), 0)
        for value in [10.0, 40, 20, 30] { _ = window.push(value) }
        XCTAssertEqual(window.mean, 25)
        XCTAssertEqual(window.quantile(0.5), 20, "nearest rank: 2 of 4")
        XCTAssertEqual(window.quantile(0.9), 40)
        XCTAssertEqual(window.countAbove(20), 2)
        _ = window.push(50)  // the oldest, 10, goes
        XCTAssertEqual(window.count, 4)
        XCTAssertEqual(window.mean, 35)
        XCTAssertEqual(window.quantile(0.01), 20)
        XCTAssertEqual(window.countAbove(0), 4)
    }

    func testUndoingPushesInReverseGivesBackEveryEarlierWindow() {
        var generator = SystemRandomNumberGenerator()
        var window = RecentWindow(capacity: 5)
        var earlier: [(RecentWindow, Double, Double)] = []
        var undo: [RecentWindow.Undo] = []
        for _ in 0..<40 {
            earlier.append((window, window.mean, window.quantile(0.9)))
            undo.append(window.push(Double(Int.random(in: 0..<20, using: &generator))))
        }
        while let (before, mean, p90) = earlier.popLast() {
            window.undo(undo.removeLast())
            XCTAssertEqual(window, before)
            XCTAssertEqual(window.mean, mean, accuracy: 1e-9)
            XCTAssertEqual(window.quantile(0.9), p90)
        }
        XCTAssertEqual(window.count, 0)
    }

    func testStartTimesCountAgentsBySecondAndTakeChangesBack() {
        var times = StartTimes()
        times.start(at: 10.2)
        times.start(at: 10.9)
        times.start(at: 30)
        times.end(startedAt: 10.2)
        XCTAssertEqual(times.count, 2)
        XCTAssertEqual(seconds(times), [10: 1, 30: 1])
        times.start(at: 5)  // a clock set back: still counted at its second
        XCTAssertEqual(seconds(times), [5: 1, 10: 1, 30: 1])
        times.undo(at: 5, started: true)
        times.undo(at: 10.2, started: false)
        XCTAssertEqual(seconds(times), [10: 2, 30: 1])
        for _ in 0..<2 { times.end(startedAt: 10) }
        times.compact()
        XCTAssertEqual(seconds(times), [30: 1])
    }

    private func seconds(_ times: StartTimes) -> [Int: Int] {
        var seen: [Int: Int] = [:]
        times.forEach { seen[Int($0), default: 0] += $1 }
        return seen
    }

    func testAgentsFreeSoonFollowHowLongRecentCallsLasted() throws {
        var kernel = DecisionKernel()
        kernel.supplyDialIDs(1..<1_000)
        XCTAssertEqual(kernel.pacing.agentsFree(within: 60, at: 0), 0, "nothing measured: nobody is expected")
        // Four calls of 100 s each, then two agents in calls: one for 90 s, one for 10 s.
        for i in 1...4 { try call("m\(i)", from: 0, to: 100, in: &kernel) }
        try enterCall("a", at: 110, in: &kernel)
        try enterCall("b", at: 190, in: &kernel)
        XCTAssertEqual(kernel.pacing.callSeconds, 100)
        XCTAssertEqual(kernel.pacing.callSecondsP90, 100)
        XCTAssertEqual(kernel.pacing.inCall.count, 2)
        // At 200: a is 90 s in (every recent call ended within 20 s more), b 10 s in (none did).
        let prior = 1 - exp(-20.0 / 100)
        let expected = (4 + prior) / 5 + (0 + prior) / 5
        XCTAssertEqual(kernel.pacing.agentsFree(within: 20, at: 200), expected, accuracy: 1e-9)
        XCTAssertEqual(kernel.pacing.attempts.count, 0, "answers the kernel never saw ringing are no measured attempt")
        XCTAssertEqual(kernel.pacing.answers(within: 20, at: 200), 0, "nothing rings")
    }

    func testRollbackTakesThePacingFiguresBackAndTheRulesReadTimeInStatus() throws {
        var kernel = DecisionKernel()
        kernel.supplyDialIDs(1..<1_000)
        kernel.install(AgentState(agentID: "a1"))
        _ = try step(
            AgentEvent(agentID: "a1", kind: .login), .init(change: StateChange(status: .ready), effects: [.dial(2)]), at: 5, in: &kernel,
            leads: ["+12125550100", "+12125550101"])
        kernel.settle()
        XCTAssertEqual(kernel.pacing.ringing.count, 2)
        let settled = kernel.pacing
        _ = try step(AgentEvent(agentID: "a1", kind: .callFail, number: "+12125550101", reason: .busy), .ignore, at: 9, in: &kernel)
        _ = try step(
            AgentEvent(agentID: "a1", kind: .callStart, number: "+12125550100"), .init(change: StateChange(status: .inCall)), at: 12, in: &kernel)
        XCTAssertEqual(kernel.pacing.answerSeconds, 7)
        XCTAssertEqual(kernel.pacing.recentAnswerRate, 0.5)
        XCTAssertEqual(kernel.pacing.inCall.count, 1)
        XCTAssertEqual(kernel.pacing.ringing.count, 0)
        guard case .decide(let decision) = kernel.prepare(AgentEvent(agentID: "a1", kind: .keepAlive), routing: .dialingAgent, at: 20) else {
            return XCTFail("expected a decision")
        }
        XCTAssertEqual(decision.input.secondsInStatus, 8, "in_call since 12")
        kernel.rollback()
        XCTAssertEqual(kernel.pacing, settled)
        XCTAssertEqual(kernel.pacing.inCall.count, 0)
        XCTAssertEqual(kernel.pacing.attempts.count, 0)
    }

    func testAnswersSoonWeighEachRingingDialByHowLongItHasRung() throws {
        var figures = PacingFigures()
        // Recent attempts: half answered (after 5 s each), half missed (after 20 s each).
        for _ in 0..<10 {
            _ = figures.measureAnswer(after: 5)
            _ = figures.measureMiss(after: 20)
        }
        XCTAssertEqual(figures.answerChance(afterRinging: 0, within: 10), 0.5, accuracy: 1e-9)
        XCTAssertEqual(figures.answerChance(afterRinging: 0, within: 4), 0, accuracy: 1e-9)
        XCTAssertEqual(figures.answerChance(afterRinging: 6, within: 30), 0, accuracy: 1e-9, "past every answer time: only misses are left")
        _ = figures.start(.ringing, at: 100)
        _ = figures.start(.ringing, at: 107)
        XCTAssertEqual(
            figures.answers(within: 10, at: 108), 0.5, accuracy: 1e-9, "the dial 8 s old is done for; the one 1 s old answers half the time")
    }

    // MARK: Driving the kernel

    private func step(_ event: AgentEvent, _ reaction: Reaction, at now: Timestamp, in kernel: inout DecisionKernel, leads: [String] = []) throws
        -> Step
    {
        guard case .decide(let decision) = kernel.prepare(event, routing: .dialingAgent, at: now) else {
            XCTFail("expected the rules to decide \(event)")
            throw CancellationError()
        }
        var grant = LeadGrant()
        leads.forEach { grant.append($0) }
        grant.endBatch(shortfall: nil)
        return kernel.apply(decision, reaction, leads: grant, at: now)
    }

    private func enterCall(_ agent: String, at time: Timestamp, in kernel: inout DecisionKernel) throws {
        kernel.install(AgentState(agentID: agent, status: .ready))
        _ = try step(
            AgentEvent(agentID: agent, kind: .callStart, number: "+12125550199"), .init(change: StateChange(status: .inCall)), at: time, in: &kernel)
        kernel.settle()
    }

    private func call(_ agent: String, from start: Timestamp, to end: Timestamp, in kernel: inout DecisionKernel) throws {
        try enterCall(agent, at: start, in: &kernel)
        _ = try step(AgentEvent(agentID: agent, kind: .callEnd), .init(change: StateChange(status: .ready)), at: end, in: &kernel)
        kernel.settle()
    }
}
