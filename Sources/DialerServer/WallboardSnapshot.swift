/// What the wallboard shows at one moment (`GET /wallboard` and each event of
/// `GET /wallboard/stream`): every agent, the totals, the shift's figures and the trailing
/// 30 days' abandon rate, the per-minute chart, the rules in force,
/// the last reload error and the latest warnings. Times are wall-clock seconds since 1970.
struct WallboardSnapshot: Sendable, Encodable {
    /// One row of the agent table.
    struct Agent: Sendable, Encodable {
        var agentID: String
        var status: String
        /// When the agent entered its status (this service's start for an agent it found so).
        var since: Double
        var cdc: Int
        var inFlight: Int
        /// The number of the call it talks on, if any.
        var callNumber: String?

        enum CodingKeys: String, CodingKey {
            case agentID = "agent_id"
            case status, since, cdc
            case inFlight = "in_flight"
            case callNumber = "call_number"
        }
    }

    /// Since the service started: dials placed, answers, connects, drops and the abandon rate.
    struct Shift: Sendable, Encodable {
        var dials: Int
        var answered: Int
        var connects: Int
        var drops: Int
        var abandonRate: Double
        /// The legal ceiling the rate is shown against (3%).
        var abandonTarget: Double

        enum CodingKeys: String, CodingKey {
            case dials, answered, connects, drops
            case abandonRate = "abandon_rate"
            case abandonTarget = "abandon_target"
        }
    }

    /// The US regulator's window (47 CFR 64.1200(a)(7): 30 days): calls answered and dropped
    /// in the store's records of the 30 days before the service started, plus what the engine
    /// counted since. The window's start stays where it was at start: after N days of running
    /// it spans 30 + N days.
    struct Trailing: Sendable, Encodable {
        /// The window's length in days.
        static let days = 30
        /// The window's length in seconds.
        static let seconds = Double(days) * 86_400

        /// Where the window begins (engine clock, seconds since 1970).
        var since: Double
        var answered: Int
        var drops: Int
        var abandonRate: Double
        var days = Self.days

        enum CodingKeys: String, CodingKey {
            case since, answered, drops, days
            case abandonRate = "abandon_rate"
        }
    }

    var at: Double
    var agents: [Agent]
    var totals: [String: Int]
    var dialsInFlight: Int
    var dialingPaused: Bool
    var shift: Shift
    var trailing: Trailing
    var rules: LiveRules
    var reloadError: ReloadFailure?
    var warnings: [WallboardWarning]
    /// The chart's minutes, oldest first (`WallboardMinutes`); the feed fills them in.
    var minutes: [WallboardMinutes.Minute] = []

    enum CodingKeys: String, CodingKey {
        case at, agents, totals, shift, trailing, rules, warnings, minutes
        case dialsInFlight = "dials_in_flight"
        case dialingPaused = "dialing_paused"
        case reloadError = "reload_error"
    }
}

/// A warning the rules or the engine raised, as the wallboard lists it.
struct WallboardWarning: Sendable, Encodable, Equatable {
    var at: Double
    var agentID: String
    var code: String
    var message: String?

    enum CodingKeys: String, CodingKey {
        case at, code, message
        case agentID = "agent_id"
    }
}

/// The last rule reload that was refused, until one succeeds.
struct ReloadFailure: Sendable, Encodable, Equatable {
    var at: Double
    var message: String
}
