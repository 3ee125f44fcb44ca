public import DialerCore
import Foundation

/// Wall-clock time moved to start at a given moment: it reads `start` when made and runs on
/// at the wall clock's pace. For tests and trials of calling hours at another hour of the day
/// (`DIALER_TEST_CLOCK`); never for a live service, whose dials must keep to the real time.
public final class ShiftedClock: EngineClock {
    private let offset: Double

    /// A clock that reads `start` now.
    public init(start: Timestamp) { offset = start - Date().timeIntervalSince1970 }

    /// The shifted time.
    public var now: Timestamp { Date().timeIntervalSince1970 + offset }
}
