import DialerCore

/// One agent's time over a shift: logged in, talking, and waiting between calls.
public struct AgentTimeAccount: Sendable, Equatable {
    /// Logged in as the dialer sees it (any status but `off`).
    public private(set) var loggedIn = false
    /// On a connected call, from the answer until the talking stops.
    public private(set) var talking = false
    /// Seconds logged in.
    public private(set) var loggedInSeconds = 0.0
    /// Seconds talking while logged in (so never more than `loggedInSeconds`).
    public private(set) var talkSeconds = 0.0
    /// Seconds between becoming free (login or the end of wrap-up) and the next connected call.
    public private(set) var waitSeconds = 0.0
    /// Waits measured (waits cut short by a logout are not counted).
    public private(set) var waits = 0
    private var since: Timestamp = 0
    private var freeSince: Timestamp?

    /// An agent logged out, not talking.
    public init() {}

    /// Books the time since the last change; returns the interval and whether it counted as
    /// logged in and as talking, for the per-minute bins.
    mutating func advance(to time: Timestamp) -> (from: Timestamp, loggedIn: Bool, talking: Bool) {
        let from = since
        let seconds = max(0, time - since)
        if loggedIn {
            loggedInSeconds += seconds
            if talking { talkSeconds += seconds }
        }
        since = max(since, time)
        return (from, loggedIn, loggedIn && talking)
    }

    /// Sets the flags after `advance(to:)`.
    mutating func set(loggedIn: Bool? = nil, talking: Bool? = nil) {
        if let loggedIn { self.loggedIn = loggedIn }
        if let talking { self.talking = talking }
    }

    /// The agent is free and waits for a call from now.
    mutating func becameFree(at time: Timestamp) { freeSince = time }

    /// A call was connected: the wait (if one was running) ends.
    mutating func connected(at time: Timestamp) {
        if let start = freeSince {
            waitSeconds += time - start
            waits += 1
        }
        freeSince = nil
    }

    /// The agent left (logout, logged out by the dialer): the running wait is not counted.
    mutating func stoppedWaiting() { freeSince = nil }
}
