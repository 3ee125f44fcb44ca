/// How scenarios are replayed.
public struct ScenarioOptions: Sendable {
    /// Rule file used when a scenario names none.
    public var defaultRules: String
    /// When set, every scenario uses this rule file instead of the one it names.
    public var rulesOverride: String?
    /// Seeds `math.random` in scenarios and rules.
    public var seed: Int
    /// Limits for rule handlers.
    public var ruleLimits: LuaLimits
    /// Limits for a whole scenario script (instructions are counted for the whole file).
    public var scenarioLimits: LuaLimits

    /// Default options: `rules/default.lua`, seed 1.
    public init(
        defaultRules: String = "rules/default.lua", rulesOverride: String? = nil, seed: Int = 1,
        ruleLimits: LuaLimits = LuaLimits(),
        scenarioLimits: LuaLimits = .scenario
    ) {
        self.defaultRules = defaultRules
        self.rulesOverride = rulesOverride
        self.seed = seed
        self.ruleLimits = ruleLimits
        self.scenarioLimits = scenarioLimits
    }
}
