import DialerCore
import DialerLua
import XCTest

/// The Lua bridge as rules see it: errors, sandbox, limits, and the engine staying usable.
final class LuaRuleSetTests: XCTestCase {
    func testDefaultRulesAnswerEveryCell() throws {
        let rules = try LuaRuleSet(source: defaultRulesSource, name: "rules/default.lua")
        XCTAssertEqual(MatrixCell.all.filter(rules.hasHandler).count, 16)
        XCTAssertEqual(rules.settings.map(\.name), ["DIAL_RATIO", "KEEP_ALIVE_INTERVAL"])
    }

    func testReadyAgentDialsUpToRatioOnDialing() throws {
        let rules = try LuaRuleSet(source: defaultRulesSource, name: "rules/default.lua", overrides: ["DIAL_RATIO": .integer(3)])
        let reaction = try rules.react(to: input(.ready, .dialing, cdc: 1))
        XCTAssertEqual(reaction.effects, [.dial(2)])
        XCTAssertEqual(reaction.change.cdc, 3)
    }

    func testRuntimeErrorNamesFileAndLineAndRulesStayUsable() throws {
        let source = defaultRules(replacing: "    warn(\"dialing_while_off\")", with: "    local t = nil; t.x = 1")
        let rules = try LuaRuleSet(source: source, name: "rules/broken.lua")
        XCTAssertThrowsError(try rules.react(to: input(.off, .dialing))) { error in
            let expected = "rules/broken.lua:\(line(of: "local t = nil; t.x = 1", in: source)): attempt to index a nil value (local 't')"
            XCTAssertEqual((error as? RuleError)?.description, expected)
        }
        XCTAssertEqual(try rules.react(to: input(.off, .login)).change.status, .ready)
    }

