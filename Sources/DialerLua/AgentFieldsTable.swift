import DialerCore

/// A bad entry in a table of agent fields: what is wrong, e.g. `cdc must not be negative, got -1`.
struct AgentFieldError: Error {
    /// The message, without the caller's prefix.
    var message: String
    /// The key is wrong (unknown, or not a string), not its value: `set { }` names itself then.
    var isAboutKey: Bool
}

/// The agent fields a Lua table gives, read and checked the same way for a rule's
/// `set { status = "ready", cdc = 0 }` and a scenario's `agent("a1", { status = "ready" })`.
struct AgentFieldsTable {
    /// What the table is for, which decides the keys it may hold.
    enum Use {
        /// A rule's `set { }`: `last_status` and `agent_id` are the engine's.
        case change
        /// A scenario's starting state of an agent: `last_status` may be given too.
        case initialState
    }

    /// The fields given, but `last_status`.
    private(set) var change = StateChange()
    /// `last_status`, when given (only for `.initialState`).
    private(set) var lastStatus: AgentStatus?

    /// Reads the table at `index` (raw), checking every key and value.
    init(_ lua: LuaState, at index: Int32, for use: Use) throws(AgentFieldError) {
        try lua.forEachPair(at: index) { () throws(AgentFieldError) in
            guard let key = lua.string(at: -2) else {
                throw AgentFieldError(message: "field names must be strings, got \(lua.describe(at: -2))", isAboutKey: true)
            }
            try read(key, lua, use)
        }
    }

    private mutating func read(_ key: String, _ lua: LuaState, _ use: Use) throws(AgentFieldError) {
        switch (key, use) {
        case ("status", _), ("last_status", .initialState):
            guard let text = lua.string(at: -1), let status = AgentStatus(rawValue: text) else {
                throw Self.bad("unknown \(key) \(lua.describe(at: -1)) (expected \(AgentStatus.spellings))")
            }
            if key == "status" { change.status = status } else { lastStatus = status }
        case ("cdc", _):
            guard let cdc = lua.wholeNumber(at: -1) else { throw Self.bad("cdc must be a whole number, got \(lua.describe(at: -1))") }
            guard cdc >= 0 else { throw Self.bad("cdc must not be negative, got \(cdc)") }
            change.cdc = cdc
        case ("latest_lead_phone_number", _):
            guard let number = lua.string(at: -1) else { throw Self.bad("latest_lead_phone_number must be a string, got \(lua.describe(at: -1))") }
            change.latestLeadPhoneNumber = number
        case ("timestamp", _):
            guard let time = lua.number(at: -1) else { throw Self.bad("timestamp must be a number (use now()), got \(lua.describe(at: -1))") }
            change.timestamp = time
        case ("last_status", .change):
            throw Self.bad("last_status is kept by the engine: it follows every change of status")
        case ("agent_id", .change):
            throw Self.bad("agent_id cannot change")
        default:
            let expected = use == .change ? Self.changeKeys : Self.initialStateKeys
            throw AgentFieldError(message: "unknown field '\(key)' (expected \(expected))", isAboutKey: true)
        }
    }

    /// The state of a new agent `id` with these fields.
    func initialState(of id: String) -> AgentState {
        var state = AgentState(agentID: id)
        if let status = change.status { state.status = status }
        if let cdc = change.cdc { state.cdc = cdc }
        state.latestLeadPhoneNumber = change.latestLeadPhoneNumber
        state.lastStatus = lastStatus
        state.timestamp = change.timestamp
        return state
    }

    private static func bad(_ message: String) -> AgentFieldError { AgentFieldError(message: message, isAboutKey: false) }

    /// The keys `set { }` takes, for messages.
    private static let changeKeys = "status, cdc, latest_lead_phone_number, timestamp"
    /// The keys a scenario's starting state takes, for messages.
    private static let initialStateKeys = "status, cdc, latest_lead_phone_number, last_status, timestamp"
}
