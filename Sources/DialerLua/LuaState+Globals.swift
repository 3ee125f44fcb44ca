import CLua
import CLuaShim

/// Globals, read and written raw: the strict `_G` metatable of the sandbox never sees Swift's
/// own reads and definitions.
extension LuaState {
    /// Pushes the global table.
    func pushGlobalTable() { dl_pushglobaltable(L) }

    /// Reads a global without running metamethods (pushes it); returns its type.
    @discardableResult
    func rawGetGlobal(_ name: String) -> LuaType {
        dl_pushglobaltable(L)
        pushString(name)
        let type = lua_rawget(L, -2)
        dl_remove(L, -2)
        return LuaType(rawValue: type) ?? .none
    }

    /// Runs `body` with the global `name` pushed (raw) and its type, then pops it.
    func withRawGlobal<T>(_ name: String, _ body: (LuaType) -> T) -> T {
        let type = rawGetGlobal(name)
        defer { pop() }
        return body(type)
    }

    /// Sets the value on top of the stack as a global without metamethods (pops it).
    func rawSetGlobal(_ name: String) {
        dl_pushglobaltable(L)
        pushString(name)
        lua_rotate(L, -3, -1)  // value, _G, name -> _G, name, value
        lua_rawset(L, -3)
        pop()
    }

    /// Defines a global function, bypassing any metatable on `_G`.
    func setGlobalFunction(_ name: String, _ body: @escaping LuaCallback) {
        pushFunction(body)
        rawSetGlobal(name)
    }
}
