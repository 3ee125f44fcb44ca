import CLua
import CLuaShim

/// The sandbox both rule files and scenarios run in, set up once its prelude has defined the
/// Swift-side globals: the libraries `init` opened (unsafe functions removed, in C), a seeded
/// `math.random`, and strict globals.
extension LuaState {
    /// Seeds `math.random` and makes globals strict: reading one that is not defined raises
    /// `undefined global NAME (HINT)`, or, for a library the sandbox leaves out,
    /// `` `os` is not available in SANDBOX (sandboxed) ``. The metatable of the global table is
    /// locked.
    /// - Parameters:
    ///   - seed: for `math.randomseed`, so replays are deterministic.
    ///   - sandbox: what runs here, for messages ("rule files", "scenarios").
    ///   - undefinedGlobalHint: what to say about a read of an undefined global.
    ///   - newGlobal: asked before a new global is set (key at 2, value at 3), to refuse it by
    ///     throwing or to note where it was set; nil lets Lua code define globals freely.
    func seal(
        seed: Int, sandbox: String, undefinedGlobalHint: String, newGlobal: ((LuaState) throws(LuaCallbackError) -> Void)? = nil
    ) throws(LuaFailure) {
        try seedRandom(seed)
        pushGlobalTable()
        newTable()
        pushString("__index")
        pushFunction { lua throws(LuaCallbackError) in
            if let name = lua.string(at: 2), let why = Self.sandboxed[name] {
                throw LuaCallbackError("`\(name)` is not available in \(sandbox) (sandboxed)\(why.isEmpty ? "" : "; " + why)")
            }
            throw LuaCallbackError("undefined global \(lua.describe(at: 2)) (\(undefinedGlobalHint))")
        }
        rawSet(at: -3)
        // `setmetatable(_G, …)` cannot lift the guard: the metatable is protected.
        pushString("__metatable")
        pushString("the global table's metatable is locked (sandboxed)")
        rawSet(at: -3)
        if let newGlobal {
            pushString("__newindex")
            pushFunction { lua throws(LuaCallbackError) in
                try newGlobal(lua)
                lua.rawSet(at: 1)
                return 0
            }
            rawSet(at: -3)
        }
        setMetatable()
        pop()
    }

    /// What the sandbox leaves out, by global name, with what to use instead (if anything).
    static let sandboxed: [String: String] = [
        "os": "now() gives the engine's clock", "io": "", "require": "", "load": "", "loadfile": "", "dofile": "", "loadstring": "",
        "debug": "", "package": "", "coroutine": "", "collectgarbage": "",
        "print": "warn(code, message) reports from a rule",
    ]

    /// `math.randomseed(seed)`, called raw so no metamethod of the sandbox runs.
    private func seedRandom(_ seed: Int) throws(LuaFailure) {
        rawGetGlobal("math")
        pushString("randomseed")
        lua_rawget(L, -2)
        pushInteger(seed)
        defer { pop() }
        try call(arguments: 1, results: 0, budget: 0)
    }
}
