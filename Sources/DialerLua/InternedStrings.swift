import CLua
import CLuaShim
import DialerCore

/// The strings a rule set pushes for every event (field names, statuses, event names, fail
/// reasons), each made a Lua string once and kept in the registry: pushing one is then an array
/// read, where `lua_pushstring` would hash the text and look it up in Lua's string table again.
struct InternedStrings {
    /// The fields of the `agent` and `event` tables.
    enum Field: Int, CaseIterable {
        case agentID, status, cdc, latestLeadPhoneNumber, lastStatus, timestamp, inFlight, name, number, reason, lead

        var key: String {
            switch self {
            case .agentID: "agent_id"
            case .status: "status"
            case .cdc: "cdc"
            case .latestLeadPhoneNumber: "latest_lead_phone_number"
            case .lastStatus: "last_status"
            case .timestamp: "timestamp"
            case .inFlight: "in_flight"
            case .name: "name"
            case .number: "number"
            case .reason: "reason"
            case .lead: "lead"
            }
        }
    }

    private var fields: [Int32] = []
    private var statuses: [Int32] = []
    private var events: [Int32] = []
    private var reasons: [Int32] = []

    /// Interns every string in `L`'s registry.
    init(_ L: OpaquePointer) {
        func intern(_ text: String) -> Int32 {
            lua_pushstring(L, text)
            return luaL_ref(L, dl_registryindex())
        }
        fields = Field.allCases.map { intern($0.key) }
        statuses = AgentStatus.allCases.map { intern($0.rawValue) }
        events = EventKind.allCases.map { intern($0.rawValue) }
        reasons = FailReason.allCases.map { intern($0.rawValue) }
    }

    func push(_ L: OpaquePointer, _ field: Field) { lua_rawgeti(L, dl_registryindex(), lua_Integer(fields[field.rawValue])) }
    func push(_ L: OpaquePointer, _ status: AgentStatus) { lua_rawgeti(L, dl_registryindex(), lua_Integer(statuses[status.index])) }
    func push(_ L: OpaquePointer, _ event: EventKind) { lua_rawgeti(L, dl_registryindex(), lua_Integer(events[event.index])) }
    func push(_ L: OpaquePointer, _ reason: FailReason) {
        lua_rawgeti(L, dl_registryindex(), lua_Integer(reasons[FailReason.allCases.firstIndex(of: reason)!]))
    }
}
