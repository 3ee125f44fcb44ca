import CLua
import CLuaShim

/// Tables, always read and written raw: no metamethod of a rule-owned table ever runs from Swift.
extension LuaState {
    /// Pushes a new empty table.
    @inline(__always)
    func newTable() { dl_newtable(L) }

    /// Pushes a new table with room for `count` list entries.
    func newTable(listCapacity count: Int) { lua_createtable(L, Int32(count), 0) }

    /// The length of the list part of the table at `index` (`#t` without `__len`).
    func rawLength(at index: Int32) -> Int { Int(lua_rawlen(L, index)) }

    /// Pushes `t[key]` of the table at `index`, raw; returns its type.
    @discardableResult
    func rawGet(at index: Int32, index key: Int) -> LuaType {
        LuaType(rawValue: lua_rawgeti(L, index, lua_Integer(key))) ?? .none
    }

    /// Pushes `t[key]` of the table at `index`, raw; returns its type.
    @discardableResult
    func rawGet(at index: Int32, key: String) -> LuaType {
        let table = lua_absindex(L, index)
        pushString(key)
        return LuaType(rawValue: lua_rawget(L, table)) ?? .none
    }

    /// `t[key] = nil` for the table at `index`, raw.
    func rawClear(at index: Int32, key: String) {
        let table = lua_absindex(L, index)
        pushString(key)
        lua_pushnil(L)
        lua_rawset(L, table)
    }

    /// `t[key] = value` for the table at `index` and the value on top (popped), raw.
    func rawSet(at index: Int32, index key: Int) { lua_rawseti(L, index, lua_Integer(key)) }

    /// `t[key] = value` for the key and value on top (both popped) and the table at `index`, raw.
    @inline(__always)
    func rawSet(at index: Int32) { lua_rawset(L, index) }

    /// `t[key] = value` on the table on top of the stack, raw.
    func setField(_ key: String, _ value: LuaValue) {
        pushString(key)
        push(value)
        lua_rawset(L, -3)
    }

    /// Pushes a list of strings.
    func pushList(_ items: [String]) {
        newTable(listCapacity: items.count)
        for (i, item) in items.enumerated() {
            pushString(item)
            rawSet(at: -2, index: i + 1)
        }
    }

    /// Runs `body` once for each key of the table at `index`, raw (`lua_next`), with the key at
    /// -2 and the value at -1. `body` must leave the stack as it found it; when it throws, the
    /// key and value stay pushed (callers that go on restore the stack with `setTop`).
    @inline(__always)
    func forEachPair<E: Error>(at index: Int32, _ body: () throws(E) -> Void) throws(E) {
        let table = lua_absindex(L, index)
        lua_pushnil(L)
        while lua_next(L, table) != 0 {
            try body()
            dl_pop(L, 1)
        }
    }

    /// Sets the metatable of the table at -2 to the table on top (popped).
    func setMetatable() { lua_setmetatable(L, -2) }

    /// Pushes a table that raises on every write and answers reads with `index` (called with
    /// the table at 1 and the key at 2; it pushes the value). `name` is its `__metatable`, so Lua
    /// code can neither see nor replace the metatable; `readOnly` is the message for writes.
    func pushReadOnlyTable(name: String, readOnly: String, index: @escaping LuaCallback) {
        newTable()
        newTable()
        pushString("__index")
        pushFunction(index)
        rawSet(at: -3)
        pushString("__newindex")
        pushFunction { _ throws(LuaCallbackError) in throw LuaCallbackError(readOnly) }
        rawSet(at: -3)
        setField("__metatable", .string(name))
        setMetatable()
    }
}
