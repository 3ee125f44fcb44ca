import DialerCore

/// What `agent(id, fields)` takes beyond the agent's own fields, to start an agent where a
/// captured window found it: `since` (virtual time its status began; `state(id).seconds_in_status`
/// counts from it), `ringing` (its dials ringing: numbers, or `{ number, dialed_at = t }`) and
/// `call` (its connected call: a number, or `{ number, dialed_at = t, answered_at = t }`).
struct ScenarioAgentSetup {
    /// When the agent's status began; nil: its `timestamp`, else now.
    var since: Timestamp?
    /// Its open dials, without ids (the engine gives them).
    var dials: [Dial] = []

    /// The keys read here (the rest of the table is the agent's fields).
    static let keys = ["since", "ringing", "call"]

    /// Reads the keys from the fields table at `index` and removes them from it.
    init(_ lua: LuaState, at index: Int32, agentID: String, now: Timestamp) throws(LuaCallbackError) {
        let top = lua.top
        defer { lua.setTop(top) }
        if lua.rawGet(at: index, key: "since") != .nil {
            guard let since = lua.number(at: -1), since.isFinite, since <= now else {
                throw LuaCallbackError("agent \(agentID): since must be a virtual time no later than now (\(now)), got \(lua.describe(at: -1))")
            }
            self.since = since
        }
        lua.pop()
        if lua.rawGet(at: index, key: "ringing") != .nil {
            try lua.checkTable(at: -1, "agent \(agentID): ringing expects a list of numbers or { number, dialed_at = t }")
            for i in 0..<lua.rawLength(at: -1) {
                lua.rawGet(at: -1, index: i + 1)
                dials.append(try Self.dial(lua, agentID: agentID, now: now, key: "ringing entry \(i + 1)", answered: false))
                lua.pop()
            }
        }
        lua.pop()
        if lua.rawGet(at: index, key: "call") != .nil {
            dials.append(try Self.dial(lua, agentID: agentID, now: now, key: "call", answered: true))
        }
        lua.pop()
        for key in Self.keys { lua.rawClear(at: index, key: key) }
    }

    /// The dial described on top of the stack: a number, or `{ number, dialed_at = t, answered_at = t }`.
    private static func dial(_ lua: LuaState, agentID: String, now: Timestamp, key: String, answered: Bool) throws(LuaCallbackError) -> Dial {
        let usage = answered ? "a number or { number, dialed_at = t, answered_at = t }" : "a number or { number, dialed_at = t }"
        var text = lua.string(at: -1)
        var dialedAt = now
        var answeredAt = now
        if lua.isTable(at: -1) {
            lua.rawGet(at: -1, index: 1)
            text = lua.string(at: -1)
            lua.pop()
            dialedAt = try time(lua, "dialed_at", default: now, agentID: agentID, key: key)
            answeredAt = answered ? try time(lua, "answered_at", default: max(dialedAt, now), agentID: agentID, key: key) : now
        }
        guard let text else { throw LuaCallbackError("agent \(agentID): \(key) must be \(usage), got \(lua.describe(at: -1))") }
        var dial = Dial(id: 0, agentID: agentID, number: try normalizedNumber(text, "agent \(agentID): \(key)"), dialedAt: dialedAt)
        if answered {
            dial.answeredAt = answeredAt
            dial.outcome = .connected
        }
        return dial
    }

    private static func time(_ lua: LuaState, _ field: String, default value: Timestamp, agentID: String, key: String) throws(LuaCallbackError)
        -> Timestamp
    {
        defer { lua.pop() }
        guard lua.rawGet(at: -1, key: field) != .nil else { return value }
        guard let time = lua.number(at: -1), time.isFinite else {
            throw LuaCallbackError("agent \(agentID): \(key).\(field) must be a virtual time, got \(lua.describe(at: -1))")
        }
        return time
    }
}
