import DialerCore
import DialerLua
import Foundation
import Logging

/// Reloads a rule file on every trigger (the watcher, SIGHUP, `POST /rules/reload` or
/// `POST /shadow/reload`): reads and checks it with the `RuleLoader`, off the engine thread, and
/// only a good file goes to its `destination` (the live rules or the shadow), swapped in between
/// two events. A bad file is refused with its `file:line` problems and counted; what was in
/// place stays.
struct RuleReloader: Sendable {
    let file: String
    let loader: RuleLoader
    let destination: any RuleDestination
    let logger: Logger

    /// The reloader of `configuration`'s rule file, with its seed and Lua limits, for `host`.
    init(configuration: ServerConfiguration, host: EngineHost, metrics: ServiceMetrics, logger: Logger) {
        self.init(
            file: configuration.rulesFile, configuration: configuration,
            destination: LiveRuleDestination(host: host, metrics: metrics, logger: logger), logger: logger)
    }

    /// The reloader of `configuration`'s shadow rule file; nil without one.
    static func shadow(configuration: ServerConfiguration, host: EngineHost, metrics: ServiceMetrics, logger: Logger) -> RuleReloader? {
        configuration.shadowRulesFile.map { file in
            RuleReloader(
                file: file, configuration: configuration, destination: ShadowRuleDestination(host: host, metrics: metrics, logger: logger),
                logger: logger)
        }
    }

    /// The reloader of `file` for `destination`, with `configuration`'s seed and Lua limits (a
    /// loader of its own: a shadow that loads long holds no live reload).
    init(file: String, configuration: ServerConfiguration, destination: any RuleDestination, logger: Logger) {
        self.file = file
        loader = RuleLoader(file: file, seed: configuration.seed, limits: configuration.luaLimits)
        self.destination = destination
        self.logger = logger
    }

    /// Reloads `source` (the file's text as just read) or the file; returns the rules now live.
    func reload(source: String? = nil, trigger: ReloadTrigger) async throws(ServiceError) -> LiveRules {
        let text: String
        do {
            text = try source ?? String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw await refuse([RuleProblem(file: file, line: nil, message: "cannot read rule file: \(error.localizedDescription)")], trigger)
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
                throw await refuse(problems, trigger)
            case .rules(let other):
                throw await refuse([RuleProblem(file: file, line: nil, message: other.description)], trigger)
            case .abandoned:
                throw .stopping
            }
        }
        return try await destination.install(ruleSet, source: text, trigger: trigger)
    }

    private func refuse(_ problems: [RuleProblem], _ trigger: ReloadTrigger) async -> ServiceError {
        let error = ServiceError.rulesRejected(problems)
        await destination.refuse(error, trigger: trigger)
        return error
    }
}
