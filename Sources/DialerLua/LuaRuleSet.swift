import CLua
import CLuaShim
public import DialerCore
import Foundation

/// The reaction matrix written in Lua: a rule file loaded into its own sandboxed state.
///
/// A rule file sets its settings as globals (`DIAL_RATIO = 2`) and gives one row per status,
/// one handler or `ignore` per event:
///
/// ```lua
/// status "ready" {
///   call_fail = function(agent, event)
///     set { cdc = math.max(agent.cdc - 1, 0) }
///     launch_dialing()
///   end,
///   login = ignore,
///   ...
/// }
/// ```
///
/// Loading checks the whole file and lists every problem with `file:line`. A handler that
/// fails, runs out of instructions or memory, or asks for something invalid throws a
/// `RuleError` and its reaction is discarded.
public final class LuaRuleSet: RuleSet {
    /// The rule file, as given.
    public let origin: String
    /// The limits the handlers run under.
    public let limits: LuaLimits
    /// The settings the file defines (upper-case globals), by name, as Lua would print them
    /// (`LEADS` as its settings read).
    public private(set) var settings: [(name: String, value: String)] = []
    /// Who takes an answered call: the file's `ANSWER_ROUTING` (default `dialing_agent`).
    public private(set) var answerRouting = AnswerRouting.dialingAgent
    /// The retry and compliance settings of the file's `LEADS` table (the defaults without one).
    public private(set) var leadSettings = LeadSettings()
    /// Whether the file sets `LEADS`.
    public private(set) var definesLeadSettings = false

    private enum Cell {
        case missing
        case invalid
        case ignore
        case handler(Int32)
    }

    private struct Row {
        var status: AgentStatus?
        var line: Int?
    }

    private let lua: LuaState
    private var cells = [Cell](repeating: .missing, count: MatrixCell.count)
    private var rows: [Row] = []
    private var problems: [RuleProblem] = []
    private var globalLines: [String: Int] = [:]
    private var loading = true
    private var current: RuleInput?
    private var reaction = Reaction()
    private var ignoreRef: Int32 = 0
    private var agentRef: Int32 = 0
    private var eventRef: Int32 = 0
    private var campaignRef: Int32 = 0
    private var interned: InternedStrings

    /// Settings a rule file may leave out (a scenario may still set them).
    public static let optionalSettings = ["ANSWER_ROUTING"]
    private var leadRef: Int32 = 0

    /// Names of the settings every rule file must define, with their valid ranges.
    public static let requiredSettings = ["DIAL_RATIO", "KEEP_ALIVE_INTERVAL"]
    /// The global holding the retry and compliance settings (optional).
    public static let leadSettingsGlobal = "LEADS"

    /// Loads and checks a rule file.
    /// - Parameters:
    ///   - path: the file; also the name in messages.
    ///   - overrides: settings replacing the file's own values (a scenario's `settings { ... }`);
    ///     each must name a global the file defines.
    ///   - seed: seeds `math.random`, so replays are deterministic.
    public convenience init(file path: String, overrides: [String: LuaValue] = [:], seed: Int = 1, limits: LuaLimits = LuaLimits()) throws(RuleError) {
        let source: String
        do {
            source = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadable(file: path, reason: FileManager.default.fileExists(atPath: path) ? "not readable as UTF-8 text" : "no such file")
        }
        try self.init(source: source, name: path, overrides: overrides, seed: seed, limits: limits)
    }

