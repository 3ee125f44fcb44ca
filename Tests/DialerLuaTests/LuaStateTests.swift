import XCTest

@testable import DialerLua

/// The one layer over the Lua C API: checked accessors, raw table walks and the sandbox.
final class LuaStateTests: XCTestCase {
    /// A state with `source` run in it.
    private func state(running source: String) throws -> LuaState {
        let lua = LuaState(memoryLimit: 0)
        try lua.load(source, chunkName: "=test")
        try lua.call(arguments: 0, results: 0, budget: 0)
        return lua
    }

    func testCheckedAccessorsSayWhatWasExpectedAndWhatCame() throws {
        let lua = LuaState(memoryLimit: 0)
        lua.pushNumber(2.5)
        lua.pushString("7")
        XCTAssertThrowsError(try lua.checkWholeNumber(at: 1, "dial expects a whole number of leads")) { error in
            XCTAssertEqual((error as? LuaCallbackError)?.message, "dial expects a whole number of leads, got 2.5")
        }
        XCTAssertThrowsError(try lua.checkWholeNumber(at: 2, "n")) { error in
            XCTAssertEqual((error as? LuaCallbackError)?.message, "n, got '7'")
        }
        XCTAssertThrowsError(try lua.checkTable(at: 3, "set expects a table")) { error in
            XCTAssertEqual((error as? LuaCallbackError)?.message, "set expects a table, got nil")
        }
        XCTAssertEqual(try lua.checkString(at: 2, "s"), "7")
        XCTAssertNil(try lua.optString(at: 3, "s"))
        XCTAssertEqual(lua.top, 2)
    }

    func testAnErrorThatIsNotAStringStillNamesItsLine() throws {
        let lua = LuaState(memoryLimit: 0)
        try lua.load("local x = 1\nerror({ code = 7 })", chunkName: "@errors.lua")
        XCTAssertThrowsError(try lua.call(arguments: 0, results: 0, budget: 0)) { error in
            XCTAssertEqual((error as? LuaFailure)?.message, "errors.lua:2: (error object is a table value)")
        }
    }

    func testTableWalksAreRawAndLeaveTheStackAsItWas() throws {
        let lua = try state(
            running: """
                t = setmetatable({ a = 1 }, { __index = function() error("ran __index") end, __pairs = function() error("ran __pairs") end })
                """)
        lua.rawGetGlobal("t")
        var keys: [String] = []
        lua.forEachPair(at: -1) { keys.append(lua.string(at: -2) ?? "?") }
        XCTAssertEqual(keys, ["a"])
        XCTAssertEqual(lua.top, 1)
        XCTAssertEqual(lua.rawGet(at: 1, index: 1), .nil)
        lua.pop(2)
        XCTAssertEqual(lua.top, 0)
    }

    func testSealedGlobalsAreStrictAndRandomIsSeeded() throws {
        func draw(seed: Int) throws -> Double? {
            let lua = LuaState(memoryLimit: 0)
            try lua.seal(seed: seed, sandbox: "tests", undefinedGlobalHint: "a hint")
            try lua.load("x = math.random()", chunkName: "=test")
            try lua.call(arguments: 0, results: 0, budget: 0)
            return lua.withRawGlobal("x") { _ in lua.number(at: -1) }
        }
        XCTAssertEqual(try draw(seed: 7), try draw(seed: 7))
        XCTAssertNotEqual(try draw(seed: 7), try draw(seed: 8))

        let lua = LuaState(memoryLimit: 0)
        var defined: [String] = []
        try lua.seal(seed: 1, sandbox: "tests", undefinedGlobalHint: "a hint") { lua throws(LuaCallbackError) in
            defined.append(lua.string(at: 2) ?? "?")
            if lua.string(at: 2) == "refused" { throw LuaCallbackError("no new globals") }
        }
        try lua.load("kept = 1", chunkName: "=test")
        try lua.call(arguments: 0, results: 0, budget: 0)
        XCTAssertEqual(lua.withRawGlobal("kept") { _ in lua.wholeNumber(at: -1) }, 1)
        for (source, message) in [("refused = 1", "test:1: no new globals"), ("return typo", "test:1: undefined global 'typo' (a hint)")] {
            try lua.load(source, chunkName: "=test")
            XCTAssertThrowsError(try lua.call(arguments: 0, results: 0, budget: 0)) { error in
                XCTAssertEqual((error as? LuaFailure)?.message, message)
            }
        }
        XCTAssertEqual(defined, ["kept", "refused"])
    }
}
