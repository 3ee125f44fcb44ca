import DialerCore
import Foundation

/// Which part of a scenario file a session runs.
enum ScenarioPart: Equatable {
    /// The top level: `case` bodies are only registered (a file without cases runs whole).
    case topLevel
    /// The top level and the body of this one case.
    case onlyCase(String)
}

/// One replay of one scenario file: its own Lua state for the script, and a fresh engine with
/// its own rule state, virtual clock, telephony and leads.
final class ScenarioSession {
    let file: String
    let options: ScenarioOptions
    let part: ScenarioPart
    /// The `case` names the file defined, in order (known after `run`).
    private(set) var caseNames: [String] = []
    private let lua: LuaState
    private let clock = VirtualClock()
    private let telephony = VirtualTelephony()
    /// The engine's store, and the leads' of `leads { }` and `lead_pool { }`.
    private let store = InMemoryAgentStore()
    private var engine: DialerEngine?

    private var title: String?
    private var rulesPath: String
    private var overrides: [String: LuaValue] = [:]
    private var leadNumbers: [String]?
    private var pool: StoredLeadPool?
    /// The plain list of `leads { }`, once the engine dials from it.
    private var listSource: ScenarioLeadList?
    /// What the engine dials through: the leads, unless `pause_dialing()`.
    private var dialing: PausableLeadSource?
    private var poolSettings: LeadSettingsTable?
    private var failure: String?
    private var skipReason: String?
    private var endLine: Int?
    private var inCase = false
    private var selectedCaseRan = false
    private var ruleFiles: [String] = []
    private var printed: [String] = []
    private var printedBytes = 0
    /// The most a scenario may `print` (1 MiB): output is kept until the scenario ends.
    static let maxPrintedBytes = 1 << 20
    private var history: [String] = []
    private var warningsRaised: [DialerWarning] = []
    private var dialsByID: [Int: Dial] = [:]
    private var dialOrder: [Int] = []
    private var endedNumbers: [String] = []

    /// How many recent events a failure shows.
    static let historyLength = 8

    init(file: String, options: ScenarioOptions, part: ScenarioPart = .topLevel) {
        self.file = file
        self.options = options
        self.part = part
        rulesPath = options.rulesOverride ?? options.defaultRules
        lua = LuaState(memoryLimit: options.scenarioLimits.memoryBytes, deadlineCountsLuaOnly: true)
    }

    func run() -> ScenarioResult {
        let verdict = execute()
        var caseName: String?
        if case .onlyCase(let name) = part { caseName = name }
        return ScenarioResult(
            file: file, title: title, caseName: caseName, verdict: verdict, line: endLine, duration: 0,
            recentEvents: history, printed: printed,
            cellCounts: engine?.cellCounts ?? Array(repeating: 0, count: MatrixCell.count), ruleFiles: ruleFiles)
    }

    private func execute() -> ScenarioVerdict {
        let source: String
        do {
            source = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            return .error("\(file): cannot read scenario: \(FileManager.default.fileExists(atPath: file) ? "not UTF-8 text" : "no such file")")
        }
        installAPI()
        do {
            try lua.load(scenarioPrelude, chunkName: "=scenario prelude")
            lua.pushFunction { [unowned self] lua throws(LuaCallbackError) in
                let message = lua.string(at: 1) ?? "assertion failed"
                let level = Int32(lua.wholeNumber(at: 2) ?? 1)
                let located = lua.whereText(level: level) + message
                if failure == nil && skipReason == nil {
                    failure = located
                    endLine = scenarioLine(in: located)
                }
                throw LuaCallbackError(located: located)
            }
            lua.pushFunction { [unowned self] _ throws(LuaCallbackError) in beginCase() }
            lua.pushFunction { [unowned self] _ throws(LuaCallbackError) in
                inCase = false
                return 0
            }
            try lua.call(arguments: 3, results: 0, budget: 0)
            // Reading an undefined global is an error (a typo in a scenario is not a silent nil).
            try lua.seal(seed: options.seed, sandbox: "scenarios", undefinedGlobalHint: "a typo? see the scenario API in docs/scenarios.md")
            try lua.load(source, chunkName: "@" + file)
            let limits = options.scenarioLimits
            try lua.call(arguments: 0, results: 0, budget: limits.instructionsPerCall, deadline: limits.deadlineMilliseconds)
        } catch {
            if let ended = verdictAfterStop() { return ended }
            endLine = scenarioLine(in: error.message)
            if error.budgetExceeded || error.deadlineExceeded { return .error("\(error.message) (scenario budget)") }
            if error.memoryExceeded { return .error("\(file): scenario memory limit exceeded (\(options.scenarioLimits.memoryBytes) bytes)") }
            return .error(error.message)
        }
        if let ended = verdictAfterStop() { return ended }
        if case .onlyCase(let name) = part, !selectedCaseRan {
            return .error("\(file): case '\(name)' was not reached (its case() call did not run this time)")
        }
        return .passed
    }