    /// Loads and checks rules from source text named `name` in messages.
    public init(source: String, name: String, overrides: [String: LuaValue] = [:], seed: Int = 1, limits: LuaLimits = LuaLimits()) throws(RuleError) {
        origin = name
        self.limits = limits
        lua = LuaState(memoryLimit: limits.memoryBytes)
        interned = InternedStrings(lua.L)
        installEffects()
        let lastLine = source.reduce(into: 1) { n, c in if c == "\n" { n += 1 } }
        do {
            try lua.load(rulePrelude, chunkName: "=dialer prelude")
            lua.pushFunction { [unowned self] L throws(LuaCallbackError) in self.beginRow(L) }
            lua.pushFunction { [unowned self] L throws(LuaCallbackError) in self.endRow(L) }
            try lua.call(arguments: 2, results: 0, budget: 0)
            lua.rawGetGlobal("math")
            lua_pushstring(lua.L, "randomseed")
            lua_rawget(lua.L, -2)
            lua_pushinteger(lua.L, lua_Integer(seed))
            try lua.call(arguments: 1, results: 0, budget: 0)
            dl_pop(lua.L, 1)
        } catch {
            throw .invalid([RuleProblem(file: name, line: nil, message: "internal: prelude failed: \(error.message)")])
        }
        lua.rawGetGlobal("ignore")
        ignoreRef = luaL_ref(lua.L, dl_registryindex())
        installStrictGlobals()

        do {
            try lua.load(source, chunkName: "@" + name)
            try lua.call(arguments: 0, results: 0, budget: limits.instructionsPerCall * 10)
        } catch {
            let place = parseLocation(error.message)
            let text = place.line == nil ? error.message : String(error.message.split(separator: ":", maxSplits: 2).last ?? "").trimmingCharacters(in: .whitespaces)
            throw .invalid([RuleProblem(file: name, line: place.line, message: error.memoryExceeded ? "memory limit exceeded while loading" : text)])
        }
        loading = false
        applyOverrides(overrides)
        checkSettings(lastLine: lastLine)
        readAnswerRouting()
        readLeadSettings()
        checkMatrix(lastLine: lastLine)
        if !problems.isEmpty {
            throw .invalid(problems.sorted { ($0.line ?? Int.max, $0.message) < ($1.line ?? Int.max, $1.message) })
        }
        settings = collectSettings().map { $0.name == Self.leadSettingsGlobal ? ($0.name, leadSettings.description) : $0 }
        agentRef = newTableRef()
        eventRef = newTableRef()
    }

    /// How each matrix cell is answered: `true` for a handler, `false` for `ignore`.
    public func hasHandler(_ cell: MatrixCell) -> Bool {
        if case .handler = cells[cell.index] { return true }
        return false
    }

    /// Bytes the rule state holds.
    public var memoryUsed: Int { lua.memoryUsed }

    // MARK: Deciding

    /// Runs the cell's handler and returns what it asked for.
    public func react(to input: RuleInput) throws(RuleError) -> Reaction {
        let cell = MatrixCell(input.agent.status, input.event.kind)
        guard case .handler(let ref) = cells[cell.index] else { return .ignore }
        let L = lua.L
        lua_rawgeti(L, dl_registryindex(), lua_Integer(ref))
        pushAgent(input)
        pushEvent(input)
        lua_rawgeti(L, dl_registryindex(), lua_Integer(campaignRef))
        current = input
        reaction = Reaction()
        defer { current = nil }
        do {
            try lua.call(arguments: 3, results: 0, budget: limits.instructionsPerCall)
        } catch {
            if error.memoryExceeded {
                throw .memoryLimit(cell: "\(origin): \(cell) handler", limit: limits.memoryBytes)
            }
            if error.budgetExceeded {
                let message = error.message.contains("instruction limit")
                    ? error.message : "\(origin): \(cell) handler: instruction limit exceeded (\(limits.instructionsPerCall) instructions)"
                throw .instructionLimit(message: message, limit: limits.instructionsPerCall)
            }
            throw .runtime(message: error.message, traceback: error.traceback)
        }
        return reaction
    }

    private func pushAgent(_ input: RuleInput) {
        let L = lua.L
        let agent = input.agent
        lua_rawgeti(L, dl_registryindex(), lua_Integer(agentRef))
        setField(.agentID) { pushText(agent.agentID) }
        setField(.status) { interned.push(L, agent.status) }
        setField(.cdc) { lua_pushinteger(L, lua_Integer(agent.cdc)) }
        setField(.latestLeadPhoneNumber) { pushOptional(agent.latestLeadPhoneNumber) }
        setField(.lastStatus) { if let status = agent.lastStatus { interned.push(L, status) } else { lua_pushnil(L) } }
        setField(.timestamp) { if let t = agent.timestamp { lua_pushnumber(L, t) } else { lua_pushnil(L) } }
        setField(.inFlight) { lua_pushinteger(L, lua_Integer(input.inFlight)) }
    }

    private func pushEvent(_ input: RuleInput) {
        let L = lua.L
        let event = input.event
        lua_rawgeti(L, dl_registryindex(), lua_Integer(eventRef))
        setField(.name) { interned.push(L, event.kind) }
        setField(.agentID) { pushText(event.agentID) }
        setField(.number) { pushOptional(event.number) }
        setField(.reason) { if let reason = event.reason { interned.push(L, reason) } else { lua_pushnil(L) } }
        setField(.lead) { if input.lead != nil { lua_rawgeti(L, dl_registryindex(), lua_Integer(leadRef)) } else { lua_pushnil(L) } }
    }

