// The embedding example (docs/embedding.md) as a program CI builds and runs: one engine in memory
// with the rules of a Lua file, one agent, one login, and the dials it placed.
//
//     swift build --product EmbeddingExample     # `swift build` builds it too
//     .build/debug/EmbeddingExample [RULES.lua]  # default: rules/default.lua
//
// Exit status 0 when the agent is `ready` and dials went out, 1 otherwise.
import DialerCore
import DialerLua
import Foundation

/// Prints the message on standard error and exits with status 1.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("EmbeddingExample: \(message)\n".utf8))
    exit(1)
}

let rulePath = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "rules/default.lua"

do {
    let rules = try LuaRuleSet(file: rulePath)
    let telephony = RecordingTelephony()  // or your PBX adapter: place(_:), hangUp(number:agentID:), bridge(_:placedFor:)
    let engine = try DialerEngine(
        rules: rules, store: InMemoryAgentStore(), leads: LeadList(["+12125550100", "+12125550101"]),
        telephony: telephony, clock: SystemClock())
    try engine.addAgent(AgentState(agentID: "a1"))
    let errors = engine.handle(AgentEvent(agentID: "a1", kind: .login))  // [] on success
    guard errors.isEmpty else {
        fail("the engine refused the login:\n" + errors.map(\.description).joined(separator: "\n"))
    }
    guard let state = engine.state(of: "a1") else { fail("agent a1 is gone after its login") }
    let placed = telephony.placed.map(\.number)
    print(state.status, placed)  // ready ["+12125550100", "+12125550101"]
    guard state.status == .ready else { fail("expected a1 to be ready after its login, got \(state.status)") }
    guard !placed.isEmpty else { fail("the login placed no dial (DIAL_RATIO 0 in \(rulePath)?)") }
} catch let error as RuleError {
    fail("cannot use the rule file \(rulePath):\n\(error)")
} catch {
    fail("\(error)")
}
