public import DialerCore

/// The agent's side of a simulated shift: what its desktop believes and sends.
///
/// **Wrap-up on the seed matrix.** The seed has no wrap-up status, so the desktop sends
/// `call_end` only when the agent has finished wrapping up: the lead's hang-up ends the talking,
/// the agent stays `in_call` for the dialer through wrap-up, and `call_end` makes it `ready` (and
/// dialing) again. The engine's call record therefore ends after wrap-up; the simulation's own
/// records keep the moment the talking stopped, and talk time is measured to that moment.
public struct AgentDesktop: Sendable {
    /// Where the agent is in its shift.
    public enum Phase: Sendable, Equatable {
        /// Before its shift.
        case offShift
        /// Logged in and free: waiting for the dialer to connect a call.
        case waiting
        /// Talking on a connected call.
        case talking(dialID: Int)
        /// The lead hung up; writing notes before `call_end`.
        case wrappingUp(dialID: Int)
        /// Logged out at the end of its shift.
        case done
    }

    /// The agent.
    public let agentID: String
    /// When its shift starts (login).
    public let shiftStart: Timestamp
    /// When its shift ends (logout, after the call in progress).
    public let shiftEnd: Timestamp
    /// When the first keep-alive goes out (the heartbeat's phase).
    public let firstKeepAlive: Timestamp
    /// Where it is.
    public var phase = Phase.offShift
    /// The shift is over; log out when the call in progress is wrapped up.
    public var leaving = false
    /// A login after being logged out by the dialer is on the agenda.
    public var reloginPending = false
    /// Draws for lost keep-alives (one per heartbeat, so every rule set meets the same losses).
    public var keepAliveRandom: SeededRandom
    /// Draws for wrap-up times (one per call).
    public var wrapUpRandom: SeededRandom

    /// An agent whose shift, heartbeat phase and draws come from the run's seed.
    public init(agentID: String, settings: SimulationSettings) {
        self.agentID = agentID
        var shift = SeededRandom.stream(seed: settings.seed, purpose: "shift", item: agentID)
        shiftStart = (shift.unit() * settings.loginSpread * 1000).rounded() / 1000
        shiftEnd = shiftStart + settings.hours * 3600
        firstKeepAlive = shiftStart + (shift.unit() * settings.keepAliveEvery * 1000).rounded() / 1000
        keepAliveRandom = .stream(seed: settings.seed, purpose: "keep-alive", item: agentID)
        wrapUpRandom = .stream(seed: settings.seed, purpose: "wrap-up", item: agentID)
    }

    /// Whether the agent is on a call or wrapping one up.
    public var isBusy: Bool {
        switch phase {
        case .talking, .wrappingUp: true
        default: false
        }
    }

    /// Whether the agent is in its shift (logged in as far as it knows).
    public var isOnShift: Bool { phase != .offShift && phase != .done }
}
