/// The speed and memory targets of the benchmark issue, printed beside each figure so a run
/// says how far it is from them. One place: a target moves here and nowhere else.
public enum BenchTargets {
    /// Events (or decisions) per second a run should reach, by the run's name.
    public static let eventsPerSecond: [String: Double] = [
        "Lua rules, in memory": 1_000_000,
        "Lua rules alone (decisions, no engine)": 2_000_000,  // the bridge at 0.5 µs a decision
        "Lua rules, SQLite durable, group commit": 100_000,
    ]
    /// Times the seeds' Python reference the Lua rules in memory should run.
    public static let timesPython = 26.0
    /// Microseconds of the engine's own work per event.
    public static let engineMicroseconds = 0.4
    /// Speed-up from one shard to two.
    public static let twoShardScaling = 1.8
    /// Seconds of wall time for 1,000 agents over an 8-hour simulated shift.
    public static let simulateSeconds = 5.0
    /// Seconds to import 1,000,000 lead rows.
    public static let importSeconds = 10.0
    /// Agent events per second through `dialer serve` over loopback, and the 99th percentile
    /// latency, each reply after its commit.
    public static let serveRequestsPerSecond = 30_000.0
    public static let serveP99Milliseconds = 10.0
    /// Resident bytes per logged-in agent at 100,000 agents.
    public static let bytesPerAgent = 1_024.0
    /// The growth in cost per event from the fewest agents to the most.
    public static let growth = 1.5

    /// `(target ≥ 1,000,000/s)` for a run with a target, else nothing.
    public static func label(forRun name: String, format: (Double) -> String) -> String {
        eventsPerSecond[name].map { "  (target ≥ \(format($0))/s)" } ?? ""
    }

    /// `: met` or `: not met` after a figure's target.
    public static func verdict(_ met: Bool) -> String { met ? "met" : "not met" }
}
