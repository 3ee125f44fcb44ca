import DialerCore
import Foundation
import XCTest

@testable import DialerLua

/// Random calls of every library function the sandbox opens, with extreme arguments (huge
/// counts, huge strings, metatables whose metamethods are C functions), each in a loop: whatever
/// a call does, the handler returns or is stopped within a second, and the rules stay usable.
/// A short run is part of `swift test`; `DIALER_LONG_RUNAWAY_TESTS=1` runs 3,000 snippets.
final class RandomRunawayTests: XCTestCase {
    private static let long = ProcessInfo.processInfo.environment["DIALER_LONG_RUNAWAY_TESTS"] == "1"

    /// Every function of the sandbox's libraries, by name.
    private static let functions: [String] = {
        let lua = LuaState(memoryLimit: 0)
        try! lua.load(
            """
            local names = {}
            for _, lib in ipairs({ "string", "table", "math", "utf8" }) do
              for k, v in pairs(_G[lib]) do if type(v) == "function" then names[#names + 1] = lib .. "." .. k end end
            end
            for k, v in pairs(_G) do if type(v) == "function" then names[#names + 1] = k end end
            table.sort(names)
            return table.concat(names, " ")
            """, chunkName: "=names")
        try! lua.call(arguments: 0, results: 1, budget: 0)
        return (lua.string(at: -1) ?? "").split(separator: " ").map(String.init)
    }()

    private static let arguments = [
        "math.maxinteger", "math.mininteger", "-1", "0", "1", "2^53", "1e308", "0/0", "\"\"", "\"%\"", "(\"a\"):rep(100000)",
        "(\".-\"):rep(30) .. \"b\"", "(\"a?\"):rep(50)", "\"%b()\"", "{}", "{ 1, 2, 3 }", "nil", "true",
        "setmetatable({}, { __index = table.concat, __len = function() return math.maxinteger - 1 end })",
        "setmetatable({}, { __index = string.rep, __newindex = rawset })", "table.concat", "string.rep", "math.ult", "rawequal",
        "select", "tostring",
    ]

    func testRandomLibraryCallsReturnOrStopWithinASecond() throws {
        var random = SeededRandom(seed: 13)
        let count = Self.long ? 3_000 : 150
        var stopped = 0
        for _ in 0..<count {
            let function = Self.functions[random.below(Self.functions.count)]
            let args = (0..<random.below(5)).map { _ in Self.arguments[random.below(Self.arguments.count)] }.joined(separator: ", ")
            let call = "\(function)(\(args))"
            let snippet = random.below(2) == 0 ? "local _ = \(call)" : "for _ = 1, 1e9 do pcall(\(function), \(args.isEmpty ? "nil" : args)) end"
            let source = defaultRules(
                replacing: "  login = ignore,\n  -- dial DIAL_RATIO", with: "  login = function() \(snippet) end,\n  -- dial DIAL_RATIO")
            let rules = try LuaRuleSet(source: source, name: "random.lua")
            let start = Date()
            do {
                _ = try rules.react(to: input(.ready, .login))
            } catch {
                stopped += 1
            }
            XCTAssertLessThan(Date().timeIntervalSince(start), 1.0, snippet)
            XCTAssertEqual(try rules.react(to: input(.ready, .logout)).change.status, .off, snippet)
        }
        XCTAssertGreaterThan(stopped, count / 2, "most snippets loop until a limit stops them")
    }
}
