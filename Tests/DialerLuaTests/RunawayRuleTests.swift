import DialerCore
import DialerReference
import Foundation
import XCTest

@testable import DialerLua

/// Rule code that ran for minutes or forever before the sandbox's bounds (issue: runaways
/// inside C functions and `__gc`), at load time (`dialer check`, a reload) and at event time:
/// each is stopped within a second, says where, and the rules stay usable.
final class RunawayRuleTests: XCTestCase {
    func testEachPayloadAtTheTopOfARuleFileStopsTheLoadWithItsLine() {
        for (code, stop) in runawayPayloads {
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
        for (code, stop) in runawayPayloads {
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
