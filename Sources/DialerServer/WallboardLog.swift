import DialerCore
import Foundation

/// What the wallboard needs that the engine does not keep: since when each agent has been in
/// its status, and the latest warnings. The engine host feeds it every step it absorbs.
struct WallboardLog {
    /// How many warnings it keeps, newest last.
    static let warningLimit = 200

    private(set) var since: [String: Double] = [:]
    private(set) var warnings: [WallboardWarning] = []
    /// Counts the steps seen, so that the stream sends a snapshot only after a change.
    private(set) var changes = 0

    /// Notes a status change and the warnings of `step`, at `now` (wall clock).
    mutating func note(_ step: EngineStep, now: Double = Date().timeIntervalSince1970) {
        changes += 1
        let agentID = step.event.agentID
        if since[agentID] == nil || step.before?.status != step.after?.status { since[agentID] = now }
        for warning in step.warnings {
            warnings.append(WallboardWarning(at: now, agentID: warning.agentID, code: warning.code, message: warning.message))
        }
        if warnings.count > Self.warningLimit { warnings.removeFirst(warnings.count - Self.warningLimit) }
    }

    /// A change the steps do not show (an agent added or removed, dialing paused).
    mutating func noteChange() { changes += 1 }

    /// When `agentID` entered its status; `fallback` for one not seen changing.
    func since(_ agentID: String, fallback: Double) -> Double { since[agentID] ?? fallback }
}
