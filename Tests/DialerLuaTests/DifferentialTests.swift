import DialerCore
import DialerLua
import DialerReference
import XCTest

/// `rules/default.lua` and the native Swift reference of the seed matrix, fed the same random
/// event streams, must leave the same states and ask for the same effects, event by event.
final class DifferentialTests: XCTestCase {
    private func makeEngine(_ rules: any RuleSet, _ clock: VirtualClock, agents: [String]) throws -> DialerEngine {
        let engine = try DialerEngine(
            rules: rules, store: InMemoryAgentStore(), leads: LeadList([], generateAfterList: true), telephony: RecordingTelephony(), clock: clock)
        for id in agents { try engine.addAgent(AgentState(agentID: id)) }
        return engine
    }

    /// A step as comparable values: who, what, the state after, and every effect that left.
    private func fingerprint(_ step: EngineStep) -> String {
        let state = step.after.map { "\($0)" } ?? "-"
        return
            "\(step.event) -> \(state) dialed \(step.placed.map(\.number)) ended \(step.ended) warned \(step.warnings.map(\.code)) error \(step.error.map { "\($0)" } ?? "-")"
    }

    func testDefaultRulesMatchTheNativeReferenceOnRandomEventStreams() throws {
        let agents = (0..<4).map { "a\($0)" }
        for seed in UInt64(1)...6 {
            let luaClock = VirtualClock()
            let nativeClock = VirtualClock()
            let lua = try makeEngine(LuaRuleSet(file: repositoryRoot.appendingPathComponent("rules/default.lua").path), luaClock, agents: agents)
            let native = try makeEngine(SeedMatrixRules(), nativeClock, agents: agents)
            var luaSteps: [String] = []
            var nativeSteps: [String] = []
            lua.onStep = { luaSteps.append(self.fingerprint($0)) }
            native.onStep = { nativeSteps.append(self.fingerprint($0)) }
            var random = SeededRandom(seed: seed)
            for i in 0..<600 {
                let event = Self.randomEvent(for: lua, agents: agents, using: &random)
                // Round steps, so that exactly KEEP_ALIVE_INTERVAL seconds often pass between events.
                let advance = [0.0, 0, 0, 15, 30, 60][Int.random(in: 0..<6, using: &random)]
                luaClock.advance(to: luaClock.now + advance)
                nativeClock.advance(to: nativeClock.now + advance)
                lua.handle(event)
                native.handle(event)
                guard luaSteps == nativeSteps else {
                    let at =
                        zip(luaSteps, nativeSteps).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                        ?? min(luaSteps.count, nativeSteps.count)
                    return XCTFail(
                        "seed \(seed), event \(i): the engines diverge at step \(at)\nlua:    \(luaSteps.count > at ? luaSteps[at] : "-")\nnative: \(nativeSteps.count > at ? nativeSteps[at] : "-")"
                    )
                }
                for id in agents { XCTAssertEqual(lua.state(of: id), native.state(of: id), "seed \(seed), event \(i), \(id)") }
            }
            XCTAssertEqual(lua.facts, native.facts, "seed \(seed)")
            XCTAssertGreaterThan(luaSteps.count, 600, "launched dialing events are compared too")
        }
    }

    /// Any event at any time, numbers mostly from the agent's own dials (so calls really start
    /// and end) and sometimes unknown, so every cell of the matrix is exercised.
    static func randomEvent(for engine: DialerEngine, agents: [String], using random: inout SeededRandom) -> AgentEvent {
        let id = agents[Int.random(in: 0..<agents.count, using: &random)]
        let kind = EventKind.allCases[Int.random(in: 0..<EventKind.allCases.count, using: &random)]
        let ringing = engine.ringingDials(of: id).map(\.number)
        var number: String?
        switch kind {
        case .callStart, .callFail:
            number =
                !ringing.isEmpty && Int.random(in: 0..<10, using: &random) < 8
                ? ringing[Int.random(in: 0..<ringing.count, using: &random)] : "+1999555\(1000 + Int.random(in: 0..<9000, using: &random))"
        case .callEnd:
            number = Bool.random(using: &random) ? engine.liveCall(of: id)?.number : nil
        default:
            break
        }
        let reason = kind == .callFail ? FailReason.allCases[Int.random(in: 0..<3, using: &random)] : nil
        return AgentEvent(agentID: id, kind: kind, number: number, reason: reason)
    }
}
