import DialerCore
import DialerLua
import Foundation
import Logging
import Prometheus

/// The shadow rules of `serve --shadow-rules`: a second rule file asked about every decision
/// the live rules make, with the very input they read (agent, event, campaign facts, pacing
/// figures). Its reactions are compared, counted and logged, never applied: nothing it returns
/// reaches the decision kernel, so it places no dial and writes nothing to the store. A shadow
/// that fails is a difference of its own kind and never touches the live event.
///
/// Lives on the engine thread with the engine (`EngineHost`), which calls `compare` from
/// `DialerEngine.onDecision`.
final class ShadowRules {
    /// The counters of one matrix cell, looked up once: counting then costs no registry lookup.
    private struct Counters {
        var decisions: Counter
        var reactions: Counter
        var errors: Counter
    }

    private var ruleSet: LuaRuleSet
    /// The shadow file, its version and load time.
    private(set) var rules: LiveRules
    private var tally = ShadowTally()
    private var counters = [Counters?](repeating: nil, count: MatrixCell.count)
    private let countingSince = Date().timeIntervalSince1970
    private var reloads = 0
    private var reloadError: ReloadFailure?
    private let metrics: ServiceMetrics
    private let logger: Logger

    /// The shadow of `ruleSet`, loaded from `file` whose text is `source`.
    init(_ ruleSet: LuaRuleSet, file: String, source: String, metrics: ServiceMetrics, logger: Logger) {
        self.ruleSet = ruleSet
        rules = LiveRules(ruleSet, file: file, source: source)
        self.metrics = metrics
        self.logger = logger
    }

    /// Asks the shadow about `input`, which the live rules answered with `live`, and counts
    /// whether the two agree.
    func compare(_ input: RuleInput, live: Reaction) {
        let cell = MatrixCell(input.agent.status, input.event.kind)
        var shadow = Reaction.ignore
        var failure: RuleError?
        do {
            shadow = try ruleSet.react(to: input)
        } catch {
            failure = error
        }
        let verdict: ShadowTally.Verdict = failure != nil ? .failed : shadow == live ? .same : .differs
        let counters = self.counters(of: cell)
        counters.decisions.increment()
        guard let count = tally.count(cell, verdict) else { return }
        (failure == nil ? counters.reactions : counters.errors).increment()
        note(count, at: cell, input, live: ReactionView(live), shadow: failure.map(ReactionView.init(error:)) ?? ReactionView(shadow))
    }

    /// Keeps the difference as an example while examples are wanted, and logs it (see
    /// `ShadowTally.logsInFull`).
    private func note(_ count: Int, at cell: MatrixCell, _ input: RuleInput, live: ReactionView, shadow: ReactionView) {
        if tally.wantsExample { tally.keep(ShadowExample(input, live: live, shadow: shadow)) }
        if ShadowTally.logsInFull(count) {
            let event = input.event
            let about = [event.number, event.reason?.rawValue].compactMap { $0 }.joined(separator: ", ")
            let line =
                "shadow differs at \(cell) for agent '\(event.agentID)'\(about.isEmpty ? "" : " (\(about))"): live [\(live)], shadow [\(shadow)]"
                + (count == ShadowTally.linesPerCell ? " (\(count) in this cell: from now on the log only sums it up)" : "")
            if shadow.error != nil { logger.warning("\(line)") } else { logger.notice("\(line)") }
        } else if ShadowTally.logsSummary(count) {
            logger.notice("shadow differs at \(cell): \(count) times with \(rules.version) (GET /shadow, dialer_shadow_differences_total)")
        }
    }

    private func counters(of cell: MatrixCell) -> Counters {
        if let known = counters[cell.index] { return known }
        let made = Counters(
            decisions: metrics.shadowCounter(.decisions, cell), reactions: metrics.shadowCounter(.reaction, cell),
            errors: metrics.shadowCounter(.error, cell))
        counters[cell.index] = made
        return made
    }

    // MARK: Reload

    /// Puts reloaded shadow rules in place between two events; the counts go on, the examples
    /// and the log's lines per cell start afresh.
    func install(_ ruleSet: LuaRuleSet, source: String, trigger: ReloadTrigger) -> LiveRules {
        let previous = rules.version
        self.ruleSet = ruleSet
        rules = LiveRules(ruleSet, file: rules.file, source: source)
        reloads += 1
        reloadError = nil
        tally.startFile()
        metrics.countShadowReload(ok: true, trigger: trigger.rawValue)
        logger.notice(
            "shadow rules reloaded (\(trigger.rawValue)): \(rules.file) \(previous) -> \(rules.version); the counts go on, examples start afresh")
        return rules
    }

    /// Notes a refused shadow reload (`GET /shadow` shows it until one goes in).
    func refuse(_ message: String, at time: Date = Date()) {
        reloadError = ReloadFailure(at: time.timeIntervalSince1970, message: message)
    }

    /// `GET /shadow`.
    var view: ShadowView {
        ShadowView(
            rules: rules, countingSince: countingSince, reloads: reloads, reloadError: reloadError,
            decisions: tally.decisions.reduce(0, +), differences: tally.differences.reduce(0, +), errors: tally.errors.reduce(0, +),
            cells: tally.cells, examples: tally.examples)
    }
}
