import CLua
import CLuaShim
import Foundation

/// A Lua error raised by a callback. Swift never raises into Lua itself: the dispatcher turns
/// this into a return code and the C trampoline raises after Swift has returned.
struct LuaCallbackError: Error {
    /// The message; the trampoline prefixes the caller's `file:line:`.
    var message: String
    init(_ message: String) { self.message = message }
}

/// Outcome of a protected call that failed.
struct LuaFailure: Error {
    /// The Lua status code (LUA_ERRRUN, LUA_ERRMEM, …).
    var status: Int32
    /// The error message, first line (`file:line: what`).
    var message: String
    /// The traceback the message handler appended, if any.
    var traceback: String?
    /// The instruction budget ran out.
    var budgetExceeded: Bool
    /// The memory cap was hit.
    var memoryExceeded: Bool
}

/// A Lua function implemented in Swift. It reads its arguments from `L` and returns how many
/// results it pushed, or throws to raise a Lua error at the caller's line.
typealias LuaCallback = (OpaquePointer) throws(LuaCallbackError) -> Int32

/// One sandboxed Lua state, used by one thread at a time. Only `call` enters Lua.
final class LuaState {
    /// The raw state; valid for the lifetime of this object.
    let L: OpaquePointer
    private var callbacks: [LuaCallback] = []

    /// Opens a sandboxed state (base, table, string, math, utf8) with a memory cap in bytes.
    init(memoryLimit: Int) {
        dl_set_dispatcher(luaDispatch)
        guard let state = dl_newstate(nil) else { fatalError("cannot allocate a Lua state") }
        L = state
        dl_set_host(L, Unmanaged.passUnretained(self).toOpaque())
        dl_open_sandbox(L)
        dl_set_memory_limit(L, memoryLimit)
    }

    deinit { dl_close(L) }

    /// Bytes allocated by the state.
    var memoryUsed: Int { dl_memory_used(L) }

    fileprivate func invoke(_ L: OpaquePointer, _ tag: Int32) -> Int32 {
        do {
            return try callbacks[Int(tag)](L)
        } catch {
            lua_pushstring(L, error.message)
            return Int32(DL_RAISE)
        }
    }

    /// Pushes a Lua function that runs `body`.
    func pushFunction(_ body: @escaping LuaCallback) {
        callbacks.append(body)
        dl_push_callback(L, Int32(callbacks.count - 1))
    }

    /// Defines a global function, bypassing any metatable on `_G`.
    func setGlobalFunction(_ name: String, _ body: @escaping LuaCallback) {
        dl_pushglobaltable(L)
        lua_pushstring(L, name)
        pushFunction(body)
        lua_rawset(L, -3)
        dl_pop(L, 1)
    }

    /// Reads a global without running metamethods (pushes it).
    @discardableResult
    func rawGetGlobal(_ name: String) -> Int32 {
        dl_pushglobaltable(L)
        lua_pushstring(L, name)
        let type = lua_rawget(L, -2)
        dl_remove(L, -2)
        return type
    }

    /// Sets the value on top of the stack as a global without metamethods (pops it).
    func rawSetGlobal(_ name: String) {
        dl_pushglobaltable(L)
        lua_pushstring(L, name)
        lua_rotate(L, -3, -1)  // value, _G, name -> _G, name, value
        lua_rawset(L, -3)
        dl_pop(L, 1)
    }

    /// Compiles a text chunk and pushes it. Binary chunks are refused.
    func load(_ source: String, chunkName: String) throws(LuaFailure) {
        let bytes = source.utf8CString
        let status = bytes.withUnsafeBufferPointer { dl_load(L, $0.baseAddress, $0.count - 1, chunkName) }
        guard status == LUA_OK else { throw failure(status) }
    }

    /// Calls the function below `arguments` values on the stack, protected, with an
    /// instruction budget (0 = none).
    func call(arguments: Int32, results: Int32, budget: Int) throws(LuaFailure) {
        let status = dl_pcall(L, arguments, results, lua_Integer(budget))
        guard status == LUA_OK else { throw failure(status) }
    }

