import Foundation

/// What the engine publishes for the routes that answer without waiting for the engine thread
/// (`GET /health`, `GET /rules`): whether it takes events, how many agents it drives, the live
/// rules, and since when its thread has been in its current job. The host writes it after each
/// change; the routes read it under a lock, so a rule or a store call that holds the engine
/// thread for minutes does not hold them.
final class EngineBoard: @unchecked Sendable {
    // @unchecked: every stored `var` is only touched under `lock`.
    private let lock = NSLock()
    private let thread: EngineThread
    private var accepting = true
    private var agentCount = 0
    private var liveRules: LiveRules
    private var failedReload: ReloadFailure?

    /// How long one job may hold the engine thread before `/health` says `busy` (503): an event
    /// takes milliseconds, so a second means a rule or a store call that does not come back.
    static let busyAfterSeconds = 1.0

    /// A board for the engine on `thread`, with the rules loaded at start.
    init(thread: EngineThread, rules: LiveRules) {
        self.thread = thread
        liveRules = rules
    }

    /// When the engine thread's current job started; nil while it waits for work.
    var busySince: Date? { thread.busySince }

    /// The rules now live.
    var rules: LiveRules { lock.withLock { liveRules } }

    /// Publishes the number of agents the engine drives.
    func publish(agents: Int) { lock.withLock { agentCount = agents } }

    /// Publishes rules that went live; the last reload error is behind them.
    func publish(rules: LiveRules) {
        lock.withLock {
            liveRules = rules
            failedReload = nil
        }
    }

    /// The last refused reload, until rules go live again.
    var reloadError: ReloadFailure? { lock.withLock { failedReload } }

    /// Publishes a refused reload (the wallboard shows it).
    func publish(reloadError message: String, at time: Date = Date()) {
        lock.withLock { failedReload = ReloadFailure(at: time.timeIntervalSince1970, message: message) }
    }

    /// Publishes that the engine takes no more events.
    func publishStopping() { lock.withLock { accepting = false } }

    /// `GET /health`: `stopping`, else `busy` once one job has held the engine thread for
    /// `busyAfterSeconds`, else `ok`; `busy_since` whenever the engine is in a job.
    func health(now: Date = Date()) -> HealthReply {
        let (accepting, agents, version) = lock.withLock { (self.accepting, agentCount, liveRules.version) }
        let since = busySince
        let seconds = since.map { max(now.timeIntervalSince($0), 0) }
        let status = !accepting ? "stopping" : (seconds ?? 0) >= Self.busyAfterSeconds ? "busy" : "ok"
        return HealthReply(
            status: status, agents: agents, rulesVersion: version,
            busySince: since?.ISO8601Format(Date.ISO8601FormatStyle(includingFractionalSeconds: true)),
            busySeconds: seconds)
    }
}
