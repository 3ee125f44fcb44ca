/// Everything a simulated shift depends on besides the rules. The same settings and rules give
/// the same report, byte for byte.
public struct SimulationSettings: Sendable, Equatable, Codable {
    /// Agents on the shift.
    public var agents = 50
    /// Length of each agent's shift in hours.
    public var hours = 8.0
    /// The run's seed: carrier, agents and the rules' `math.random` all derive from it.
    public var seed: UInt64 = 1
    /// Agents log in at random over this many seconds from the start; each works `hours` from
    /// its own login.
    public var loginSpread = 300.0
    /// Median seconds of wrap-up after each call (lognormal, σ 0.4), before the agent is ready again.
    public var wrapUpMedian = 15.0
    /// Seconds between two keep-alives of an agent's desktop.
    public var keepAliveEvery = 30.0
    /// Share of keep-alives that never arrive (a flaky network, a frozen browser).
    public var keepAliveMissRate = 0.02
    /// Seconds an agent takes to log in again after finding itself logged out by the dialer.
    public var reloginDelay = 30.0
    /// When set, the host sends `dialing` to every `ready` agent this often (seconds), like
    /// VICIdial's once-a-second pacing loop; rules that top up to a count ignore it.
    public var pacingTick: Double?
    /// Seconds the simulation keeps running after the last shift ends, for calls still going;
    /// whatever is still ringing then counts as in flight at the end.
    public var drainLimit = 3600.0
    /// The far end of the line.
    public var carrier = CarrierModel()
    /// The leads' local time of day, in hours, when the run starts (default 9: 09:00): what an
    /// answer curve reads. Every lead is taken to be in the campaign's time zone.
    public var startHour = 9.0
    /// How much agents differ in talk time: each agent's calls last the lead's talk time times
    /// a factor drawn once per agent (lognormal, median 1, this σ); 0 (default): all alike.
    public var agentTalkSpread = 0.0

    /// The defaults.
    public init() {}

    /// Shape of the wrap-up time (lognormal σ).
    public static let wrapUpSigma = 0.4

    /// Checks every field; the error names the command-line option to change.
    public func validate() throws(SimulationError) {
        guard (1...100_000).contains(agents) else {
            throw .invalidSetting(name: "--agents", value: "\(agents)", expected: "1 to 100000 agents")
        }
        guard hours > 0, hours <= 24 * 31 else {
            throw .invalidSetting(name: "--hours", value: "\(hours)", expected: "more than 0 and at most 744 hours (31 days)")
        }
        let seconds: [(String, Double, ClosedRange<Double>)] = [
            ("--login-spread", loginSpread, 0...86_400),
            ("--wrap-up", wrapUpMedian, 0...3_600),
            ("--keep-alive-every", keepAliveEvery, 1...3_600),
            ("--relogin-delay", reloginDelay, 0...86_400),
            ("--drain-limit", drainLimit, 0...86_400),
        ]
        for (name, value, range) in seconds where !range.contains(value) {
            throw .invalidSetting(name: name, value: "\(value)", expected: "\(Int(range.lowerBound)) to \(Int(range.upperBound)) seconds")
        }
        guard (0...1).contains(keepAliveMissRate) else {
            throw .invalidSetting(name: "--keep-alive-miss-rate", value: "\(keepAliveMissRate)", expected: "a share from 0 to 1, e.g. 0.02")
        }
        guard (0..<24).contains(startHour) else {
            throw .invalidSetting(name: "--start-hour", value: "\(startHour)", expected: "an hour of the day from 0 to 24, e.g. 9 or 8.5")
        }
        guard (0...2).contains(agentTalkSpread) else {
            throw .invalidSetting(name: "--agent-talk-spread", value: "\(agentTalkSpread)", expected: "a lognormal shape from 0 (all alike) to 2")
        }
        if let pacingTick, !(pacingTick >= 0.1 && pacingTick <= 3_600) {
            throw .invalidSetting(name: "--pacing-tick", value: "\(pacingTick)", expected: "0.1 to 3600 seconds")
        }
        try carrier.validate()
    }

    /// The id of the agent at `index` (0-based): `a001` … with as many digits as the count needs.
    public func agentID(_ index: Int) -> String {
        let digits = max(3, String(agents).count)
        let number = String(index + 1)
        return "a" + String(repeating: "0", count: digits - number.count) + number
    }
}