    private func failure(_ status: Int32) -> LuaFailure {
        let raw = string(at: -1) ?? "(error object is not a string)"
        dl_pop(L, 1)
        var message = raw
        var traceback: String?
        if let range = raw.range(of: "\nstack traceback:") {
            message = String(raw[..<range.lowerBound])
            traceback = String(raw[range.lowerBound...].dropFirst())
        }
        return LuaFailure(
            status: status, message: message, traceback: traceback,
            budgetExceeded: dl_budget_exceeded(L) != 0, memoryExceeded: dl_memory_exceeded(L) != 0 || status == LUA_ERRMEM)
    }

    // MARK: Reading values (never runs metamethods, never converts in place)

    /// The string at `index`, only if it is a string.
    func string(at index: Int32) -> String? {
        guard lua_type(L, index) == LUA_TSTRING else { return nil }
        var length = 0
        guard let chars = dl_tolstring(L, index, &length) else { return nil }
        return String(decoding: UnsafeRawBufferPointer(start: chars, count: length), as: UTF8.self)
    }

    /// The number at `index`, only if it is a number.
    func number(at index: Int32) -> Double? {
        guard lua_type(L, index) == LUA_TNUMBER else { return nil }
        return lua_tonumberx(L, index, nil)
    }

    /// The whole number at `index` (7 or 7.0), nil for anything else (7.5, "7").
    func wholeNumber(at index: Int32) -> Int? {
        guard lua_type(L, index) == LUA_TNUMBER else { return nil }
        if dl_isinteger_value(L, index) != 0 { return Int(lua_tointegerx(L, index, nil)) }
        let value = lua_tonumberx(L, index, nil)
        guard value.isFinite, value == value.rounded(), abs(value) < 1e15 else { return nil }
        return Int(value)
    }

    /// The Lua type name of the value at `index`.
    func typeName(at index: Int32) -> String { String(cString: lua_typename(L, lua_type(L, index))) }

    /// A short rendering of the value at `index` for messages: `2.5`, `'redy'`, `a table`.
    func describe(at index: Int32) -> String {
        switch lua_type(L, index) {
        case LUA_TSTRING: return "'\(string(at: index)!)'"
        case LUA_TNUMBER:
            if let whole = wholeNumber(at: index) { return String(whole) }
            return formatNumber(number(at: index)!)
        case LUA_TBOOLEAN: return lua_toboolean(L, index) != 0 ? "true" : "false"
        case LUA_TNIL, LUA_TNONE: return "nil"
        default: return "a \(typeName(at: index))"
        }
    }

    /// `file:line` of the Lua code `level` frames up (1 = the caller of the running C function).
    func location(level: Int32) -> (file: String, line: Int?) {
        luaL_where(L, level)
        let text = string(at: -1) ?? ""
        dl_pop(L, 1)
        return parseLocation(text)
    }

    /// Pushes a plain value.
    func push(_ value: LuaValue) {
        switch value {
        case .nil: lua_pushnil(L)
        case .boolean(let b): lua_pushboolean(L, b ? 1 : 0)
        case .integer(let i): lua_pushinteger(L, lua_Integer(i))
        case .number(let d): lua_pushnumber(L, d)
        case .string(let s): lua_pushstring(L, s)
        }
    }

    /// Reads a plain value; tables and functions are not plain and give nil.
    func value(at index: Int32) -> LuaValue? {
        switch lua_type(L, index) {
        case LUA_TNIL, LUA_TNONE: return .nil
        case LUA_TBOOLEAN: return .boolean(lua_toboolean(L, index) != 0)
        case LUA_TNUMBER:
            return dl_isinteger_value(L, index) != 0 ? .integer(Int(lua_tointegerx(L, index, nil))) : .number(lua_tonumberx(L, index, nil))
        case LUA_TSTRING: return .string(string(at: index)!)
        default: return nil
        }
    }
}

/// Splits `rules/x.lua:14: ` or `rules/x.lua:14: message` into file and line.
func parseLocation(_ text: String) -> (file: String, line: Int?) {
    let parts = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
    if parts.count >= 2, let line = Int(parts[1]) { return (String(parts[0]), line) }
    return (text.trimmingCharacters(in: [":", " "]), nil)
}

/// Numbers as Lua prints them: `2`, `2.5`.
func formatNumber(_ value: Double) -> String {
    if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
    return String(value)
}

private let luaDispatch: dl_dispatch_fn = { L, tag in
    let host = Unmanaged<LuaState>.fromOpaque(dl_host(L)!).takeUnretainedValue()
    return host.invoke(L!, tag)
}