    /// A failed assertion or a `skip`, whichever came first, even if the script caught it.
    private func verdictAfterStop() -> ScenarioVerdict? {
        if let failure { return .failed(failure) }
        if let skipReason { return .skipped(skipReason) }
        return nil
    }

    /// The line in `message` (`file:line: …`) if that location is this scenario file. Lua
    /// shortens long chunk names to `...tail`, so the tail is compared.
    private func scenarioLine(in message: String) -> Int? {
        let location = parseLocation(message)
        guard let line = location.line else { return nil }
        let shown = location.file.hasPrefix("...") ? String(location.file.dropFirst(3)) : location.file
        return file.hasSuffix(shown) ? line : nil
    }

    /// `case(name, fn)` asks whether to run `fn`: returns `nil, run` or an error message.
    private func beginCase() -> Int32 {
        let name = lua.string(at: 1) ?? ""
        var problem: String?
        if inCase {
            problem = "case '\(name)' is inside another case; cases cannot be nested"
        } else if caseNames.contains(name) {
            problem = "case '\(name)' is defined twice; give each case its own name"
        }
        if let problem {
            lua.pushString(problem)
            return 1
        }
        caseNames.append(name)
        let run = part == .onlyCase(name)
        if run {
            inCase = true
            selectedCaseRan = true
        }
        lua.pushNil()
        lua.pushBoolean(run)
        return 2
    }

    // MARK: Engine

    @discardableResult
    private func requireEngine() throws(LuaCallbackError) -> DialerEngine {
        if let engine { return engine }
        let rules = try loadRules(rulesPath, overrides: overrides)
        let leads: any LeadSource
        do { leads = try leadSource() } catch { throw LuaCallbackError("leads: \(error)") }
        let dialing = PausableLeadSource(leads)
        self.dialing = dialing
        do {
            let made = try DialerEngine(rules: rules, store: store, leads: dialing, telephony: telephony, clock: clock)
            made.onStep = { [unowned self] step in record(step) }
            engine = made
            return made
        } catch {
            throw LuaCallbackError(error.description)
        }
    }

    /// Loads a rule file (at the start or a `reload_rules`), its `LEADS` under the keys
    /// `lead_pool { }` gave.
    private func loadRules(_ path: String, overrides: [String: LuaValue]) throws(LuaCallbackError) -> LuaRuleSet {
        let path = resolve(path)
        if !ruleFiles.contains(path) { ruleFiles.append(path) }
        let rules: LuaRuleSet
        do {
            rules = try LuaRuleSet(file: path, overrides: overrides, seed: options.seed, limits: options.ruleLimits)
        } catch {
            throw LuaCallbackError(error.description)
        }
        if let pool, let poolSettings {
            do {
                pool.settings = try poolSettings.applied(to: rules.leadSettings)
            } catch {
                throw LuaCallbackError("lead_pool: \(error)")
            }
        }
        return rules
    }

    /// The pool of `lead_pool { }`; else the numbers of `leads { }` in the store, dialed as a
    /// plain list; else an endless generated list (not a pool: it never runs dry).
    private func leadSource() throws -> any LeadSource {
        if let pool { return pool }
        guard let leadNumbers else { return LeadList([], generateAfterList: true) }
        _ = try store.addLeads(leadNumbers)
        let list = ScenarioLeadList(store: store)
        listSource = list
        return list
    }

