import DialerCore

/// The strings a rule set pushes for every event (field names, statuses, event names, fail
/// reasons), each made a Lua string once and kept in the registry: pushing one is then an array
/// read, where pushing the text would hash it and look it up in Lua's string table again.
struct InternedStrings {
    /// The fields of the `agent` and `event` tables.
    enum Field: Int, CaseIterable {
        case agentID, status, cdc, latestLeadPhoneNumber, lastStatus, timestamp, inFlight, secondsInStatus, name, number, reason, lead

        var key: String {
            switch self {
            case .agentID: "agent_id"
            case .status: "status"
            case .cdc: "cdc"
            case .latestLeadPhoneNumber: "latest_lead_phone_number"
            case .lastStatus: "last_status"
            case .timestamp: "timestamp"
            case .inFlight: "in_flight"
            case .secondsInStatus: "seconds_in_status"
            case .name: "name"
            case .number: "number"
            case .reason: "reason"
            case .lead: "lead"
            }
        }
    }

    private var fields: [LuaReference] = []
    private var statuses: [LuaReference] = []
    private var events: [LuaReference] = []
    private var reasons: [LuaReference] = []

    /// Interns every string in `lua`'s registry.
    init(_ lua: LuaState) {
        func intern(_ text: String) -> LuaReference {
            lua.pushString(text)
            return lua.popReference()
        }
        fields = Field.allCases.map { intern($0.key) }
        statuses = AgentStatus.allCases.map { intern($0.rawValue) }
        events = EventKind.allCases.map { intern($0.rawValue) }
        reasons = FailReason.allCases.map { intern($0.rawValue) }
    }

    /// The field name's string.
    subscript(_ field: Field) -> LuaReference { fields[field.rawValue] }
    /// The status's string.
    subscript(_ status: AgentStatus) -> LuaReference { statuses[status.index] }
    /// The event name's string.
    subscript(_ event: EventKind) -> LuaReference { events[event.index] }
    /// The fail reason's string.
    subscript(_ reason: FailReason) -> LuaReference { reasons[FailReason.allCases.firstIndex(of: reason)!] }
}