    private func pushOptional(_ text: String?) {
        if let text { pushText(text) } else { lua_pushnil(lua.L) }
    }

    /// Pushes a Swift string with its length (no strlen, no copy for native UTF-8 strings).
    private func pushText(_ text: String) {
        var text = text
        text.withUTF8 { bytes in _ = lua_pushlstring(lua.L, bytes.baseAddress, bytes.count) }
    }

    /// Sets `table[key] = value` on the table on top of the stack, raw.
    private func setField(_ field: InternedStrings.Field, _ pushValue: () -> Void) {
        interned.push(lua.L, field)
        pushValue()
        lua_rawset(lua.L, -3)
    }

    private func newTableRef() -> Int32 {
        dl_newtable(lua.L)
        return luaL_ref(lua.L, dl_registryindex())
    }

    // MARK: The effect API rules call

    private func requireHandler(_ name: String) throws(LuaCallbackError) -> RuleInput {
        guard let current else { throw LuaCallbackError("\(name)() can only be called inside a handler") }
        return current
    }

    private func installEffects() {
        lua.setGlobalFunction("set") { [unowned self] L throws(LuaCallbackError) in
            _ = try requireHandler("set")
            guard lua_type(L, 1) == LUA_TTABLE else {
                throw LuaCallbackError("set expects a table of fields, e.g. set { status = \"ready\" }, got \(lua.describe(at: 1))")
            }
            var change = StateChange()
            lua_pushnil(L)
            while lua_next(L, 1) != 0 {
                guard let key = lua.string(at: -2) else { throw LuaCallbackError("set: field names must be strings, got \(lua.describe(at: -2))") }
                switch key {
                case "status":
                    guard let text = lua.string(at: -1), let status = AgentStatus(rawValue: text) else {
                        throw LuaCallbackError("unknown status \(lua.describe(at: -1)) (expected \(AgentStatus.spellings))")
                    }
                    change.status = status
                case "cdc":
                    guard let cdc = lua.wholeNumber(at: -1) else { throw LuaCallbackError("cdc must be a whole number, got \(lua.describe(at: -1))") }
                    guard cdc >= 0 else { throw LuaCallbackError("cdc must not be negative, got \(cdc)") }
                    change.cdc = cdc
                case "latest_lead_phone_number":
                    guard let number = lua.string(at: -1) else {
                        throw LuaCallbackError("latest_lead_phone_number must be a string, got \(lua.describe(at: -1))")
                    }
                    change.latestLeadPhoneNumber = number
                case "timestamp":
                    guard let time = lua.number(at: -1) else { throw LuaCallbackError("timestamp must be a number (use now()), got \(lua.describe(at: -1))") }
                    change.timestamp = time
                case "last_status":
                    throw LuaCallbackError("last_status is kept by the engine: it follows every change of status")
                case "agent_id":
                    throw LuaCallbackError("agent_id cannot change")
                default:
                    throw LuaCallbackError("set: unknown field '\(key)' (expected status, cdc, latest_lead_phone_number, timestamp)")
                }
                dl_pop(L, 1)
            }
            reaction.change.merge(change)
            return 0
        }
        lua.setGlobalFunction("dial") { [unowned self] L throws(LuaCallbackError) in
            _ = try requireHandler("dial")
            guard let count = lua.wholeNumber(at: 1) else {
                throw LuaCallbackError("dial expects a whole number of leads, got \(lua.describe(at: 1))")
            }
            guard count >= 0 else { throw LuaCallbackError("dial count must be >= 0, got \(count)") }
            guard count <= 100 else { throw LuaCallbackError("dial count must be at most 100, got \(count)") }
            if count > 0 { reaction.effects.append(.dial(count)) }
            return 0
        }
        lua.setGlobalFunction("end_call") { [unowned self] L throws(LuaCallbackError) in
            _ = try requireHandler("end_call")
            guard let number = lua.string(at: 1) else {
                throw LuaCallbackError("end_call expects the phone number to hang up (event.number), got \(lua.describe(at: 1))")
            }
            reaction.effects.append(.endCall(number))
            return 0
        }
        lua.setGlobalFunction("warn") { [unowned self] L throws(LuaCallbackError) in
            _ = try requireHandler("warn")
            guard let code = lua.string(at: 1), !code.isEmpty else {
                throw LuaCallbackError("warn expects a code string, e.g. warn(\"call_start_while_off\"), got \(lua.describe(at: 1))")
            }
            let message = lua.string(at: 2)
            if message == nil && !dl_isnoneornil(L, 2).asBool {
                throw LuaCallbackError("warn: the message must be a string, got \(lua.describe(at: 2))")
            }
            reaction.effects.append(.warn(code: code, message: message))
            return 0
        }
        lua.setGlobalFunction("launch_dialing") { [unowned self] _ throws(LuaCallbackError) in
            _ = try requireHandler("launch_dialing")
            reaction.effects.append(.launchDialing)
            return 0
        }
        lua.setGlobalFunction("now") { [unowned self] L throws(LuaCallbackError) in
            lua_pushnumber(L, current?.campaign.now ?? 0)
            return 1
        }

        // `campaign`: read-only facts, computed when read.
        campaignRef = readOnlyFacts("campaign") { [unowned self] L, key throws(LuaCallbackError) in
            guard let fact = Self.campaignFacts[key] else {
                throw LuaCallbackError("unknown campaign fact '\(key)' (expected \(Self.campaignFacts.keys.sorted().joined(separator: ", ")))")
            }
            lua_pushnumber(L, fact(current?.campaign ?? CampaignFacts()))
        }
        lua_rawgeti(lua.L, dl_registryindex(), lua_Integer(campaignRef))
        lua.rawSetGlobal("campaign")
        // `event.lead`: one table for every event, its fields read from the current input when
        // read, so an event costs nothing more when the rules do not look at its lead.
        leadRef = readOnlyFacts("lead") { [unowned self] L, key throws(LuaCallbackError) in
            let now = current?.campaign.now ?? 0
            guard let facts = current?.lead else { return lua_pushnil(L) }
            switch key {
            case "attempts": lua_pushinteger(L, lua_Integer(facts.attempts))
            case "last_outcome": pushOptional(facts.lastOutcome?.rawValue)
            case "time_zone": pushOptional(facts.timeZone)
            case "local_time": pushOptional(facts.localTime(at: now))
            default: throw LuaCallbackError("unknown lead fact '\(key)' (expected \(Self.leadFacts.joined(separator: ", ")))")
            }
        }
    }

