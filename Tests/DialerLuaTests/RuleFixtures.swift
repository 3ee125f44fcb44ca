import DialerCore
import DialerLua
import Foundation

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The text of `rules/default.lua`.
let defaultRulesSource = try! String(contentsOf: repositoryRoot.appendingPathComponent("rules/default.lua"), encoding: .utf8)

/// The default rules with one line replaced, so a test changes one cell and nothing else.
func defaultRules(replacing old: String, with new: String) -> String {
    precondition(defaultRulesSource.contains(old), "rules/default.lua no longer contains \(old)")
    return defaultRulesSource.replacingOccurrences(of: old, with: new)
}

/// The 1-based line of the first occurrence of `text` in `source`.
func line(of text: String, in source: String) -> Int {
    let prefix = source.components(separatedBy: text)[0]
    return prefix.filter { $0 == "\n" }.count + 1
}

/// An input for `agent` in `status` receiving `event`.
func input(_ status: AgentStatus, _ event: EventKind, cdc: Int = 0, number: String? = nil, now: Double = 0, timestamp: Double? = nil) -> RuleInput {
    var facts = CampaignFacts()
    facts.now = now
    return RuleInput(
        agent: AgentState(agentID: "a1", status: status, cdc: cdc, timestamp: timestamp),
        event: AgentEvent(agentID: "a1", kind: event, number: number), inFlight: 0, campaign: facts)
}

/// Writes `text` to a new temporary file and returns its path.
func temporaryFile(_ text: String, name: String = "rules.lua") -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dialer-tests-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent(name)
    try! text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
}
