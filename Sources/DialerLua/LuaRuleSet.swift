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
        case handler(LuaReference)
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
    private var dialsAsked = 0
    private var warningBytes = 0
    private var ignoreRef = LuaReference.none
    private var agentRef = LuaReference.none
    private var eventRef = LuaReference.none
    private var campaignRef = LuaReference.none
    private var leadRef = LuaReference.none
    private var interned: InternedStrings

    /// Settings a rule file may leave out (a scenario may still set them).
    public static let optionalSettings = ["ANSWER_ROUTING"]

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
    public convenience init(file path: String, overrides: [String: LuaValue] = [:], seed: Int = 1, limits: LuaLimits = LuaLimits()) throws(RuleError)
    {
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
        interned = InternedStrings(lua)
        installEffects()
        let lastLine = source.reduce(into: 1) { n, c in if c == "\n" { n += 1 } }
        do {
            try lua.load(rulePrelude, chunkName: "=dialer prelude")
            lua.pushFunction { [unowned self] _ throws(LuaCallbackError) in self.beginRow() }
            lua.pushFunction { [unowned self] _ throws(LuaCallbackError) in self.endRow() }
            try lua.call(arguments: 2, results: 0, budget: 0)
            try lua.seal(seed: seed, sandbox: "rule files", undefinedGlobalHint: "a typo? globals must be set at the top of the rule file") {
                [unowned self] lua throws(LuaCallbackError) in
                try defineGlobal(lua)
            }
        } catch {
            throw .invalid([RuleProblem(file: name, line: nil, message: "internal: prelude failed: \(error.message)")])
        }
        lua.rawGetGlobal("ignore")
        ignoreRef = lua.popReference()

        do {
            try lua.load(source, chunkName: "@" + name)
            try lua.call(arguments: 0, results: 0, budget: limits.instructionsForLoading, deadline: limits.deadlineForLoading)
        } catch {
            let place = parseLocation(error.message)
            var text =
                place.line == nil
                ? error.message : String(error.message.split(separator: ":", maxSplits: 2).last ?? "").trimmingCharacters(in: .whitespaces)
            if error.memoryExceeded { text = "memory limit exceeded while loading" }
            if error.deadlineExceeded && place.line == nil { text = "time limit exceeded while loading (\(limits.deadlineForLoading) ms)" }
            throw .invalid([RuleProblem(file: name, line: place.line, message: text)])
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
        agentRef = newTableReference()
        eventRef = newTableReference()
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
        lua.push(ref)
        pushAgent(input)
        pushEvent(input)
        lua.push(campaignRef)
        current = input
        reaction = Reaction()
        dialsAsked = 0
        warningBytes = 0
        defer { current = nil }
        do {
            try lua.call(arguments: 3, results: 0, budget: limits.instructionsPerCall, deadline: limits.deadlineMilliseconds)
        } catch {
            throw handlerError(error, cell: "\(origin): \(cell) handler")
        }
        return reaction
    }

    /// The rule error for a handler's failure; a limit's message keeps the `file:line:` where
    /// the handler was stopped, or names the cell when no line is known.
    private func handlerError(_ error: LuaFailure, cell: String) -> RuleError {
        func located(_ what: String) -> String { error.message.contains(what) && error.message.contains(":") ? error.message : "\(cell): \(what)" }
        if error.memoryExceeded {
            return .memoryLimit(cell: cell, limit: limits.memoryBytes)
        }
        if error.deadlineExceeded {
            return .timeLimit(message: located("time limit exceeded (\(limits.deadlineMilliseconds) ms)"), milliseconds: limits.deadlineMilliseconds)
        }
        if error.budgetExceeded {
            let what = "instruction limit exceeded (\(limits.instructionsPerCall) instructions)"
            return .instructionLimit(message: located(what), limit: limits.instructionsPerCall)
        }
        return .runtime(message: error.message, traceback: error.traceback)
    }

    private func pushAgent(_ input: RuleInput) {
        let agent = input.agent
        lua.push(agentRef)
        setField(.agentID) { lua.pushString(agent.agentID) }
        setField(.status) { lua.push(interned[agent.status]) }
        setField(.cdc) { lua.pushInteger(agent.cdc) }
        setField(.latestLeadPhoneNumber) { lua.pushString(agent.latestLeadPhoneNumber) }
        setField(.lastStatus) { if let status = agent.lastStatus { lua.push(interned[status]) } else { lua.pushNil() } }
        setField(.timestamp) { if let t = agent.timestamp { lua.pushNumber(t) } else { lua.pushNil() } }
        setField(.inFlight) { lua.pushInteger(input.inFlight) }
        setField(.secondsInStatus) { lua.pushNumber(input.secondsInStatus) }
    }

    private func pushEvent(_ input: RuleInput) {
        let event = input.event
        lua.push(eventRef)
        setField(.name) { lua.push(interned[event.kind]) }
        setField(.agentID) { lua.pushString(event.agentID) }
        setField(.number) { lua.pushString(event.number) }
        setField(.reason) { if let reason = event.reason { lua.push(interned[reason]) } else { lua.pushNil() } }
        setField(.lead) { if input.lead != nil { lua.push(leadRef) } else { lua.pushNil() } }
    }

    /// Sets `table[key] = value` on the table on top of the stack, raw.
    @inline(__always)
    private func setField(_ field: InternedStrings.Field, _ pushValue: () -> Void) {
        lua.push(interned[field])
        pushValue()
        lua.rawSet(at: -3)
    }

    private func newTableReference() -> LuaReference {
        lua.newTable()
        return lua.popReference()
    }

    // MARK: The effect API rules call

    /// Adds an effect to the reaction, within the per-event cap: a handler that loops over
    /// effects is stopped at its call site, not after it has filled memory.
    private func addEffect(_ effect: Effect, _ name: String) throws(LuaCallbackError) {
        guard reaction.effects.count < Effect.maxEffectsPerEvent else {
            throw LuaCallbackError("\(name): at most \(Effect.maxEffectsPerEvent) effects (dial, end_call, warn, launch_dialing) per event")
        }
        reaction.effects.append(effect)
    }

    private func requireHandler(_ name: String) throws(LuaCallbackError) -> RuleInput {
        guard let current else { throw LuaCallbackError("\(name)() can only be called inside a handler") }
        return current
    }

    private func installEffects() {
        lua.setGlobalFunction("set") { [unowned self] lua throws(LuaCallbackError) in
            _ = try requireHandler("set")
            try lua.checkTable(at: 1, "set expects a table of fields, e.g. set { status = \"ready\" }")
            do throws(AgentFieldError) {
                reaction.change.merge(try AgentFieldsTable(lua, at: 1, for: .change).change)
            } catch {
                throw LuaCallbackError(error.isAboutKey ? "set: \(error.message)" : error.message)
            }
            return 0
        }
        lua.setGlobalFunction("dial") { [unowned self] lua throws(LuaCallbackError) in
            _ = try requireHandler("dial")
            let count = try lua.checkWholeNumber(at: 1, "dial expects a whole number of leads")
            guard count >= 0 else { throw LuaCallbackError("dial count must be >= 0, got \(count)") }
            guard count <= Effect.maxDialCount else { throw LuaCallbackError("dial count must be at most \(Effect.maxDialCount), got \(count)") }
            guard dialsAsked + count <= Effect.maxDialsPerEvent else {
                throw LuaCallbackError("dial: at most \(Effect.maxDialsPerEvent) leads per event (this event already asked for \(dialsAsked))")
            }
            dialsAsked += count
            if count > 0 { try addEffect(.dial(count), "dial") }
            return 0
        }
        lua.setGlobalFunction("end_call") { [unowned self] lua throws(LuaCallbackError) in
            _ = try requireHandler("end_call")
            let text = try lua.checkString(at: 1, "end_call expects the phone number to hang up (event.number)")
            try addEffect(.endCall(try normalizedNumber(text, "end_call")), "end_call")
            return 0
        }
        lua.setGlobalFunction("warn") { [unowned self] lua throws(LuaCallbackError) in
            _ = try requireHandler("warn")
            guard let code = lua.string(at: 1), !code.isEmpty else {
                throw lua.argumentError(at: 1, "warn expects a code string, e.g. warn(\"call_start_while_off\")")
            }
            let message = try lua.optString(at: 2, "warn: the message must be a string")
            warningBytes += code.utf8.count + (message?.utf8.count ?? 0)
            guard warningBytes <= Effect.maxWarningBytesPerEvent else {
                throw LuaCallbackError("warn: at most \(Effect.maxWarningBytesPerEvent) bytes of warning codes and messages per event")
            }
            try addEffect(.warn(code: code, message: message), "warn")
            return 0
        }
        lua.setGlobalFunction("launch_dialing") { [unowned self] _ throws(LuaCallbackError) in
            _ = try requireHandler("launch_dialing")
            try addEffect(.launchDialing, "launch_dialing")
            return 0
        }
        for (name, figure) in Self.pacingFunctions {
            lua.setGlobalFunction(name) { [unowned self] lua throws(LuaCallbackError) in
                let seconds = try Self.pacingSeconds(lua, name)
                let input = current ?? Self.noInput
                lua.pushNumber(figure(input.pacing, seconds, input.campaign.now))
                return 1
            }
        }
        lua.setGlobalFunction("now") { [unowned self] lua throws(LuaCallbackError) in
            lua.pushNumber(current?.campaign.now ?? 0)
            return 1
        }
        installFacts()
    }

    /// `campaign` and `event.lead`: read-only tables whose fields are computed when read.
    private func installFacts() {
        campaignRef = readOnlyFacts("campaign") { [unowned self] lua, key throws(LuaCallbackError) in
            guard let fact = Self.campaignFacts[key] else {
                throw LuaCallbackError("unknown campaign fact '\(key)' (expected \(Self.campaignFacts.keys.sorted().joined(separator: ", ")))")
            }
            lua.pushNumber(fact(current ?? Self.noInput))
        }
        lua.push(campaignRef)
        lua.rawSetGlobal("campaign")
        // `event.lead`: one table for every event, its fields read from the current input when
        // read, so an event costs nothing more when the rules do not look at its lead.
        leadRef = readOnlyFacts("lead") { [unowned self] lua, key throws(LuaCallbackError) in
            let now = current?.campaign.now ?? 0
            guard let facts = current?.lead else { return lua.pushNil() }
            switch key {
            case "attempts": lua.pushInteger(facts.attempts)
            case "last_outcome": lua.pushString(facts.lastOutcome?.rawValue)
            case "time_zone": lua.pushString(facts.timeZone)
            case "local_time": lua.pushString(facts.localTime(at: now))
            default: throw LuaCallbackError("unknown lead fact '\(key)' (expected \(Self.leadFacts.joined(separator: ", ")))")
            }
        }
    }

    /// The fields of `event.lead`.
    static let leadFacts = ["attempts", "last_outcome", "local_time", "time_zone"]

    /// A read-only table named `name` in messages whose fields `push` computes when read;
    /// returns its registry reference.
    private func readOnlyFacts(_ name: String, push: @escaping (LuaState, String) throws(LuaCallbackError) -> Void) -> LuaReference {
        lua.pushReadOnlyTable(name: name, readOnly: "\(name) is read-only") { lua throws(LuaCallbackError) in
            guard let key = lua.string(at: 2) else { throw LuaCallbackError("unknown \(name) fact \(lua.describe(at: 2))") }
            try push(lua, key)
            return 1
        }
        return lua.popReference()
    }

    /// The facts rules read as `campaign.NAME`.
    static let campaignFacts: [String: @Sendable (RuleInput) -> Double] = [
        "agents": { Double($0.campaign.agents) },
        "logged_in_agents": { Double($0.campaign.loggedIn) },
        "off_agents": { Double($0.campaign.count(.off)) },
        "ready_agents": { Double($0.campaign.count(.ready)) },
        "in_call_agents": { Double($0.campaign.count(.inCall)) },
        "inactive_agents": { Double($0.campaign.count(.inactive)) },
        "in_flight": { Double($0.campaign.inFlight) },
        "dials": { Double($0.campaign.dials) },
        "answered": { Double($0.campaign.answered) },
        "connects": { Double($0.campaign.connects) },
        "drops": { Double($0.campaign.drops) },
        "fails": { Double($0.campaign.fails) },
        "answer_rate": { $0.campaign.answerRate },
        "abandon_rate": { $0.campaign.abandonRate },
        "now": { $0.campaign.now },
        // the recent window (PacingFigures), for pacing rules
        "recent_answer_rate": { $0.pacing.recentAnswerRate },
        "answer_seconds": { $0.pacing.answerSeconds },
        "call_seconds": { $0.pacing.callSeconds },
        "call_seconds_p90": { $0.pacing.callSecondsP90 },
        "recent_calls": { Double($0.pacing.calls.count) },
    ]

    /// The pacing functions rules call with a number of seconds (`PacingFigures`).
    static let pacingFunctions: [(String, @Sendable (PacingFigures, Double, Timestamp) -> Double)] = [
        ("agents_free_within", { $0.agentsFree(within: $1, at: $2) }),
        ("answers_within", { $0.answers(within: $1, at: $2) }),
        ("answer_chance_within", { pacing, seconds, _ in pacing.answerChance(afterRinging: 0, within: seconds) }),
    ]

    /// The seconds a pacing function was called with (its first argument), checked.
    static func pacingSeconds(_ lua: LuaState, _ name: String) throws(LuaCallbackError) -> Double {
        guard let seconds = lua.number(at: 1), seconds.isFinite, seconds >= 0 else {
            throw LuaCallbackError("\(name): seconds must be a number 0 or more, got \(lua.describe(at: 1))")
        }
        return seconds
    }

    /// What the facts read outside a handler (all zero); a scenario's `campaign()` fills it in.
    static let noInput = RuleInput(
        agent: AgentState(agentID: ""), event: AgentEvent(agentID: "", kind: .keepAlive), inFlight: 0, campaign: CampaignFacts())

    // MARK: Loading

    /// A rule file defines its globals (settings) at the top, while loading; a handler that
    /// assigns an undeclared global is an error. Notes the line of each for messages.
    private func defineGlobal(_ lua: LuaState) throws(LuaCallbackError) {
        guard loading else {
            throw LuaCallbackError("assignment to undeclared global \(lua.describe(at: 2)) (use local, or set it at the top of the rule file)")
        }
        if let name = lua.string(at: 2) { globalLines[name] = lua.location(level: 1).line }
    }

    private func problem(_ line: Int?, _ message: String) {
        problems.append(RuleProblem(file: origin, line: line, message: message))
    }

    private func beginRow() -> Int32 {
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
        lua.pushInteger(rows.count - 1)
        return 1
    }

    private func endRow() -> Int32 {
        // The prelude passes back the row number begin_row gave.
        let row = rows[lua.wholeNumber(at: 1)!]
        let name = row.status?.rawValue ?? "?"
        guard lua.isTable(at: 2) else {
            problem(row.line, "status '\(name)' needs a table of event handlers, got \(lua.describe(at: 2))")
            return 0
        }
        lua.forEachPair(at: 2) { addCell(row, name) }
        return 0
    }

    /// Checks one `event = handler` entry of a row (key at -2, value at -1) and files its cell.
    private func addCell(_ row: Row, _ name: String) {
        guard let key = lua.string(at: -2) else {
            problem(row.line, "status '\(name)': event names must be strings, got \(lua.describe(at: -2))")
            return
        }
        guard let event = EventKind(rawValue: key) else {
            problem(row.line, "unknown event '\(key)' in status '\(name)' (expected \(EventKind.spellings))")
            return
        }
        let cell: Cell
        if lua.isValue(at: -1, ignoreRef) {
            cell = .ignore
        } else if lua.type(at: -1) == .function {
            cell = .handler(lua.reference(at: -1))
        } else {
            problem(row.line, "\(name) × \(key) must be a function or ignore, got \(lua.describe(at: -1))")
            if let status = row.status { cells[MatrixCell(status, event).index] = .invalid }
            return
        }
        if let status = row.status { cells[MatrixCell(status, event).index] = cell }
    }

    private func applyOverrides(_ overrides: [String: LuaValue]) {
        for (name, value) in overrides.sorted(by: { $0.key < $1.key }) {
            let type = lua.withRawGlobal(name) { $0 }
            guard type != .nil || Self.optionalSettings.contains(name) else {
                problem(nil, "unknown setting '\(name)' (this rule file defines \(collectSettings().map(\.name).joined(separator: ", ")))")
                continue
            }
            lua.push(value)
            lua.rawSetGlobal(name)
        }
    }

    /// The most seconds `KEEP_ALIVE_INTERVAL` may be: a day.
    static let maxKeepAliveInterval = 86_400

    private func checkSettings(lastLine: Int) {
        lua.withRawGlobal("DIAL_RATIO") { type in
            let line = globalLines["DIAL_RATIO"]
            let range = 0...Effect.maxDialCount
            if type == .nil {
                problem(lastLine, "DIAL_RATIO is not set (a whole number of parallel dials per ready agent, or a function of agent and campaign)")
            } else if type != .function {
                if let ratio = lua.wholeNumber(at: -1) {
                    if !range.contains(ratio) { problem(line, "DIAL_RATIO must be between 0 and \(range.upperBound), got \(ratio)") }
                } else {
                    problem(line, "DIAL_RATIO must be a whole number between 0 and \(range.upperBound) or a function, got \(lua.describe(at: -1))")
                }
            }
        }
        lua.withRawGlobal("KEEP_ALIVE_INTERVAL") { type in
            let line = globalLines["KEEP_ALIVE_INTERVAL"]
            let most = Self.maxKeepAliveInterval
            if type == .nil {
                problem(lastLine, "KEEP_ALIVE_INTERVAL is not set (seconds an in-call agent may go without keep_alive)")
            } else if let seconds = lua.number(at: -1) {
                if !(seconds > 0 && seconds <= Double(most)) {
                    problem(line, "KEEP_ALIVE_INTERVAL must be more than 0 and at most \(most) seconds, got \(lua.describe(at: -1))")
                }
            } else {
                problem(line, "KEEP_ALIVE_INTERVAL must be a number of seconds, got \(lua.describe(at: -1))")
            }
        }
    }

    private func readAnswerRouting() {
        lua.withRawGlobal("ANSWER_ROUTING") { type in
            guard type != .nil else { return }
            let choices = AnswerRouting.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or ")
            guard let text = lua.string(at: -1), let routing = AnswerRouting(rawValue: text) else {
                problem(globalLines["ANSWER_ROUTING"], "ANSWER_ROUTING must be \(choices), got \(lua.describe(at: -1))")
                return
            }
            answerRouting = routing
        }
    }

    /// `LEADS = { max_attempts = 3, ... }`: read and checked; a relative `dnc` file is found
    /// beside the rule file. Problems name the field and the line `LEADS` is set on.
    private func readLeadSettings() {
        let name = Self.leadSettingsGlobal
        lua.withRawGlobal(name) { type in
            guard type != .nil else { return }
            let line = globalLines[name]
            guard type == .table else {
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
        var found: [(name: String, value: String)] = []
        lua.pushGlobalTable()
        lua.forEachPair(at: -1) {
            if let key = lua.string(at: -2), key.first?.isUppercase == true, key != "_G", key != "_VERSION",
                key.allSatisfy({ $0.isUppercase || $0.isNumber || $0 == "_" })
            {
                found.append((key, lua.type(at: -1) == .function ? "function" : lua.describe(at: -1)))
            }
        }
        lua.pop()
        return found.sorted { $0.name < $1.name }
    }
}
