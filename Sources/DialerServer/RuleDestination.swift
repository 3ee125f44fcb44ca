import DialerLua
import Logging

/// Where a rule file the `RuleReloader` loaded and checked goes, and who hears of a refused
/// one: the live rules, or the shadow rules of `--shadow-rules`.
protocol RuleDestination: Sendable {
    /// The version in place now (where a watcher starts from).
    func version() async -> String
    /// Puts checked rules in place between two events; returns them.
    func install(_ ruleSet: sending LuaRuleSet, source: String, trigger: ReloadTrigger) async throws(ServiceError) -> LiveRules
    /// Counts, publishes and logs a refused file; what was in place stays.
    func refuse(_ error: ServiceError, trigger: ReloadTrigger) async
}

/// The live rules: journaled, swapped into the engine, shown by `GET /rules` and the wallboard.
struct LiveRuleDestination: RuleDestination {
    let host: EngineHost
    let metrics: ServiceMetrics
    let logger: Logger

    func version() async -> String { host.board.rules.version }

    func install(_ ruleSet: sending LuaRuleSet, source: String, trigger: ReloadTrigger) async throws(ServiceError) -> LiveRules {
        try await host.install(ruleSet, source: source, trigger: trigger)
    }

    func refuse(_ error: ServiceError, trigger: ReloadTrigger) async {
        metrics.countReload(ok: false, trigger: trigger.rawValue)
        host.board.publish(reloadError: error.description)
        logger.error("\(error) (\(trigger.rawValue); live: \(host.board.rules.version))")
    }
}

/// The shadow rules: never journaled (nothing they decide is applied), shown by `GET /shadow`.
struct ShadowRuleDestination: RuleDestination {
    let host: EngineHost
    let metrics: ServiceMetrics
    let logger: Logger

    func version() async -> String { await host.shadowVersion ?? "" }

    func install(_ ruleSet: sending LuaRuleSet, source: String, trigger: ReloadTrigger) async throws(ServiceError) -> LiveRules {
        try await host.installShadow(ruleSet, source: source, trigger: trigger)
    }

    func refuse(_ error: ServiceError, trigger: ReloadTrigger) async {
        metrics.countShadowReload(ok: false, trigger: trigger.rawValue)
        await host.refuseShadow(error.description)
        let kept = await version()
        logger.error("shadow \(error) (\(trigger.rawValue); shadow: \(kept))")
    }
}
