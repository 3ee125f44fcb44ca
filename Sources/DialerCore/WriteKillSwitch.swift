import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// **Test only.** Crash tests cut a run at every write: with `DIALER_FAULT_KILL_AT_WRITE=N` in
/// its environment, a process sends itself SIGKILL just before its store's Nth write commits
/// (counted over every store the process opens: SQLite and PostgreSQL transactions, and
/// PostgreSQL statements that commit on their own). Killed there, the write is lost whole, as
/// in a crash at any point inside it. Without the variable the stores count nothing.
public final class WriteKillSwitch: @unchecked Sendable {
    // @unchecked: `count` is only touched under `lock`.
    /// The process's switch, set from its environment when first used (a store opens).
    public static let process = WriteKillSwitch(environment: ProcessInfo.processInfo.environment)

    /// The write to die at (1 is the first), or nil when the switch is off.
    public let killAt: Int?
    private let lock = NSLock()
    private var count = 0

    /// A switch set from `DIALER_FAULT_KILL_AT_WRITE` in `environment`.
    public init(environment: [String: String]) {
        killAt = environment["DIALER_FAULT_KILL_AT_WRITE"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
    }

    /// Whether the switch is on (a store installs its hook only then).
    public var isArmed: Bool { killAt != nil }

    /// Counts a write about to commit; at the chosen one, the process dies on the spot.
    public func writeWillCommit() {
        guard let killAt else { return }
        let reached = lock.withLock {
            count += 1
            return count == killAt
        }
        guard reached else { return }
        kill(getpid(), SIGKILL)
        while true { pause() }  // not one more instruction of the write
    }
}
