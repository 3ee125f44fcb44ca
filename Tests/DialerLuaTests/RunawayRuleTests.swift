import DialerCore
import Foundation
import XCTest

@testable import DialerLua

/// Rule code that ran for minutes or forever before the sandbox's bounds (issue: runaways
/// inside C functions and `__gc`), at load time (`dialer check`, a reload) and at event time:
/// each is stopped within a second, says where, and the rules stay usable.
final class RunawayRuleTests: XCTestCase {
    /// Each payload, and what stops it: "limit exceeded" where the instruction budget does,
    /// though on a loaded machine the deadline may come first.
    static let payloads: [(code: String, stop: String)] = [
        (#"local _ = ("a"):rep(30000):find((".-"):rep(20) .. "b")"#, "limit exceeded"),
        (#"local _ = ("a"):rep(30000):match((".-"):rep(20) .. "b")"#, "limit exceeded"),
        (#"local _ = ("a"):rep(30000):gsub((".-"):rep(20) .. "b", "")"#, "limit exceeded"),
        (#"for _ in ("a"):rep(200):gmatch(("a?"):rep(40) .. ("a"):rep(40)) do end"#, "limit exceeded"),
        (#"local _ = ("a"):rep(40):find(("a?"):rep(40) .. ("a"):rep(40))"#, "limit exceeded"),
        ("table.move({}, 1, math.maxinteger, 1)", "limit exceeded"),
        ("table.insert(setmetatable({}, { __len = function() return math.maxinteger - 1 end }), 1, 0)", "limit exceeded"),
        ("while true do pcall(table.move, {}, 1, math.maxinteger, 1) end", "limit exceeded"),
        (#"local _ = table.concat(setmetatable({}, { __index = table.concat }), "", 1, math.maxinteger)"#, "time limit exceeded"),
        (#"local s = ("x"):rep(4000000) for _ = 1, 1e9 do local _ = s:upper() end"#, "time limit exceeded"),
        ("local t = {} for i = 1, 300000 do t[i] = i % 7 end for _ = 1, 1e9 do table.sort(t, math.ult) end", "time limit exceeded"),
        ("local _ = setmetatable({}, { __gc = function() while true do end end })", "__gc is not available"),
    ]

    func testEachPayloadAtTheTopOfARuleFileStopsTheLoadWithItsLine() {
        for (code, stop) in Self.payloads {
            let source = defaultRules(replacing: "KEEP_ALIVE_INTERVAL = 60\n", with: "KEEP_ALIVE_INTERVAL = 60\n\(code)\n")
            let start = Date()
            XCTAssertThrowsError(try LuaRuleSet(source: source, name: "top.lua")) { error in
                let text = "\(error)"
                XCTAssertTrue(text.hasPrefix("top.lua:\(line(of: code, in: source)): "), "\(code): \(text)")
                XCTAssertTrue(text.contains(stop), "\(code): \(text)")
            }
            XCTAssertLessThan(Date().timeIntervalSince(start), 1.0, code)
        }
    }

    func testEachPayloadInAHandlerIsStoppedAndTheNextEventIsHandled() throws {
        for (code, stop) in Self.payloads {
            let source = defaultRules(
                replacing: "  login = ignore,\n  -- dial DIAL_RATIO", with: "  login = function() \(code) end,\n  -- dial DIAL_RATIO")
            let rules = try LuaRuleSet(source: source, name: "handler.lua")
            let start = Date()
            XCTAssertThrowsError(try rules.react(to: input(.ready, .login))) { error in
                let text = "\(error)"
                XCTAssertTrue(text.hasPrefix("handler.lua:\(line(of: code, in: source)): "), "\(code): \(text)")
                XCTAssertTrue(text.contains(stop), "\(code): \(text)")
            }
            XCTAssertLessThan(Date().timeIntervalSince(start), 1.0, code)
            XCTAssertEqual(try rules.react(to: input(.ready, .logout)).change.status, .off, code)
        }
    }

    func testTheDeadlineIsARuleErrorOfItsOwnWithTheLimit() throws {
        let source = defaultRules(
            replacing: "  login = ignore,\n  -- dial DIAL_RATIO", with: "  login = function() while true do end end,\n  -- dial DIAL_RATIO")
        let rules = try LuaRuleSet(source: source, name: "slow.lua", limits: LuaLimits(instructionsPerCall: 0, deadlineMilliseconds: 50))
        XCTAssertThrowsError(try rules.react(to: input(.ready, .login))) { error in
            guard case .timeLimit(let message, let milliseconds) = error as? RuleError else { return XCTFail("\(error)") }
            XCTAssertEqual(milliseconds, 50)
            XCTAssertEqual(message, "slow.lua:\(line(of: "while true", in: source)): time limit exceeded (50 ms)")
        }
    }

    func testAScenarioThatPrintsTooMuchIsStoppedWithACappedOutput() throws {
        let dir = temporaryDirectory([
            "flood.lua": """
            agent "a1"
            local ok, err = pcall(function() for _ = 1, 100000 do print(("x"):rep(1000)) end end)
            print(err)
            """
        ])
        let result = try XCTUnwrap(fixtureRunner().run(file: dir + "/flood.lua").first)
        XCTAssertEqual(result.outcome, .error, "print refuses even the report line once over the cap")
        XCTAssertTrue(result.message?.contains("print: a scenario may print at most 1 MiB") == true, result.message ?? "")
        XCTAssertLessThanOrEqual(result.printed.reduce(0) { $0 + $1.utf8.count + 1 }, 1 << 20)
    }
}