    /// The fields of `event.lead`.
    static let leadFacts = ["attempts", "last_outcome", "local_time", "time_zone"]

    /// A read-only table named `name` in messages whose fields `push` computes when read;
    /// returns its registry reference.
    private func readOnlyFacts(_ name: String, push: @escaping (OpaquePointer, String) throws(LuaCallbackError) -> Void) -> Int32 {
        let L = lua.L
        dl_newtable(L)
        dl_newtable(L)
        lua_pushstring(L, "__index")
        lua.pushFunction { [unowned self] L throws(LuaCallbackError) in
            guard let key = lua.string(at: 2) else { throw LuaCallbackError("unknown \(name) fact \(lua.describe(at: 2))") }
            try push(L, key)
            return 1
        }
        lua_rawset(L, -3)
        lua_pushstring(L, "__newindex")
        lua.pushFunction { _ throws(LuaCallbackError) in throw LuaCallbackError("\(name) is read-only") }
        lua_rawset(L, -3)
        lua_pushstring(L, "__metatable")
        lua_pushstring(L, name)
        lua_rawset(L, -3)
        lua_setmetatable(L, -2)
        return luaL_ref(L, dl_registryindex())
    }

    /// The facts rules read as `campaign.NAME`.
    static let campaignFacts: [String: @Sendable (CampaignFacts) -> Double] = [
        "agents": { Double($0.agents) },
        "logged_in_agents": { Double($0.loggedIn) },
        "off_agents": { Double($0.count(.off)) },
        "ready_agents": { Double($0.count(.ready)) },
        "in_call_agents": { Double($0.count(.inCall)) },
        "inactive_agents": { Double($0.count(.inactive)) },
        "in_flight": { Double($0.inFlight) },
        "dials": { Double($0.dials) },
        "answered": { Double($0.answered) },
        "connects": { Double($0.connects) },
        "drops": { Double($0.drops) },
        "fails": { Double($0.fails) },
        "answer_rate": { $0.answerRate },
        "abandon_rate": { $0.abandonRate },
        "now": { $0.now },
    ]