    func testInvalidEffectIsAnErrorAtTheCallingLine() throws {
        let source = defaultRules(
            replacing: "set { status = \"ready\", cdc = 0, timestamp = now() }\n    launch_dialing()\n  end,\n  -- raise warn: nobody",
            with: "set { status = \"redy\" }\n    launch_dialing()\n  end,\n  -- raise warn: nobody")
        let rules = try LuaRuleSet(source: source, name: "r.lua")
        XCTAssertThrowsError(try rules.react(to: input(.off, .login))) { error in
            XCTAssertEqual(
                (error as? RuleError)?.description,
                "r.lua:\(line(of: "status = \"redy\"", in: source)): unknown status 'redy' (expected off, ready, in_call, inactive)")
        }
        for (call, message) in [
            ("dial(1.5)", "dial expects a whole number of leads, got 1.5"),
            ("dial(-1)", "dial count must be >= 0, got -1"),
            ("set { cdc = -1 }", "cdc must not be negative, got -1"),
            ("set { last_status = \"off\" }", "last_status is kept by the engine"),
            ("set { cdcc = 1 }", "unknown field 'cdcc'"),
            ("end_call(nil)", "end_call expects the phone number"),
        ] {
            let bad = try LuaRuleSet(source: defaultRules(replacing: "    warn(\"dialing_while_off\")", with: "    \(call)"), name: "r.lua")
            XCTAssertThrowsError(try bad.react(to: input(.off, .dialing)), call) { error in
                XCTAssertTrue("\(error)".contains(message), "\(call): \(error)")
                XCTAssertTrue("\(error)".hasPrefix("r.lua:"), "\(call): \(error)")
            }
        }
    }

    func testEndlessLoopHitsTheInstructionLimitQuicklyAndNextEventWorks() throws {
        let source = defaultRules(
            replacing: "  login = ignore,\n  -- dial DIAL_RATIO", with: "  login = function() while true do end end,\n  -- dial DIAL_RATIO")
        let rules = try LuaRuleSet(source: source, name: "loop.lua")
        let start = Date()
        XCTAssertThrowsError(try rules.react(to: input(.ready, .login))) { error in
            guard case .instructionLimit(let message, let limit) = error as? RuleError else { return XCTFail("\(error)") }
            XCTAssertEqual(limit, 1_000_000)
            XCTAssertTrue(message.hasPrefix("loop.lua:\(line(of: "while true", in: source)): instruction limit exceeded"), message)
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 1.0)
        XCTAssertEqual(try rules.react(to: input(.ready, .logout)).change.status, .off)
    }

    func testLuaPcallCannotSwallowTheInstructionLimit() throws {
        let source = defaultRules(
            replacing: "  login = ignore,\n  -- dial DIAL_RATIO",
            with:
                "  login = function() for i = 1, 100 do pcall(function() while true do end end) end set { status = \"off\" } end,\n  -- dial DIAL_RATIO"
        )
        let rules = try LuaRuleSet(source: source, name: "swallow.lua", limits: LuaLimits(instructionsPerCall: 10_000))
        XCTAssertThrowsError(try rules.react(to: input(.ready, .login))) { error in
            guard case .instructionLimit = error as? RuleError else { return XCTFail("\(error)") }
        }
    }

    func testMemoryCapFailsTheEventAndRulesStayUsable() throws {
        let source = defaultRules(
            replacing: "  login = ignore,\n  -- dial DIAL_RATIO",
            with: "  login = function() local t = {} for i = 1, 1e7 do t[i] = string.rep('x', 100) .. i end end,\n  -- dial DIAL_RATIO")
        let rules = try LuaRuleSet(source: source, name: "hog.lua", limits: LuaLimits(instructionsPerCall: 100_000_000, memoryBytes: 4 << 20))
        XCTAssertThrowsError(try rules.react(to: input(.ready, .login))) { error in
            guard case .memoryLimit(let cell, let limit) = error as? RuleError else { return XCTFail("\(error)") }
            XCTAssertEqual(limit, 4 << 20)
            XCTAssertEqual(cell, "hog.lua: ready × login handler")
        }
        XCTAssertEqual(try rules.react(to: input(.ready, .logout)).change.status, .off)
        XCTAssertLessThan(rules.memoryUsed, 4 << 20)
    }

    func testSandboxHidesEverythingThatReachesOutside() throws {
        for expression in [
            "io", "os", "require", "load", "loadfile", "dofile", "collectgarbage", "string.dump", "package", "debug",
            "coroutine", "print",
        ] {
            let source = defaultRules(replacing: "    warn(\"dialing_while_off\")", with: "    if \(expression) ~= nil then warn('reachable') end")
            let rules = try LuaRuleSet(source: source, name: "probe.lua")
            do {
                let reaction = try rules.react(to: input(.off, .dialing))
                XCTAssertEqual(reaction.effects, [], "\(expression) is reachable")
            } catch {
                // Strict globals: reading a name the sandbox left out is itself an error.
                XCTAssertTrue("\(error)".contains("is not available in rule files (sandboxed)"), "\(expression): \(error)")
            }
        }
    }

    func testEachLibraryLeftOutSaysItIsSandboxed() throws {
        for name in ["os", "io", "require", "load", "loadfile", "dofile", "debug", "package", "coroutine", "collectgarbage", "print"] {
            let source = defaultRules(replacing: "    warn(\"dialing_while_off\")", with: "    local _ = \(name)")
            let rules = try LuaRuleSet(source: source, name: "reach.lua")
            XCTAssertThrowsError(try rules.react(to: input(.off, .dialing))) { error in
                let expected = "reach.lua:\(line(of: "local _ = \(name)", in: source)): `\(name)` is not available in rule files (sandboxed)"
                XCTAssertTrue("\(error)".hasPrefix(expected), "\(error)")
            }
        }
        // A scenario says the same of itself.
        let dir = temporaryDirectory(["reach.lua": "agent \"a1\"\nlocal _ = os.time()\n"])
        let result = try XCTUnwrap(fixtureRunner().run(file: dir + "/reach.lua").first)
        XCTAssertTrue(
            result.message?.contains("reach.lua:2: `os` is not available in scenarios (sandboxed); now() gives the engine's clock") == true,
            result.message ?? "")
    }

    func testNeitherRawsetNorSetmetatableOnTheGlobalTableGetsPastTheGuard() throws {
        for (statement, message) in [
            ("rawset(_G, 'hidden', 1)", "rawset on the global table is not available (sandboxed)"),
            ("setmetatable(_G, nil)", "cannot change a protected metatable"),
            ("setmetatable(_G, {})", "cannot change a protected metatable"),
        ] {
            let source = defaultRules(replacing: "    warn(\"dialing_while_off\")", with: "    \(statement)")
            let rules = try LuaRuleSet(source: source, name: "guard.lua")
            XCTAssertThrowsError(try rules.react(to: input(.off, .dialing)), statement) { error in
                XCTAssertTrue("\(error)".contains(message), "\(statement): \(error)")
            }
            // At the top of the file too.
            XCTAssertThrowsError(
                try LuaRuleSet(source: defaultRules(replacing: "DIAL_RATIO = 2\n", with: "DIAL_RATIO = 2\n\(statement)\n"), name: "top.lua"))
        }
        // rawset on any other table is Lua's.
        let source = defaultRules(replacing: "    warn(\"dialing_while_off\")", with: "    local t = {} rawset(t, 'k', 'v') warn(t.k)")
        XCTAssertEqual(try LuaRuleSet(source: source, name: "ok.lua").react(to: input(.off, .dialing)).effects, [.warn(code: "v", message: nil)])
    }

    func testBinaryChunksAreRefused() {
        let binary = "\u{1B}Lua\u{54}\u{00}"
        XCTAssertThrowsError(try LuaRuleSet(source: binary, name: "bin.lua")) { error in
            XCTAssertTrue("\(error)".contains("attempt to load a binary chunk"), "\(error)")
        }
    }

    func testReadingAnUndefinedGlobalIsAnErrorWithFileAndLine() throws {
        let source = defaultRules(replacing: "    local ratio = dial_ratio(agent)", with: "    local ratio = DIAL_RATO")
        let rules = try LuaRuleSet(source: source, name: "typo.lua")
        XCTAssertThrowsError(try rules.react(to: input(.ready, .dialing))) { error in
            XCTAssertEqual(
                "\(error)",
                "typo.lua:\(line(of: "DIAL_RATO", in: source)): undefined global 'DIAL_RATO' (a typo? globals must be set at the top of the rule file)"
            )
        }
    }

    func testHandlersCannotCreateGlobals() throws {
        let rules = try LuaRuleSet(source: defaultRules(replacing: "    warn(\"dialing_while_off\")", with: "    leaked = 1"), name: "g.lua")
        XCTAssertThrowsError(try rules.react(to: input(.off, .dialing))) { error in
            XCTAssertTrue("\(error)".contains("assignment to undeclared global 'leaked'"), "\(error)")
        }
    }

    func testMathRandomIsSeededByTheEngine() throws {
        let source = defaultRules(replacing: "    warn(\"dialing_while_off\")", with: "    warn(tostring(math.random(1, 1000000)))")
        func draw(seed: Int) throws -> Effect? {
            try LuaRuleSet(source: source, name: "r.lua", seed: seed).react(to: input(.off, .dialing)).effects.first
        }
        XCTAssertEqual(try draw(seed: 7), try draw(seed: 7))
        XCTAssertNotEqual(try draw(seed: 7), try draw(seed: 8))
    }

    func testDialRatioMayBeAFunctionOfAgentAndCampaign() throws {
        let source = defaultRules(replacing: "DIAL_RATIO = 2", with: "DIAL_RATIO = function(agent, campaign) return campaign.ready_agents + 1 end")
        let rules = try LuaRuleSet(source: source, name: "adaptive.lua")
        var ready = input(.ready, .dialing)
        ready.campaign.byStatus[AgentStatus.ready.index] = 4
        XCTAssertEqual(try rules.react(to: ready).effects, [.dial(5)])
    }

    func testKeepAliveBeyondTheIntervalMakesTheAgentInactive() throws {
        let rules = try LuaRuleSet(source: defaultRulesSource, name: "rules/default.lua")
        XCTAssertEqual(try rules.react(to: input(.inCall, .keepAlive, now: 160, timestamp: 100)).change, StateChange(timestamp: 160))
        XCTAssertEqual(try rules.react(to: input(.inCall, .keepAlive, now: 161, timestamp: 100)).change, StateChange(status: .inactive))
    }

    // MARK: Lead facts

    /// Default rules whose ready × call_fail warns with what it reads of `event.lead`.
    private func leadReadingRules(_ expression: String) throws -> LuaRuleSet {
        try LuaRuleSet(
            source: defaultRules(
                replacing: "  call_fail = function(agent)\n", with: "  call_fail = function(agent, event)\n    warn(\"lead\", \(expression))\n"),
            name: "r.lua")
    }

    private func callFail(lead: LeadFacts?, now: Double) -> RuleInput {
        var event = input(.ready, .callFail, cdc: 2, number: "+12125550100", now: now)
        event.lead = lead
        return event
    }

    func testRulesReadTheAttemptsLastOutcomeZoneAndLocalTimeOfTheEventsLead() throws {
        let rules = try leadReadingRules(
            #"string.format("%d %s %s %s", event.lead.attempts, event.lead.last_outcome, event.lead.time_zone, event.lead.local_time)"#)
        let facts = LeadFacts(attempts: 2, lastOutcome: .busy, timeZone: "America/New_York")
        let noonInJanuary = 1_768_496_400.0  // 2026-01-15 17:00 UTC: 12:00 in New York
        let reaction = try rules.react(to: callFail(lead: facts, now: noonInJanuary))
        XCTAssertEqual(reaction.effects.first, .warn(code: "lead", message: "2 busy America/New_York 12:00"))
    }

    func testRulesReadTimeInStatusTheRecentWindowAndAgentsFreeSoon() throws {
        let rules = try leadReadingRules(
            #"string.format("%g %g %g %g %d %g", agent.seconds_in_status, campaign.call_seconds, campaign.recent_answer_rate, agents_free_within(10), campaign.recent_calls, answers_within(5))"#
        )
        var figures = PacingFigures()
        _ = figures.measureCall(40)
        _ = figures.measureAnswer(after: 4)
        _ = figures.measureMiss(after: 20)
        _ = figures.start(.inCall, at: 100)
        var event = callFail(lead: nil, now: 135)
        event.pacing = figures
        event.secondsInStatus = 12
        // The agent in a call 35 s of a 40-s call: (1 ending + memoryless guess) ÷ (1 longer + 1).
        let free = (1 + (1 - exp(-10.0 / 40))) / 2
        XCTAssertEqual(try rules.react(to: event).effects.first, .warn(code: "lead", message: String(format: "12 40 0.5 %g 1 0", free)))
        let bad = try leadReadingRules(#"tostring(agents_free_within("soon"))"#)
        XCTAssertThrowsError(try bad.react(to: event)) { error in
            XCTAssertTrue("\(error)".contains("agents_free_within: seconds must be a number 0 or more, got 'soon'"), "\(error)")
        }
    }

    func testAnEventWhoseSourceKnowsNothingOfTheLeadHasNoLeadTable() throws {
        let rules = try leadReadingRules(#"tostring(event.lead)"#)
        XCTAssertEqual(try rules.react(to: callFail(lead: nil, now: 0)).effects.first, .warn(code: "lead", message: "nil"))
    }

    func testALeadWithoutAKnownZoneHasNoLocalTime() throws {
        let rules = try leadReadingRules(#"tostring(event.lead.local_time) .. " " .. tostring(event.lead.last_outcome)"#)
        let reaction = try rules.react(to: callFail(lead: LeadFacts(attempts: 0, lastOutcome: nil, timeZone: nil), now: 0))
        XCTAssertEqual(reaction.effects.first, .warn(code: "lead", message: "nil nil"))
    }

    func testAMistypedLeadFactIsAnErrorAndTheLeadIsReadOnly() throws {
        let facts = LeadFacts(attempts: 1, lastOutcome: nil, timeZone: nil)
        XCTAssertThrowsError(try leadReadingRules("event.lead.atempts").react(to: callFail(lead: facts, now: 0))) { error in
            XCTAssertTrue("\(error)".contains("unknown lead fact 'atempts' (expected attempts, last_outcome, local_time, time_zone)"), "\(error)")
        }
        XCTAssertThrowsError(try leadReadingRules(#"(function() event.lead.attempts = 0 end)()"#).react(to: callFail(lead: facts, now: 0))) { error in
            XCTAssertTrue("\(error)".contains("lead is read-only"), "\(error)")
        }
    }
}
