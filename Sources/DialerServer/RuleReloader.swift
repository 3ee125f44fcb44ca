import DialerCore
import DialerLua
import Foundation
import Logging

/// Reloads the rule file on every trigger (the watcher, SIGHUP, `POST /rules/reload`): reads
/// and checks it with the `RuleLoader`, off the engine thread, and only a good file goes to the
/// host, which swaps it in between two events. A bad file is refused with its `file:line`
/// problems and counted; the live rules stay.
struct RuleReloader: Sendable {
    let file: String
    let loader: RuleLoader
    let host: EngineHost
    let metrics: ServiceMetrics
    let logger: Logger

    /// The reloader of `configuration`'s rule file, with its seed and Lua limits, for `host`.
    init(configuration: ServerConfiguration, host: EngineHost, metrics: ServiceMetrics, logger: Logger) {
        file = configuration.rulesFile
        loader = RuleLoader(file: configuration.rulesFile, seed: configuration.seed, limits: configuration.luaLimits)
        self.host = host
        self.metrics = metrics
        self.logger = logger
    }

    /// Reloads `source` (the file's text as just read) or the file; returns the rules now live.
    func reload(source: String? = nil, trigger: ReloadTrigger) async throws(ServiceError) -> LiveRules {
        let text: String
        do {
            text = try source ?? String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw refuse([RuleProblem(file: file, line: nil, message: "cannot read rule file: \(error.localizedDescription)")], trigger)
        }
        let ruleSet: LuaRuleSet
        do {
            ruleSet = try await loader.load(text, trigger: trigger)
        } catch {
            switch error {
            case .busy(let since, let running):
                // Not logged for the watcher: it tries again at its next look.
                if trigger != .watch {
                    logger.warning("reload (\(trigger.rawValue)) refused: a reload (\(running.rawValue)) has been loading \(file) since \(since)")
                }
                throw .reloadInProgress(since: since, trigger: running.rawValue)
            case .rules(.invalid(let problems)):
                throw refuse(problems, trigger)
            case .rules(let other):
                throw refuse([RuleProblem(file: file, line: nil, message: other.description)], trigger)
            case .abandoned:
                throw .stopping
            }
        }
        return try await host.install(ruleSet, source: text, trigger: trigger)
    }

    private func refuse(_ problems: [RuleProblem], _ trigger: ReloadTrigger) -> ServiceError {
        metrics.countReload(ok: false, trigger: trigger.rawValue)
        let error = ServiceError.rulesRejected(problems)
        host.board.publish(reloadError: error.description)
        logger.error("\(error) (\(trigger.rawValue); live: \(host.board.rules.version))")
        return error
    }
}