    /// Rule paths are taken from the working directory first, then from the scenario's folder
    /// and its parents, so `rules/default.lua` works from the repository root and beside it.
    private func resolve(_ path: String) -> String {
        let fm = FileManager.default
        if path.hasPrefix("/") || fm.fileExists(atPath: path) { return path }
        var dir = URL(fileURLWithPath: file).deletingLastPathComponent()
        for _ in 0..<8 {
            let candidate = dir.appendingPathComponent(path).path
            if fm.fileExists(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return path
    }

    private func requireSetupPhase(_ name: String) throws(LuaCallbackError) {
        if engine != nil { throw LuaCallbackError("\(name)() must come before the first agent or event") }
    }

    private func send(_ event: AgentEvent) throws(LuaCallbackError) {
        let engine = try requireEngine()
        if let error = engine.handle(event).first {
            throw LuaCallbackError("\(event.kind) for \(event.agentID): \(error)")
        }
    }

    private func record(_ step: EngineStep) {
        for dial in step.placed {
            dialsByID[dial.id] = dial
            dialOrder.append(dial.id)
        }
        endedNumbers.append(contentsOf: step.ended)
        warningsRaised.append(contentsOf: step.warnings)
        if let engine {
            for id in dialOrder.suffix(64) where dialsByID[id]?.outcome?.isFinal != true {
                if let dial = dialsByID[id] { dialsByID[id] = refreshed(dial, engine) }
            }
        }
        history.append(describe(step))
        if history.count > Self.historyLength { history.removeFirst() }
    }

    private func refreshed(_ dial: Dial, _ engine: DialerEngine) -> Dial {
        if let live = engine.liveCall(of: dial.agentID), live.id == dial.id { return live }
        if let ringing = engine.ringingDials(of: dial.agentID).first(where: { $0.id == dial.id }) { return ringing }
        if let stored = (engine.store as? InMemoryAgentStore)?.dial(dial.id) { return stored }
        return dial
    }

    private func describe(_ step: EngineStep) -> String {
        var line = "t=\(formatNumber(step.time)) \(step.event.agentID) \(step.event.kind)"
        if let number = step.event.number { line += " \(number)" }
        if let reason = step.event.reason { line += " (\(reason.rawValue))" }
        if let placer = step.routedFrom { line += " (dialed for \(placer))" }
        if let error = step.error { return line + ": ERROR \(error)" }
        if let before = step.before, let after = step.after {
            line += ": \(before.status)"
            if after.status != before.status { line += " -> \(after.status)" }
            line += ", cdc \(before.cdc)"
            if after.cdc != before.cdc { line += " -> \(after.cdc)" }
        }
        if !step.placed.isEmpty { line += "; dialed " + step.placed.map(\.number).joined(separator: " ") }
        if !step.ended.isEmpty { line += "; ended " + step.ended.joined(separator: " ") }
        if !step.warnings.isEmpty { line += "; warn " + step.warnings.map(\.code).joined(separator: " ") }
        return line
    }

    // MARK: The scenario API

    private func agentID(_ name: String, at index: Int32 = 1) throws(LuaCallbackError) -> String {
        try lua.checkString(at: index, "\(name) expects an agent id")
    }

    /// A phone number in any common spelling, as the engine spells it (E.164), so a call event
    /// by `(212) 555-0100` acts on the dial of `+12125550100`.
    private func number(_ name: String, at index: Int32) throws(LuaCallbackError) -> String {
        try normalizedNumber(try lua.checkString(at: index, "\(name) expects a phone number string"), name)
    }

    private func optionalReason(at index: Int32) throws(LuaCallbackError) -> FailReason? {
        if lua.isNoneOrNil(at: index) { return nil }
        guard let text = lua.string(at: index), let reason = FailReason(rawValue: text) else {
            throw LuaCallbackError("unknown fail reason \(lua.describe(at: index)) (expected \(FailReason.spelledOut))")
        }
        return reason
    }

    private func knownAgent(_ id: String) throws(LuaCallbackError) -> AgentState {
        guard let state = try requireEngine().state(of: id) else { throw LuaCallbackError("unknown agent '\(id)' (declare it with agent \"\(id)\")") }
        return state
    }

    /// Defines the scenario API's globals: `rules`, `agent`, `login`, `answer`, `state`, …
    private func installAPI() {
        installScriptAPI()
        installSetupAPI()
        installAgentAPI()
        installFarEndAPI()
        installInspectionAPI()
    }

    /// Defines one function of the scenario API.
    private func define(_ name: String, _ body: @escaping LuaCallback) { lua.setGlobalFunction(name, body) }

    /// The script itself: `print`, `skip`, `scenario`, and the rules it runs.
    private func installScriptAPI() {
        define("print") { [unowned self] lua throws(LuaCallbackError) in
            let n = lua.top
            let line = (1...max(n, 1)).map { i in lua.string(at: i) ?? lua.describe(at: i) }.joined(separator: "\t")
            printedBytes += line.utf8.count + 1
            guard printedBytes <= Self.maxPrintedBytes else {
                throw LuaCallbackError("print: a scenario may print at most \(Self.maxPrintedBytes >> 20) MiB")
            }
            printed.append(line)
            return 0
        }
        define("skip") { [unowned self] lua throws(LuaCallbackError) in
            let reason = try lua.optString(at: 1, "skip expects a reason string, e.g. skip(\"waits for issue 12\")") ?? "skipped"
            if failure == nil && skipReason == nil {
                skipReason = reason
                endLine = lua.location(level: 1).line
            }
            throw LuaCallbackError(located: "skipped: " + reason)
        }
        define("scenario") { [unowned self] lua throws(LuaCallbackError) in
            title = try lua.checkString(at: 1, "scenario expects a title string")
            return 0
        }
        define("rules") { [unowned self] lua throws(LuaCallbackError) in
            try requireSetupPhase("rules")
            let path = try lua.checkString(at: 1, "rules expects a rule file path")
            rulesPath = options.rulesOverride ?? path
            if lua.isTable(at: 2) { overrides.merge(try readSettings(at: 2)) { $1 } }
            return 0
        }
        define("settings") { [unowned self] lua throws(LuaCallbackError) in
            try requireSetupPhase("settings")
            try lua.checkTable(at: 1, "settings expects a table, e.g. settings { DIAL_RATIO = 3 }")
            overrides.merge(try readSettings(at: 1)) { $1 }
            return 0
        }
        define("campaign_history") { [unowned self] lua throws(LuaCallbackError) in
            let text = try lua.checkString(at: 1, "campaign_history expects the JSON text `dialer capture` writes")
            let history: CampaignHistory
            do {
                history = try JSONDecoder().decode(CampaignHistory.self, from: Data(text.utf8))
            } catch {
                throw LuaCallbackError("campaign_history: not a campaign history as `dialer capture` writes it: \(error)")
            }
            try requireEngine().restoreCampaign(history)
            return 0
        }
        define("pause_dialing") { [unowned self] _ throws(LuaCallbackError) in
            try requireEngine()
            dialing?.paused = true
            return 0
        }
        define("resume_dialing") { [unowned self] _ throws(LuaCallbackError) in
            try resumeDialing()
            return 0
        }
        define("reload_rules") { [unowned self] lua throws(LuaCallbackError) in
            try reloadRules(try lua.checkString(at: 1, "reload_rules expects a rule file path"), lua.isTable(at: 2) ? try readSettings(at: 2) : [:])
            return 0
        }
    }

    /// `resume_dialing()`: as `POST /campaign/resume`, a `dialing` event for every ready agent
    /// (in id order) when dialing was paused, so their rules decide whether to dial.
    private func resumeDialing() throws(LuaCallbackError) {
        let engine = try requireEngine()
        guard let dialing, dialing.paused else { return }
        dialing.paused = false
        for id in engine.agentIDs where engine.state(of: id)?.status == .ready { try send(AgentEvent(agentID: id, kind: .dialing)) }
    }

    /// `reload_rules(path [, settings])`: another rule file live between two events, as `serve`
    /// reloads one; its `LEADS` with it (the keys `lead_pool { }` gave still win).
    private func reloadRules(_ path: String, _ settings: [String: LuaValue]) throws(LuaCallbackError) {
        let engine = try requireEngine()
        do {
            engine.rules = try loadRules(path, overrides: settings)
        } catch {
            throw LuaCallbackError("reload_rules: \(error.message)")
        }
    }

    /// What the engine starts with: leads, lead pool, clock, call outcomes.
    private func installSetupAPI() {
        define("leads") { [unowned self] _ throws(LuaCallbackError) in
            try requireSetupPhase("leads")
            guard lua.isTable(at: 1) else { throw LuaCallbackError("leads expects a list of phone numbers, got \(lua.describe(at: 1))") }
            leadNumbers = try numberList("leads").map { text throws(LuaCallbackError) in try normalizedNumber(text, "leads") }
            return 0
        }
        define("start_at") { [unowned self] _ throws(LuaCallbackError) in
            try requireSetupPhase("start_at")
            guard let text = lua.string(at: 1), let date = ISO8601DateFormatter().date(from: text) else {
                throw LuaCallbackError(
                    "start_at expects an ISO 8601 time with its offset, e.g. \"2026-01-15T07:30:00-05:00\", got \(lua.describe(at: 1))")
            }
            guard date.timeIntervalSince1970 >= clock.now else { throw LuaCallbackError("start_at: the virtual clock cannot start before 1970") }
            clock.advance(to: date.timeIntervalSince1970)
            return 0
        }
        define("add_leads") { [unowned self] _ throws(LuaCallbackError) in
            try addLeads()
        }
        define("generate_leads") { [unowned self] lua throws(LuaCallbackError) in
            pushList(try GenerateLeadsCall(lua).numbers())
            return 1
        }
        define("lead_pool") { [unowned self] _ throws(LuaCallbackError) in
            try requireSetupPhase("lead_pool")
            guard lua.isTable(at: 1) else {
                throw LuaCallbackError(
                    "lead_pool expects a table, e.g. lead_pool { \"212-555-0100\", dnc = { \"212-555-0101\" } }, got \(lua.describe(at: 1))")
            }
            (pool, poolSettings) = try readLeadPool(at: 1)
            return 0
        }
        define("callback") { [unowned self] _ throws(LuaCallbackError) in
            let (pool, phone, _) = try pooledLead("callback", usage: "callback(number, time)")
            let time: Timestamp
            if let seconds = lua.number(at: 2) {
                time = seconds
            } else if let iso = lua.string(at: 2), let date = ISO8601DateFormatter().date(from: iso) {
                time = date.timeIntervalSince1970
            } else {
                throw LuaCallbackError(
                    "callback expects a time: virtual seconds or ISO 8601 with its offset, e.g. \"2026-01-15T11:00:00-05:00\", got \(lua.describe(at: 2))"
                )
            }
            do { try pool.scheduleCallback(phone.e164, at: time) } catch { throw LuaCallbackError("callback: \(error)") }
            return 0
        }
        define("lead") { [unowned self] _ throws(LuaCallbackError) in
            let (_, phone, lead) = try pooledLead("lead", usage: "lead(number)")
            lua.newTable()
            setField("number", .string(phone.e164))
            setField("attempts", .integer(lead.attempts))
            setField("last_outcome", lead.lastOutcome.map { .string($0.rawValue) } ?? .nil)
            setField("eligible_at", lead.eligibleAt.map(LuaValue.number) ?? .nil)
            setField("done", .boolean(lead.state == .done))
            setField("reserved", .boolean(lead.state == .dialing))
            return 1
        }
        define("outcomes") { [unowned self] lua throws(LuaCallbackError) in
            try lua.checkTable(at: 1, "outcomes expects a table keyed by phone number")
            try lua.forEachPair(at: 1) { () throws(LuaCallbackError) in
                guard let number = lua.string(at: -2), lua.isTable(at: -1) else {
                    throw LuaCallbackError("outcomes: each entry must be [\"+1...\"] = { answer_after = s, talk = s } or { fail_after = s }")
                }
                let e164 = try normalizedNumber(number, "outcomes")
                telephony.scripts[e164] = try readScript(e164)
            }
            return 0
        }
    }

    /// Adds the agent: where a captured window found it (`since`, open dials), or fresh.
    private func addAgent(_ state: AgentState, _ setup: ScenarioAgentSetup?) throws(LuaCallbackError) {
        let engine = try requireEngine()
        do throws(EngineError) {
            guard let setup, setup.since != nil || !setup.dials.isEmpty else { return try engine.addAgent(state) }
            for dial in try engine.restoreAgent(state, since: setup.since ?? state.timestamp ?? clock.now, openDials: setup.dials) {
                dialsByID[dial.id] = dial
                dialOrder.append(dial.id)
            }
        } catch {
            throw LuaCallbackError(error.description)
        }
    }

    /// Agents and the events they send.
    private func installAgentAPI() {
        define("agent") { [unowned self] lua throws(LuaCallbackError) in
            let id = try agentID("agent")
            var state = AgentState(agentID: id)
            var setup: ScenarioAgentSetup?
            if lua.isTable(at: 2) {
                setup = try ScenarioAgentSetup(lua, at: 2, agentID: id, now: clock.now)
                state = try readInitialState(id, at: 2)
            }
            try addAgent(state, setup)
            return 0
        }
        define("remove_agent") { [unowned self] _ throws(LuaCallbackError) in
            let id = try agentID("remove_agent")
            let engine = try requireEngine()
            do throws(EngineError) { try engine.removeAgent(id) } catch { throw LuaCallbackError(error.description) }
            return 0
        }
        define("event") { [unowned self] lua throws(LuaCallbackError) in
            let id = try agentID("event")
            guard let name = lua.string(at: 2), let kind = EventKind(rawValue: name) else {
                throw LuaCallbackError("unknown event \(lua.describe(at: 2)) (expected \(EventKind.spellings))")
            }
            let number = lua.isNoneOrNil(at: 3) ? nil : try self.number("event", at: 3)
            try send(AgentEvent(agentID: id, kind: kind, number: number, reason: try optionalReason(at: 4)))
            return 0
        }
        for kind in [EventKind.login, .logout, .keepAlive, .dialing] {
            define(kind.rawValue) { [unowned self] _ throws(LuaCallbackError) in
                try send(AgentEvent(agentID: try agentID(kind.rawValue), kind: kind))
                return 0
            }
        }
        define("call_start") { [unowned self] _ throws(LuaCallbackError) in
            let id = try agentID("call_start")
            try send(AgentEvent(agentID: id, kind: .callStart, number: try number("call_start", at: 2)))
            return 0
        }
        define("call_fail") { [unowned self] lua throws(LuaCallbackError) in
            let id = try agentID("call_fail")
            let number = lua.isNoneOrNil(at: 2) ? nil : try self.number("call_fail", at: 2)
            try send(AgentEvent(agentID: id, kind: .callFail, number: number, reason: try optionalReason(at: 3)))
            return 0
        }
        define("call_end") { [unowned self] lua throws(LuaCallbackError) in
            let id = try agentID("call_end")
            let number = lua.isNoneOrNil(at: 2) ? nil : try self.number("call_end", at: 2)
            try send(AgentEvent(agentID: id, kind: .callEnd, number: number))
            return 0
        }
    }

    /// The far end of the line, and the clock.
    private func installFarEndAPI() {
        define("answer") { [unowned self] _ throws(LuaCallbackError) in
            let dial = try ringingDial(try number("answer", at: 1), for: "answer")
            try send(AgentEvent(agentID: dial.agentID, kind: .callStart, number: dial.number))
            return 0
        }
        define("fail_call") { [unowned self] _ throws(LuaCallbackError) in
            let dial = try ringingDial(try number("fail_call", at: 1), for: "fail_call")
            try send(AgentEvent(agentID: dial.agentID, kind: .callFail, number: dial.number, reason: try optionalReason(at: 2) ?? .failed))
            return 0
        }
        define("hang_up") { [unowned self] _ throws(LuaCallbackError) in
            let number = try number("hang_up", at: 1)
            let engine = try requireEngine()
            guard let agent = engine.agentIDs.first(where: { engine.liveCall(of: $0)?.number == number }) else {
                throw LuaCallbackError("hang_up: no agent is talking to \(number)")
            }
            try send(AgentEvent(agentID: agent, kind: .callEnd, number: number))
            return 0
        }
        define("advance") { [unowned self] _ throws(LuaCallbackError) in
            guard let seconds = lua.number(at: 1), seconds >= 0, seconds.isFinite else {
                throw lua.argumentError(at: 1, "advance expects a number of seconds >= 0")
            }
            try requireEngine()  // advancing the clock starts the engine (ends the set-up phase), even with nothing due
            let target = clock.now + seconds
            while let (time, event) = telephony.popDue(until: target) {
                clock.advance(to: time)
                try send(event)
            }
            clock.advance(to: target)
            return 0
        }
        define("now") { [unowned self] lua throws(LuaCallbackError) in
            lua.pushNumber(clock.now)
            return 1
        }
    }

    /// Looking at what happened.
    private func installInspectionAPI() {
        define("state") { [unowned self] lua throws(LuaCallbackError) in
            let id = try agentID("state")
            let state = try knownAgent(id)
            let inFlight = try requireEngine().ringingDials(of: id).count
            lua.newTable()
            setField("agent_id", .string(state.agentID))
            setField("status", .string(state.status.rawValue))
            setField("cdc", .integer(state.cdc))
            setField("latest_lead_phone_number", state.latestLeadPhoneNumber.map(LuaValue.string) ?? .nil)
            setField("last_status", state.lastStatus.map { .string($0.rawValue) } ?? .nil)
            setField("timestamp", state.timestamp.map(LuaValue.number) ?? .nil)
            setField("in_flight", .integer(inFlight))
            setField("seconds_in_status", .number(try requireEngine().secondsInStatus(of: id) ?? 0))
            return 1
        }
        definePacingFacts()
        define("dials") { [unowned self] lua throws(LuaCallbackError) in
            let id = lua.isNoneOrNil(at: 1) ? nil : try agentID("dials")
            if let id { _ = try knownAgentOrRemoved(id) }
            pushList(dialOrder.compactMap { dialsByID[$0] }.filter { id == nil || $0.agentID == id }.map(\.number))
            return 1
        }
        define("in_flight") { [unowned self] _ throws(LuaCallbackError) in
            let id = try agentID("in_flight")
            _ = try knownAgent(id)
            pushList(try requireEngine().ringingDials(of: id).map(\.number))
            return 1
        }
        define("warnings") { [unowned self] lua throws(LuaCallbackError) in
            let id = lua.isNoneOrNil(at: 1) ? nil : try agentID("warnings")
            pushList(warningsRaised.filter { id == nil || $0.agentID == id }.map(\.code))
            return 1
        }
        define("warning_details") { [unowned self] lua throws(LuaCallbackError) in
            let id = lua.isNoneOrNil(at: 1) ? nil : try agentID("warning_details")
            let raised = warningsRaised.filter { id == nil || $0.agentID == id }
            lua.newTable(listCapacity: raised.count)
            for (i, warning) in raised.enumerated() {
                lua.newTable()
                setField("code", .string(warning.code))
                setField("agent_id", .string(warning.agentID))
                setField("message", warning.message.map(LuaValue.string) ?? .nil)
                setField("status", .string(warning.status.rawValue))
                setField("event", .string(warning.event.rawValue))
                setField("time", .number(warning.time))
                lua.rawSet(at: -2, index: i + 1)
            }
            return 1
        }
        define("report") { [unowned self] lua throws(LuaCallbackError) in
            let id = lua.isNoneOrNil(at: 1) ? nil : try agentID("report")
            _ = try requireEngine()
            let report: CallReport
            do { report = CallReport(dials: try store.loadDials()) } catch { throw LuaCallbackError("report: \(error)") }
            if let id {
                pushReportRow(report.agents.first { $0.agentID == id } ?? AgentCallStats(agentID: id))
                return 1
            }
            lua.newTable()
            lua.pushString("agents")
            lua.newTable(listCapacity: report.agents.count)
            for (i, row) in report.agents.enumerated() {
                pushReportRow(row)
                lua.rawSet(at: -2, index: i + 1)
            }
            lua.rawSet(at: -3)
            lua.pushString("total")
            pushReportRow(report.total)
            lua.rawSet(at: -3)
            return 1
        }
        define("ended") { [unowned self] _ throws(LuaCallbackError) in
            pushList(endedNumbers)
            return 1
        }
        define("calls") { [unowned self] lua throws(LuaCallbackError) in
            let engine = try requireEngine()
            let all = dialOrder.compactMap { dialsByID[$0] }.map { refreshed($0, engine) }
            lua.newTable(listCapacity: all.count)
            for (i, dial) in all.enumerated() {
                lua.newTable()
                setField("id", .integer(dial.id))
                setField("agent_id", .string(dial.agentID))
                setField("number", .string(dial.number))
                setField("dialed_at", .number(dial.dialedAt))
                setField("answered_at", dial.answeredAt.map(LuaValue.number) ?? .nil)
                setField("ended_at", dial.endedAt.map(LuaValue.number) ?? .nil)
                setField("outcome", .string(dial.outcome?.rawValue ?? "ringing"))
                lua.rawSet(at: -2, index: i + 1)
            }
            return 1
        }
    }

    private func knownAgentOrRemoved(_ id: String) throws(LuaCallbackError) -> Bool {
        if try requireEngine().state(of: id) != nil { return true }
        if dialsByID.values.contains(where: { $0.agentID == id }) { return false }
        throw LuaCallbackError("unknown agent '\(id)' (declare it with agent \"\(id)\")")
    }

    /// The pooled lead whose number is argument 1 of the scenario call `name`, as the store has it.
    private func pooledLead(_ name: String, usage: String) throws(LuaCallbackError) -> (StoredLeadPool, PhoneNumber, StoredLead) {
        guard let pool else { throw LuaCallbackError("\(usage) needs a lead_pool { ... }") }
        let text = try number(name, at: 1)
        guard let phone = try? PhoneNumber(parsing: text), let lead = (try? store.listLeads())?.first(where: { $0.number == phone.e164 }) else {
            throw LuaCallbackError("\(name): \(text) is not in the lead pool")
        }
        return (pool, phone, lead)
    }

    private func ringingDial(_ number: String, for name: String) throws(LuaCallbackError) -> Dial {
        let engine = try requireEngine()
        for id in engine.agentIDs {
            if let dial = engine.ringingDials(of: id).first(where: { $0.number == number }) { return dial }
        }
        let ringing = engine.agentIDs.flatMap { engine.ringingDials(of: $0).map(\.number) }
        throw LuaCallbackError("\(name): \(number) is not ringing (ringing now: \(ringing.isEmpty ? "none" : ringing.joined(separator: ", ")))")
    }

    private func setField(_ key: String, _ value: LuaValue) { lua.setField(key, value) }

    /// `campaign()` (the facts rules read as `campaign.*`) and the pacing functions rules call
    /// (`agents_free_within(s)`, …), read at the virtual clock's time.
    private func definePacingFacts() {
        define("campaign") { [unowned self] lua throws(LuaCallbackError) in
            let engine = try requireEngine()
            var input = LuaRuleSet.noInput
            input.campaign = engine.facts
            input.campaign.now = clock.now
            input.pacing = engine.pacing
            lua.newTable()
            for (name, fact) in LuaRuleSet.campaignFacts { setField(name, .number(fact(input))) }
            return 1
        }
        for (name, figure) in LuaRuleSet.pacingFunctions {
            define(name) { [unowned self] lua throws(LuaCallbackError) in
                let seconds = try LuaRuleSet.pacingSeconds(lua, name)
                lua.pushNumber(figure(try requireEngine().pacing, seconds, clock.now))
                return 1
            }
        }
    }

    private func pushList(_ items: [String]) { lua.pushList(items) }

    /// One row of `dialer report` as a table, with the names of its JSON form.
    private func pushReportRow(_ row: AgentCallStats) {
        lua.newTable()
        setField("agent_id", .string(row.agentID))
        setField("calls", .integer(row.calls))
        setField("average_call_seconds", .number(row.averageCallSeconds))
        setField("dials", .integer(row.dials))
        setField("answered", .integer(row.answered))
        setField("connects", .integer(row.connects))
        setField("drops", .integer(row.drops))
        setField("fails", .integer(row.fails))
        setField("no_answers", .integer(row.noAnswers))
        setField("cancelled", .integer(row.cancelled))
        setField("not_placed", .integer(row.notPlaced))
        setField("ringing", .integer(row.ringing))
        setField("abandon_rate", .number(row.abandonRate))
    }

    /// The strings of the list at 1, each a phone number as given.
    private func numberList(_ name: String) throws(LuaCallbackError) -> [String] {
        var numbers: [String] = []
        let count = lua.rawLength(at: 1)
        guard count > 0 else { return [] }
        for i in 1...count {
            lua.rawGet(at: 1, index: i)
            guard let number = lua.string(at: -1) else {
                throw LuaCallbackError("\(name): entry \(i) must be a phone number string, got \(lua.describe(at: -1))")
            }
            numbers.append(number)
            lua.pop()
        }
        return numbers
    }

    /// `add_leads { ... }`: more numbers for the list or pool the scenario dials from, at any
    /// point (a running campaign gets a new list); returns how many were new. Before the first
    /// event they join the list as if given with it.
    private func addLeads() throws(LuaCallbackError) -> Int32 {
        guard lua.isTable(at: 1) else { throw LuaCallbackError("add_leads expects a list of phone numbers, got \(lua.describe(at: 1))") }
        if engine == nil, leadNumbers != nil {
            let numbers = try numberList("add_leads").map { text throws(LuaCallbackError) in try normalizedNumber(text, "add_leads") }
            leadNumbers?.append(contentsOf: numbers)
            lua.pushInteger(numbers.count)
            return 1
        }
        guard pool != nil || listSource != nil else {
            throw LuaCallbackError("add_leads needs leads { ... } or lead_pool { ... } first (without them the engine dials generated numbers)")
        }
        do {
            let added = try store.addLeadRecords(try LeadSettingsTable.phones(lua, at: 1, field: "lead").map { LeadRecord(phone: $0) })
            pool?.lookAgain()
            listSource?.lookAgain()
            lua.pushInteger(added)
            return 1
        } catch {
            throw LuaCallbackError("add_leads: \(error)")
        }
    }

    /// `lead_pool { "212-555-0100", ..., dnc = { ... } or "file", max_attempts = 3, drop_lockout = s,
    /// retry = { failed = s, busy = s, no_answer = s, not_placed = s }, hours = { 8, 21 } or false, default_zone = "…" }`:
    /// the leads in the store now, dialed by a `StoredLeadPool` (as `serve` dials) whose settings
    /// are laid over the rule file's `LEADS` when the engine starts.
    private func readLeadPool(at index: Int32) throws(LuaCallbackError) -> (StoredLeadPool, LeadSettingsTable) {
        do {
            let settings = try LeadSettingsTable(lua, at: index, baseDirectory: (file as NSString).deletingLastPathComponent, listAllowed: true)
            _ = store.restoreLeads(try ScenarioPoolLead.leads(lua, at: index))
            return (StoredLeadPool(store: store), settings)
        } catch let error as LuaCallbackError {
            throw error
        } catch {
            throw LuaCallbackError("lead_pool: \(error)")
        }
    }

    /// `NAME = value` pairs of the table at `index`, for `rules`, `settings` and `reload_rules`.
    private func readSettings(at index: Int32) throws(LuaCallbackError) -> [String: LuaValue] {
        var overrides: [String: LuaValue] = [:]
        try lua.forEachPair(at: index) { () throws(LuaCallbackError) in
            guard let name = lua.string(at: -2), let value = lua.value(at: -1) else {
                throw LuaCallbackError(
                    "settings: each entry must be NAME = number, string or boolean, got \(lua.describe(at: -2)) = \(lua.describe(at: -1))")
            }
            overrides[name] = value
        }
        return overrides
    }

    private func readScript(_ number: String) throws(LuaCallbackError) -> CallScript {
        var script = CallScript()
        try lua.forEachPair(at: -1) { () throws(LuaCallbackError) in
            let key = lua.string(at: -2) ?? "?"
            switch key {
            case "answer_after", "talk", "fail_after":
                guard let seconds = lua.number(at: -1), seconds >= 0 else {
                    throw LuaCallbackError("outcomes[\(number)].\(key) must be a number of seconds >= 0, got \(lua.describe(at: -1))")
                }
                if key == "answer_after" {
                    script.answerAfter = seconds
                } else if key == "talk" {
                    script.talk = seconds
                } else {
                    script.failAfter = seconds
                }
            case "reason":
                guard let reason = try optionalReason(at: -1) else { break }
                script.reason = reason
            default:
                throw LuaCallbackError("outcomes[\(number)]: unknown key '\(key)' (expected answer_after, talk, fail_after, reason)")
            }
        }
        if script.answerAfter == nil && script.failAfter == nil {
            throw LuaCallbackError("outcomes[\(number)] needs answer_after or fail_after")
        }
        return script
    }

    /// `agent("a1", { status = "ready", cdc = 1 })`: the agent's starting state.
    private func readInitialState(_ id: String, at index: Int32) throws(LuaCallbackError) -> AgentState {
        do throws(AgentFieldError) {
            return try AgentFieldsTable(lua, at: index, for: .initialState).initialState(of: id)
        } catch {
            throw LuaCallbackError("agent \(id): \(error.message)")
        }
    }
}
