/// What happened on the agents' side of a run, besides calls.
public struct DesktopCounts: Sendable, Equatable, Codable {
    /// Keep-alives that never arrived.
    public var missedKeepAlives = 0
    /// Times an agent found itself `inactive` or `off` before its shift ended (missed keep-alives).
    public var loggedOutByDialer = 0
    /// Logins after that.
    public var relogins = 0

    /// Zero counts.
    public init() {}
}
