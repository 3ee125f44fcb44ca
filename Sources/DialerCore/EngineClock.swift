import Foundation

/// The engine's source of time. Injected, so replays and simulations run on virtual time.
public protocol EngineClock: AnyObject {
    /// The current time.
    var now: Timestamp { get }
}

/// Wall-clock time.
public final class SystemClock: EngineClock {
    /// Makes a system clock.
    public init() {}
    /// The current wall-clock time.
    public var now: Timestamp { Date().timeIntervalSince1970 }
}

/// Time that moves only when told to: replays and simulations.
public final class VirtualClock: EngineClock {
    /// The current virtual time.
    public private(set) var now: Timestamp

    /// Starts the clock at `start` (default: 0).
    public init(start: Timestamp = 0) { now = start }

    /// Moves the clock forward; going backwards is refused.
    public func advance(to time: Timestamp) {
        precondition(time >= now, "virtual time cannot go backwards")
        now = time
    }
}
