/// Why the engine refused an event or a command. Whatever the cause, nothing changed.
public enum EngineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No agent with this id (add it first: `dialer agents add ID`).
    case unknownAgent(String)
    /// An agent with this id exists already.
    case agentExists(String)
    /// The event lacks a field it needs.
    case missingField(event: EventKind, agentID: String, field: String)
    /// The rules failed on this event.
    case rule(RuleError, event: EventKind, agentID: String, status: AgentStatus)
    /// The rules asked for something the engine cannot do.
    case invalidReaction(String, event: EventKind, agentID: String, status: AgentStatus)
    /// The store failed during `operation`; `cause` says how and what to do.
    case store(StoreError, during: StoreOperation)
    /// The rules launched `dialing` events, one from another, past the chain limit.
    case launchLimit(agentID: String, status: AgentStatus, limit: Int)
    /// Another node changed or holds the agent; this engine no longer drives it.
    case lostAgent(agentID: String, reason: String)

    /// The message a person reads.
    public var description: String {
        switch self {
        case .unknownAgent(let id):
            return "unknown agent '\(id)' (add it first)"
        case .agentExists(let id):
            return "agent '\(id)' exists already"
        case .missingField(let event, let id, let field):
            return "\(event) for agent '\(id)' needs '\(field)'"
        case .rule(let error, _, _, _):
            return error.description
        case .invalidReaction(let why, let event, let id, let status):
            return "rules asked for something invalid on \(status) × \(event) for agent '\(id)': \(why); nothing changed"
        case .store(let cause, let operation):
            return "\(operation.phrase): \(cause)\(operation == .commit ? "; nothing changed" : "")"
        case .lostAgent(_, let why):
            return why
        case .launchLimit(let id, let status, let limit):
            return
                "the rules launched more than \(limit) dialing events in a row for agent '\(id)' (\(status) × dialing launches dialing again); the chain is refused"
        }
    }

    /// What the engine asked of the store when it failed.
    public enum StoreOperation: String, Sendable, Equatable {
        /// Loading agents and open dials at start.
        case loadAgents
        /// Reserving a block of dial ids.
        case reserveDialIDs
        /// Committing a step (or a group of steps).
        case commit

        /// How a message names it.
        var phrase: String {
            switch self {
            case .loadAgents: "cannot load agents from the store"
            case .reserveDialIDs: "cannot reserve dial ids"
            case .commit: "store commit failed"
            }
        }
    }
}
