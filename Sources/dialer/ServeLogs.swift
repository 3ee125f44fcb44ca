import DialerCore
import DialerSimulation
import Foundation
import Logging

/// Where `dialer serve` logs: standard error from `--log-level`, and with `--log-dir` also seed
/// 003's two files, written by the simulation's `FileLogHandler` from `info` up: `dialer.log`
/// (the service and every engine decision, label `dialer`) and `agents.log` (every agent event
/// received, label `agents`). File lines are stamped with the UTC time of day.
struct ServeLogs {
    private let files: [LogFile]

    /// Bootstraps swift-log for the process; throws if a log file cannot be created.
    init(level: Logger.Level, directory: String?) throws(SimulationError) {
        guard let directory else {
            files = []
            LoggingSystem.bootstrap { label in Self.standardError(label, level) }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .output(path: directory, reason: "the folder cannot be created (\(error.localizedDescription))")
        }
        let dialer = try LogFile(path: directory + "/dialer.log", clock: TimeOfDayClock())
        let agents = try LogFile(path: directory + "/agents.log", clock: TimeOfDayClock())
        files = [dialer, agents]
        LoggingSystem.bootstrap { label in
            switch label {
            case "dialer": MultiplexLogHandler([Self.standardError(label, level), FileLogHandler(file: dialer, level: .info)])
            case "agents": MultiplexLogHandler([Self.standardError(label, level), FileLogHandler(file: agents, level: .info)])
            default: Self.standardError(label, level)
            }
        }
    }

    /// Writes what the files still buffer (they are written in 64 KiB chunks).
    func close() { files.forEach { $0.close() } }

    private static func standardError(_ label: String, _ level: Logger.Level) -> any LogHandler {
        var handler = StreamLogHandler.standardError(label: label)
        handler.logLevel = level
        return handler
    }
}

/// Seconds since midnight UTC: log lines stamped `HH:MM:SS.mmm` with the wall-clock time of day.
private final class TimeOfDayClock: EngineClock {
    var now: Timestamp { Date().timeIntervalSince1970.truncatingRemainder(dividingBy: 86_400) }
}
