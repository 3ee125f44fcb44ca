import CLua
import CLuaShim

/// The sandbox both rule files and scenarios run in, set up once its prelude has defined the
/// Swift-side globals: the libraries `init` opened (unsafe functions removed, in C), a seeded
/// `math.random`, and strict globals.
extension LuaState {
    /// Seeds `math.random` and makes globals strict: reading one that is not defined raises
    /// `undefined global NAME (HINT)`.
    /// - Parameters:
    ///   - seed: for `math.randomseed`, so replays are deterministic.
    ///   - undefinedGlobalHint: what to say about a read of an undefined global.
    ///   - newGlobal: asked before a new global is set (key at 2, value at 3), to refuse it by
    ///     throwing or to note where it was set; nil lets Lua code define globals freely.
    func seal(seed: Int, undefinedGlobalHint: String, newGlobal: ((LuaState) throws(LuaCallbackError) -> Void)? = nil) throws(LuaFailure) {
        try seedRandom(seed)
        pushGlobalTable()
        newTable()
        pushString("__index")
        pushFunction { lua throws(LuaCallbackError) in
            throw LuaCallbackError("undefined global \(lua.describe(at: 2)) (\(undefinedGlobalHint))")
        }
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