    // MARK: Loading

    private func installStrictGlobals() {
        let L = lua.L
        dl_pushglobaltable(L)
        dl_newtable(L)
        lua_pushstring(L, "__index")
        lua.pushFunction { [unowned self] _ throws(LuaCallbackError) in
            throw LuaCallbackError("undefined global \(lua.describe(at: 2)) (a typo? globals must be set at the top of the rule file)")
        }
        lua_rawset(L, -3)
        lua_pushstring(L, "__newindex")
        lua.pushFunction { [unowned self] L throws(LuaCallbackError) in
            guard loading else {
                throw LuaCallbackError("assignment to undeclared global \(lua.describe(at: 2)) (use local, or set it at the top of the rule file)")
            }
            if let name = lua.string(at: 2) { globalLines[name] = lua.location(level: 1).line }
            lua_rawset(L, 1)
            return 0
        }
        lua_rawset(L, -3)
        lua_setmetatable(L, -2)
        dl_pop(L, 1)
    }

    private func problem(_ line: Int?, _ message: String) {
        problems.append(RuleProblem(file: origin, line: line, message: message))
    }

    private func beginRow(_ L: OpaquePointer) -> Int32 {
        let line = lua.location(level: 2).line
        var row = Row(status: nil, line: line)
        if let name = lua.string(at: 1) {
            if let status = AgentStatus(rawValue: name) {
                if let first = rows.first(where: { $0.status == status }) {
                    problem(line, "status '\(name)' is defined twice (first at line \(first.line.map(String.init) ?? "?"))")
                } else {
                    row.status = status
                }
            } else {
                problem(line, "unknown status '\(name)' (expected \(AgentStatus.spellings))")
            }
        } else {
            problem(line, "status expects a status name, e.g. status \"ready\" { ... }, got \(lua.describe(at: 1))")
        }
        rows.append(row)
        lua_pushinteger(L, lua_Integer(rows.count - 1))
        return 1
    }

    private func endRow(_ L: OpaquePointer) -> Int32 {
        let row = rows[Int(lua_tointegerx(L, 1, nil))]
        let name = row.status?.rawValue ?? "?"
        guard lua_type(L, 2) == LUA_TTABLE else {
            problem(row.line, "status '\(name)' needs a table of event handlers, got \(lua.describe(at: 2))")
            return 0
        }
        lua_pushnil(L)
        while lua_next(L, 2) != 0 {
            defer { dl_pop(L, 1) }
            guard let key = lua.string(at: -2) else {
                problem(row.line, "status '\(name)': event names must be strings, got \(lua.describe(at: -2))")
                continue
            }
            guard let event = EventKind(rawValue: key) else {
                problem(row.line, "unknown event '\(key)' in status '\(name)' (expected \(EventKind.spellings))")
                continue
            }
            let isIgnore: Bool = {
                lua_rawgeti(L, dl_registryindex(), lua_Integer(ignoreRef))
                defer { dl_pop(L, 1) }
                return lua_rawequal(L, -1, -2) != 0
            }()
            let cell: Cell
            if isIgnore {
                cell = .ignore
            } else if lua_type(L, -1) == LUA_TFUNCTION {
                lua_pushvalue(L, -1)
                cell = .handler(luaL_ref(L, dl_registryindex()))
            } else {
                problem(row.line, "\(name) × \(key) must be a function or ignore, got \(lua.describe(at: -1))")
                if let status = row.status { cells[MatrixCell(status, event).index] = .invalid }
                continue
            }
            if let status = row.status { cells[MatrixCell(status, event).index] = cell }
        }
        return 0
    }

    private func applyOverrides(_ overrides: [String: LuaValue]) {
        for (name, value) in overrides.sorted(by: { $0.key < $1.key }) {
            let type = lua.rawGetGlobal(name)
            dl_pop(lua.L, 1)
            guard type != LUA_TNIL || Self.optionalSettings.contains(name) else {
                problem(nil, "unknown setting '\(name)' (this rule file defines \(collectSettings().map(\.name).joined(separator: ", ")))")
                continue
            }
            lua.push(value)
            lua.rawSetGlobal(name)
        }
    }

