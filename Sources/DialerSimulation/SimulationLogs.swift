public import DialerCore
import Foundation
public import Logging

/// Seed 003's two logs: `dialer.log` (the engine's decisions and abnormal conditions) and
/// `agents.log` (what the agents' desktops do), through swift-log, stamped with virtual time.
///
/// Levels: `dialer.log` has every decision at `debug`, status changes at `info`, warnings
/// (`call_start_while_in_call`, `unhandled_answer`, `no_leads`, …) at `warning` and refused
/// events at `error`; `agents.log` has keep-alives at `debug`, logins, calls and logouts at
/// `info`, a login after being logged out by the dialer at `notice`, and lost keep-alives and
/// being logged out by the dialer at `warning`.
public struct SimulationLogs {
    /// Where `dialer.log` and `agents.log` go, and from which level.
    public struct Destination: Sendable, Equatable {
        /// The folder (created if missing).
        public var directory: String
        /// The lowest level written.
        public var level: Logger.Level

        /// A destination.
        public init(directory: String, level: Logger.Level = .info) {
            self.directory = directory
            self.level = level
        }
    }

    /// The engine's log.
    public let dialer: Logger
    /// The agents' log.
    public let agents: Logger
    private let files: [LogFile]

    /// Logs that go nowhere.
    public init() {
        dialer = Logger(label: "dialer", factory: SwiftLogNoOpLogHandler.init)
        agents = Logger(label: "agents", factory: SwiftLogNoOpLogHandler.init)
        files = []
    }

    /// Logs written to `dialer.log` and `agents.log` in the destination's folder.
    public init(_ destination: Destination, clock: any EngineClock) throws(SimulationError) {
        do {
            try FileManager.default.createDirectory(atPath: destination.directory, withIntermediateDirectories: true)
        } catch {
            throw .output(path: destination.directory, reason: "the folder cannot be created (\(error.localizedDescription))")
        }
        let dialerFile = try LogFile(path: destination.directory + "/dialer.log", clock: clock)
        let agentsFile = try LogFile(path: destination.directory + "/agents.log", clock: clock)
        dialer = Logger(label: "dialer") { _ in FileLogHandler(file: dialerFile, level: destination.level) }
        agents = Logger(label: "agents") { _ in FileLogHandler(file: agentsFile, level: destination.level) }
        files = [dialerFile, agentsFile]
    }

    /// Writes what is buffered and closes the files.
    public func close() { files.forEach { $0.close() } }

    /// Logs one engine step: the decision, a change of status, warnings, a refusal. Nothing is
    /// formatted unless a line is written.
    public func record(_ step: EngineStep, inFlight: @autoclosure () -> Int) {
        let statusChanged = step.before?.status != step.after?.status
        let wanted: Logger.Level =
            step.error != nil ? .error : !step.warnings.isEmpty ? .warning : statusChanged ? .info : .debug
        guard dialer.logLevel <= wanted else { return }
        let agent = step.event.agentID
        let cell = "\(step.before?.status.rawValue ?? "?") × \(step.event.kind)"
        let number = step.event.number.map { " " + $0 } ?? ""
        let reason = (step.event.reason.map { " (\($0.rawValue))" } ?? "") + (step.routedFrom.map { " (dialed for \($0))" } ?? "")
        if let error = step.error {
            dialer.error("\(agent) \(step.event.kind)\(number) refused on \(cell): \(error.description)")
            return
        }
        let flying = inFlight()
        dialer.debug(
            "\(agent) \(cell)\(number)\(reason): cdc \(step.before?.cdc ?? 0) -> \(step.after?.cdc ?? 0)\(Self.effects(step)), in flight \(flying)")
        if statusChanged, let before = step.before?.status, let after = step.after?.status {
            dialer.info("\(agent) \(before) -> \(after) on \(step.event.kind)\(number)\(reason) (cdc \(step.after?.cdc ?? 0), in flight \(flying))")
        }
        for warning in step.warnings {
            dialer.warning("\(agent) \(warning.code) on \(cell)\(number)\(warning.message.map { ": " + $0 } ?? "")\(Self.effects(step))")
        }
    }

    private static func effects(_ step: EngineStep) -> String {
        var text = ""
        if !step.placed.isEmpty { text += "; dialed \(step.placed.map(\.number).joined(separator: " "))" }
        if !step.ended.isEmpty { text += "; hung up \(step.ended.joined(separator: " "))" }
        return text
    }
}
