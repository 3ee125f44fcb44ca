import DialerCore

/// One entry of `lead_pool { }`'s list: a number (a fresh lead), or a lead with its standing
/// as `lead(number)` shows it, where a captured window found it:
/// `{ "+12125550100", attempts = 1, last_outcome = "busy", eligible_at = t, wait = "retry",
/// done = false, reserved = true, priority = 0, time_zone = "America/Chicago" }`.
enum ScenarioPoolLead {
    /// The keys a lead's table may hold besides its number.
    static let keys = ["attempts", "last_outcome", "eligible_at", "wait", "done", "reserved", "priority", "time_zone"]

    /// The leads in the list part of the table at `table` (an absolute index), in order.
    static func leads(_ lua: LuaState, at table: Int32) throws(LuaCallbackError) -> [StoredLead] {
        var leads: [StoredLead] = []
        for i in 0..<lua.rawLength(at: table) {
            lua.rawGet(at: table, index: i + 1)
            defer { lua.pop() }
            leads.append(try lead(lua, entry: i + 1))
        }
        return leads
    }

    /// The lead on top of the stack.
    private static func lead(_ lua: LuaState, entry: Int) throws(LuaCallbackError) -> StoredLead {
        let name = "lead_pool entry \(entry)"
        guard lua.isTable(at: -1) else {
            guard let text = lua.string(at: -1) else {
                throw LuaCallbackError("\(name) must be a phone number string or a table, got \(lua.describe(at: -1))")
            }
            return StoredLead(number: try normalizedNumber(text, name), state: .available)
        }
        lua.rawGet(at: -1, index: 1)
        let text = lua.string(at: -1)
        lua.pop()
        guard let text else { throw LuaCallbackError("\(name) must start with its phone number, e.g. { \"+12125550100\", attempts = 1 }") }
        var lead = StoredLead(number: try normalizedNumber(text, name), state: .available)
        try lua.forEachPair(at: -1) { () throws(LuaCallbackError) in
            if lua.type(at: -2) == .number { return }
            try read(lua.string(at: -2) ?? "?", into: &lead, lua, name: "\(name) (\(lead.number))")
        }
        return lead
    }

    /// Reads the value on top of the stack as `key` of the lead.
    private static func read(_ key: String, into lead: inout StoredLead, _ lua: LuaState, name: String) throws(LuaCallbackError) {
        let bad = { (expected: String) in LuaCallbackError("\(name).\(key) must be \(expected), got \(lua.describe(at: -1))") }
        switch key {
        case "attempts", "priority":
            guard let value = lua.wholeNumber(at: -1), value >= 0 || key == "priority" else { throw bad("a whole number") }
            if key == "attempts" { lead.attempts = value } else { lead.priority = value }
        case "last_outcome":
            guard let text = lua.string(at: -1), let outcome = DialOutcome(rawValue: text) else { throw bad("a dial outcome") }
            lead.lastOutcome = outcome
        case "eligible_at":
            guard let time = lua.number(at: -1), time.isFinite else { throw bad("a virtual time") }
            lead.eligibleAt = time
        case "wait":
            guard let text = lua.string(at: -1), let wait = LeadWait(rawValue: text) else { throw bad("retry, lockout or callback") }
            lead.wait = wait
        case "done", "reserved":
            guard let flag = lua.boolean(at: -1) else { throw bad("true or false") }
            if flag { lead.state = key == "done" ? .done : .dialing }
        case "time_zone":
            guard let zone = lua.string(at: -1) else { throw bad("a time zone name") }
            lead.timeZone = zone
        default:
            throw LuaCallbackError("\(name): unknown key '\(key)' (expected \(keys.joined(separator: ", ")))")
        }
    }
}
