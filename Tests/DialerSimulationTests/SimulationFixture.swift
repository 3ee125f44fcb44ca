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

/// A simulation of six agents for half an hour on a store that journals, its leads added
/// as `simulate --store` adds them.
func journaledRun(
    _ rules: String, overrides: [String: LuaValue] = [:], reloading other: String? = nil, at time: Timestamp = 0
) throws -> InMemoryAgentStore {
    let settings = smallSettings(agents: 6, hours: 0.5, seed: 3)
    let store = InMemoryAgentStore()
    let numbers = (0..<2_000).map(LeadList.fictionalNumber)
    _ = try store.addLeads(numbers, journal: JournalEntry(time: 0, input: .leadsAdded(numbers: numbers)))
    let ruleSet = try Simulation.loadRules(rulePath(rules), overrides: overrides, seed: settings.seed)
    let simulation = try Simulation(
        settings: settings, rules: ruleSet, store: store, leads: StoredLeadPool(store: store, settings: ruleSet.leadSettings),
        journal: JournalRetention(days: 7), ruleText: try String(contentsOfFile: rulePath(rules), encoding: .utf8))
    if let other {
        let path = rulePath(other)
        simulation.reloadRules(
            try Simulation.loadRules(path, seed: settings.seed), text: try String(contentsOfFile: path, encoding: .utf8), at: time)
    }
    _ = try simulation.run()
    return store
}
