/// The seed 000 events: the columns of the reaction matrix.
public enum EventKind: String, CaseIterable, Sendable, Codable, CustomStringConvertible {
    /// The agent logs in.
    case login
    /// Internal: the dialer should top up the agent's parallel dials.
    case dialing
    /// A dialed lead failed (busy, no answer, bad number).
    case callFail = "call_fail"
    /// A dialed lead answered; carries the lead's phone number.
    case callStart = "call_start"
    /// The agent's call ended.
    case callEnd = "call_end"
    /// The agent logs out.
    case logout
    /// The agent's desktop says it is still alive.
    case keepAlive = "keep_alive"

    /// The seed's spelling (`call_start`), used in Lua, output and storage.
    public var description: String { rawValue }

    /// Column index in the reaction matrix, in the seed's order.
    public var index: Int {
        switch self {
        case .login: 0
        case .dialing: 1
        case .callFail: 2
        case .callStart: 3
        case .callEnd: 4
        case .logout: 5
        case .keepAlive: 6
        }
    }

    /// The list of valid spellings, for error messages.
    public static let spellings = allCases.map(\.rawValue).joined(separator: ", ")
}

/// One cell of the reaction matrix.
public struct MatrixCell: Hashable, Sendable, CustomStringConvertible {
    /// The agent's status when the event arrived.
    public var status: AgentStatus
    /// The event.
    public var event: EventKind

    /// Makes a cell.
    public init(_ status: AgentStatus, _ event: EventKind) {
        self.status = status
        self.event = event
    }

    /// Dense index 0..<28, row-major in the seed's order.
    public var index: Int { status.index * EventKind.allCases.count + event.index }

    /// Number of cells in the matrix (4 × 7).
    public static let count = AgentStatus.allCases.count * EventKind.allCases.count

    /// Every cell, row by row.
    public static let all: [MatrixCell] = AgentStatus.allCases.flatMap { s in EventKind.allCases.map { MatrixCell(s, $0) } }

    /// `ready × call_start`.
    public var description: String { "\(status) × \(event)" }
}
