import DialerCore
import DialerLua
import DialerSimulation
import Foundation

/// The repository root, found from this file's path (the rule files live there).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The path of a shipped rule file, e.g. `rules/default.lua`.
func rulePath(_ name: String) -> String { repositoryRoot.appendingPathComponent(name).path }

/// Small settings that run in well under a second in a debug build.
func smallSettings(agents: Int = 8, hours: Double = 1, seed: UInt64 = 1) -> SimulationSettings {
    var settings = SimulationSettings()
    settings.agents = agents
    settings.hours = hours
    settings.seed = seed
    return settings
}

/// Runs a simulation of the shipped rule file `rules` with `settings`.
func simulate(
    _ rules: String = "rules/default.lua", _ settings: SimulationSettings = smallSettings(), overrides: [String: LuaValue] = [:],
    store: any AgentStore = InMemoryAgentStore(), logs: SimulationLogs.Destination? = nil
) throws -> SimulationResult {
    let ruleSet = try Simulation.loadRules(rulePath(rules), overrides: overrides, seed: settings.seed)
    return try Simulation(settings: settings, rules: ruleSet, store: store, logs: logs).run()
}

/// A new empty temporary directory.
func temporaryDirectory() throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("dialer-sim-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.path
}