    private func checkSettings(lastLine: Int) {
        let L = lua.L
        let ratioType = lua.rawGetGlobal("DIAL_RATIO")
        defer { dl_pop(L, 1) }
        let ratioLine = globalLines["DIAL_RATIO"]
        if ratioType == LUA_TNIL {
            problem(lastLine, "DIAL_RATIO is not set (a whole number of parallel dials per ready agent, or a function of agent and campaign)")
        } else if ratioType != LUA_TFUNCTION {
            if let ratio = lua.wholeNumber(at: -1) {
                if !(0...100).contains(ratio) { problem(ratioLine, "DIAL_RATIO must be between 0 and 100, got \(ratio)") }
            } else {
                problem(ratioLine, "DIAL_RATIO must be a whole number between 0 and 100 or a function, got \(lua.describe(at: -1))")
            }
        }
        let keepAliveType = lua.rawGetGlobal("KEEP_ALIVE_INTERVAL")
        defer { dl_pop(L, 1) }
        let keepAliveLine = globalLines["KEEP_ALIVE_INTERVAL"]
        if keepAliveType == LUA_TNIL {
            problem(lastLine, "KEEP_ALIVE_INTERVAL is not set (seconds an in-call agent may go without keep_alive)")
        } else if let seconds = lua.number(at: -1) {
            if !(seconds > 0 && seconds <= 86_400) { problem(keepAliveLine, "KEEP_ALIVE_INTERVAL must be more than 0 and at most 86400 seconds, got \(lua.describe(at: -1))") }
        } else {
            problem(keepAliveLine, "KEEP_ALIVE_INTERVAL must be a number of seconds, got \(lua.describe(at: -1))")
        }
    }

    private func readAnswerRouting() {
        guard lua.rawGetGlobal("ANSWER_ROUTING") != LUA_TNIL else {
            dl_pop(lua.L, 1)
            return
        }
        defer { dl_pop(lua.L, 1) }
        let choices = AnswerRouting.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or ")
        guard let text = lua.string(at: -1), let routing = AnswerRouting(rawValue: text) else {
            problem(globalLines["ANSWER_ROUTING"], "ANSWER_ROUTING must be \(choices), got \(lua.describe(at: -1))")
            return
        }
        answerRouting = routing
    }

    /// `LEADS = { max_attempts = 3, ... }`: read and checked; a relative `dnc` file is found
    /// beside the rule file. Problems name the field and the line `LEADS` is set on.
    private func readLeadSettings() {
        let name = Self.leadSettingsGlobal
        let type = lua.rawGetGlobal(name)
        defer { dl_pop(lua.L, 1) }
        guard type != LUA_TNIL else { return }
        let line = globalLines[name]
        guard type == LUA_TTABLE else {
            problem(line, "\(name) must be a table such as { max_attempts = 3, hours = { 8, 21 } }, got \(lua.describe(at: -1))")
            return
        }
        let directory = (origin as NSString).deletingLastPathComponent
        do {
            leadSettings = try LeadSettingsTable(lua, at: -1, baseDirectory: directory, listAllowed: false).applied(to: LeadSettings())
            definesLeadSettings = true
        } catch {
            problem(line, "\(name).\(error)")
        }
    }

    private func checkMatrix(lastLine: Int) {
        for status in AgentStatus.allCases {
            guard let row = rows.first(where: { $0.status == status }) else {
                problem(lastLine, "no row for status '\(status)' (every status needs one: status \"\(status)\" { ... })")
                continue
            }
            let missing = EventKind.allCases.filter { if case .missing = cells[MatrixCell(status, $0).index] { true } else { false } }
            for event in missing {
                problem(row.line, "status '\(status)' has no handler for '\(event)' (give a function, or ignore)")
            }
        }
    }

    private func collectSettings() -> [(name: String, value: String)] {
        let L = lua.L
        var found: [(name: String, value: String)] = []
        dl_pushglobaltable(L)
        lua_pushnil(L)
        while lua_next(L, -2) != 0 {
            if let key = lua.string(at: -2), key.first?.isUppercase == true, key != "_G", key != "_VERSION",
                key.allSatisfy({ $0.isUppercase || $0.isNumber || $0 == "_" })
            {
                found.append((key, lua_type(L, -1) == LUA_TFUNCTION ? "function" : lua.describe(at: -1)))
            }
            dl_pop(L, 1)
        }
        dl_pop(L, 1)
        return found.sorted { $0.name < $1.name }
    }
}

extension Int32 {
    var asBool: Bool { self != 0 }
}
