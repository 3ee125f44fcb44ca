/// Where an agent is in the seed 000 life cycle: the rows of the reaction matrix.
public enum AgentStatus: String, CaseIterable, Sendable, Codable, CustomStringConvertible {
    /// Logged out; the dialer places no calls for the agent.
    case off
    /// Logged in and free: the dialer keeps up to `DIAL_RATIO` leads ringing for the agent.
    case ready
    /// Talking to a lead.
    case inCall = "in_call"
    /// Missed its keep-alive while in a call; a `login` makes it `ready` again.
    case inactive

    /// The seed's spelling (`in_call`), used in Lua, output and storage.
    public var description: String { rawValue }

    /// Row index in the reaction matrix, in the seed's order.
    public var index: Int {
        switch self {
        case .off: 0
        case .ready: 1
        case .inCall: 2
        case .inactive: 3
        }
    }

    /// The list of valid spellings, for error messages.
    public static let spellings = allCases.map(\.rawValue).joined(separator: ", ")
}
