/// Field changes a rule asks for with `set { ... }`. `nil` leaves a field as it is.
public struct StateChange: Sendable, Equatable {
    /// New status.
    public var status: AgentStatus?
    /// New current dialing count; never negative.
    public var cdc: Int?
    /// New latest lead phone number.
    public var latestLeadPhoneNumber: String?
    /// New timestamp.
    public var timestamp: Timestamp?

    /// Makes a change.
    public init(status: AgentStatus? = nil, cdc: Int? = nil, latestLeadPhoneNumber: String? = nil, timestamp: Timestamp? = nil) {
        self.status = status
        self.cdc = cdc
        self.latestLeadPhoneNumber = latestLeadPhoneNumber
        self.timestamp = timestamp
    }

    /// Later values win, field by field.
    public mutating func merge(_ other: StateChange) {
        if let v = other.status { status = v }
        if let v = other.cdc { cdc = v }
        if let v = other.latestLeadPhoneNumber { latestLeadPhoneNumber = v }
        if let v = other.timestamp { timestamp = v }
    }

    /// Whether the change touches nothing.
    public var isEmpty: Bool { status == nil && cdc == nil && latestLeadPhoneNumber == nil && timestamp == nil }
}

/// Something a rule asks the engine to do besides changing fields. Effects are values: the
/// engine commits the state first and only then hands them to telephony.
public enum Effect: Sendable, Equatable {
    /// Dial this many leads in parallel for the agent.
    case dial(Int)
    /// Hang up the call to this number.
    case endCall(String)
    /// Raise an abnormal condition (seed 003 logs these for alarms).
    case warn(code: String, message: String?)
    /// Queue a `dialing` event for the agent (seed 000's `launch_dialing_event`).
    case launchDialing

    /// The most leads one `dial(n)` may ask for: a guard against runaway rules. The rule
    /// loader's `DIAL_RATIO` range and the engine's check both read it.
    public static let maxDialCount = 100
    /// The most effects (dial, end_call, warn and launch_dialing calls) one handler may ask for
    /// in one event; a handler that asks for more is stopped and the event refused.
    public static let maxEffectsPerEvent = 100
    /// The most leads all the `dial(n)` calls of one event may ask for together.
    public static let maxDialsPerEvent = maxDialCount
    /// The most bytes of warning codes and messages one event may raise (16 KiB).
    public static let maxWarningBytesPerEvent = 16 << 10
}

/// What a rule decided for one event: field changes plus effects, applied all together or not at all.
public struct Reaction: Sendable, Equatable {
    /// The merged field changes.
    public var change: StateChange
    /// Effects, in the order the rule asked for them.
    public var effects: [Effect]

    /// Makes a reaction.
    public init(change: StateChange = StateChange(), effects: [Effect] = []) {
        self.change = change
        self.effects = effects
    }

    /// The reaction of an `ignore` cell.
    public static let ignore = Reaction()
}
