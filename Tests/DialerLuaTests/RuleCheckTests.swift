import DialerCore
import DialerLua
import XCTest

/// What `dialer check` reports: every problem with file:line.
final class RuleCheckTests: XCTestCase {
    private func problems(_ source: String, overrides: [String: LuaValue] = [:]) -> [String] {
        do {
            _ = try LuaRuleSet(source: source, name: "r.lua", overrides: overrides)
            return []
        } catch {
            guard case .invalid(let problems) = error else { return ["unexpected: \(error)"] }
            return problems.map(\.description)
        }
    }

    func testSyntaxErrorIsReportedWithItsLine() {
        let source = defaultRules(replacing: "  call_fail = function(agent)", with: "  call_fail = function(agent")
        let found = problems(source)
        XCTAssertEqual(found.count, 1)
        XCTAssertTrue(found[0].hasPrefix("r.lua:\(line(of: "function(agent\n", in: source) + 1):"), found[0])
    }

    func testAnswerRoutingIsReadAndAnUnknownValueIsReportedWithItsLine() throws {
        let routed = defaultRules(replacing: "DIAL_RATIO = 2", with: "DIAL_RATIO = 2\nANSWER_ROUTING = \"any_ready_agent\"")
        XCTAssertEqual(try LuaRuleSet(source: routed, name: "r.lua").answerRouting, .anyReadyAgent)
        XCTAssertEqual(try LuaRuleSet(source: defaultRulesSource, name: "r.lua").answerRouting, .dialingAgent)
        let overridden = try LuaRuleSet(source: defaultRulesSource, name: "r.lua", overrides: ["ANSWER_ROUTING": .string("any_ready_agent")])
        XCTAssertEqual(overridden.answerRouting, .anyReadyAgent, "a scenario may set it although the file does not")
        let typo = defaultRules(replacing: "DIAL_RATIO = 2", with: "DIAL_RATIO = 2\nANSWER_ROUTING = \"anyone\"")
        XCTAssertEqual(
            problems(typo),
            ["r.lua:\(line(of: "ANSWER_ROUTING", in: typo)): ANSWER_ROUTING must be \"dialing_agent\" or \"any_ready_agent\", got 'anyone'"])
    }

    func testUnknownStatusIsReportedWithItsLine() {
        let source = defaultRules(replacing: "status \"inactive\" {", with: "status \"inactiv\" {")
        let at = line(of: "status \"inactiv\"", in: source)
        XCTAssertTrue(problems(source).contains("r.lua:\(at): unknown status 'inactiv' (expected off, ready, in_call, inactive)"))
        XCTAssertTrue(problems(source).contains { $0.contains("no row for status 'inactive'") })
    }

    func testMissingCellIsReportedAtItsRow() {
        let source = defaultRules(
            replacing:
                "  call_end = ignore,\n  -- set off\n  logout = function()\n    set { status = \"off\", timestamp = now() }\n  end,\n  keep_alive = ignore,",
            with: "  call_end = ignore,\n  -- set off\n  logout = function()\n    set { status = \"off\", timestamp = now() }\n  end,")
        XCTAssertEqual(
            problems(source),
            ["r.lua:\(line(of: "status \"ready\"", in: source)): status 'ready' has no handler for 'keep_alive' (give a function, or ignore)"])
    }

    func testUnknownEventAndBadHandlerAreReported() {
        let source = defaultRules(replacing: "  login = ignore,\n  -- dial DIAL_RATIO", with: "  login = 5,\n  dial = ignore,\n  -- dial DIAL_RATIO")
        let at = line(of: "status \"ready\"", in: source)
        XCTAssertEqual(
            problems(source),
            [
                "r.lua:\(at): ready × login must be a function or ignore, got 5",
                "r.lua:\(at): unknown event 'dial' in status 'ready' (expected login, dialing, call_fail, call_start, call_end, logout, keep_alive)",
            ])
    }

    func testDuplicateRowIsReported() {
        let source = defaultRulesSource + "\nstatus \"off\" { login = ignore }\n"
        XCTAssertTrue(
            problems(source).contains { $0.contains("status 'off' is defined twice (first at line \(line(of: "status \"off\"", in: source)))") })
    }

    func testSettingsOutOfRangeAreReportedWhereTheyAreSet() {
        let source = defaultRules(replacing: "KEEP_ALIVE_INTERVAL = 60", with: "KEEP_ALIVE_INTERVAL = -5")
        XCTAssertEqual(
            problems(source),
            ["r.lua:\(line(of: "KEEP_ALIVE_INTERVAL = -5", in: source)): KEEP_ALIVE_INTERVAL must be more than 0 and at most 86400 seconds, got -5"])
        XCTAssertEqual(
            problems(defaultRulesSource, overrides: ["DIAL_RATIO": .integer(500)]),
            ["r.lua:\(line(of: "DIAL_RATIO = 2", in: defaultRulesSource)): DIAL_RATIO must be between 0 and 100, got 500"])
        XCTAssertTrue(problems(defaultRules(replacing: "DIAL_RATIO = 2", with: "")).contains { $0.contains("DIAL_RATIO is not set") })
    }

    func testOverridingAnUnknownSettingIsAnError() {
        XCTAssertEqual(
            problems(defaultRulesSource, overrides: ["DIAL_RATO": .integer(3)]),
            ["r.lua: unknown setting 'DIAL_RATO' (this rule file defines DIAL_RATIO, KEEP_ALIVE_INTERVAL)"])
    }

    func testUnreadableFileSaysSo() {
        XCTAssertThrowsError(try LuaRuleSet(file: "/nonexistent/rules.lua")) { error in
            XCTAssertEqual("\(error)", "/nonexistent/rules.lua: cannot read rule file: no such file")
        }
    }
}
