import CLua
import CLuaShim
import DialerCore

/// The type of a Lua value, as `lua_type` gives it.
enum LuaType: Int32 {
    /// No value: an index past the top of the stack.
    case none = -1
    /// `nil`.
    case `nil` = 0
    /// `true` or `false`.
    case boolean = 1
    /// A light userdata.
    case lightUserdata = 2
    /// An integer or a float.
    case number = 3
    /// A string.
    case string = 4
    /// A table.
    case table = 5
    /// A Lua or Swift function.
    case function = 6
    /// A full userdata.
    case userdata = 7
    /// A coroutine.
    case thread = 8
}

/// Reading and pushing plain values, and the stack they sit on. Reading never runs metamethods
/// and never converts in place (a number is not turned into a string).
extension LuaState {
    // MARK: The stack

    /// How many values are on the stack (in a callback: its arguments).
    var top: Int32 { lua_gettop(L) }

    /// Drops values down to `top` values (or pads with nils).
    func setTop(_ top: Int32) { lua_settop(L, top) }

    /// Pops `count` values.
    @inline(__always)
    func pop(_ count: Int32 = 1) { dl_pop(L, count) }

    // MARK: Reading

    /// The type of the value at `index`.
    @inline(__always)
    func type(at index: Int32) -> LuaType { LuaType(rawValue: lua_type(L, index)) ?? .none }

    /// Whether the value at `index` is a table.
    @inline(__always)
    func isTable(at index: Int32) -> Bool { lua_type(L, index) == LUA_TTABLE }

    /// Whether there is no value at `index`, or `nil`.
    @inline(__always)
    func isNoneOrNil(at index: Int32) -> Bool { dl_isnoneornil(L, index) != 0 }

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
        return exactWholeNumber(lua_tonumberx(L, index, nil))
    }

    /// The boolean at `index`, only if it is a boolean.
    func boolean(at index: Int32) -> Bool? {
        guard lua_type(L, index) == LUA_TBOOLEAN else { return nil }
        return lua_toboolean(L, index) != 0
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

    /// The Lua type name of the value at `index`.
    func typeName(at index: Int32) -> String { String(cString: lua_typename(L, lua_type(L, index))) }

    /// A short rendering of the value at `index` for messages: `2.5`, `'redy'`, `a table`.
    func describe(at index: Int32) -> String {
        switch lua_type(L, index) {
        case LUA_TSTRING: return string(at: index)!.quotedExcerpt()
        case LUA_TNUMBER:
            if let whole = wholeNumber(at: index) { return String(whole) }
            return formatNumber(number(at: index)!)
        case LUA_TBOOLEAN: return lua_toboolean(L, index) != 0 ? "true" : "false"
        case LUA_TNIL, LUA_TNONE: return "nil"
        default: return "a \(typeName(at: index))"
        }
    }

    // MARK: Pushing

    /// Pushes `nil`.
    @inline(__always)
    func pushNil() { lua_pushnil(L) }

    /// Pushes a boolean.
    @inline(__always)
    func pushBoolean(_ value: Bool) { lua_pushboolean(L, value ? 1 : 0) }

    /// Pushes an integer.
    @inline(__always)
    func pushInteger(_ value: Int) { lua_pushinteger(L, lua_Integer(value)) }

    /// Pushes a float.
    @inline(__always)
    func pushNumber(_ value: Double) { lua_pushnumber(L, value) }

    /// Pushes a Swift string with its length (no strlen, no copy for native UTF-8 strings).
    @inline(__always)
    func pushString(_ text: String) {
        var text = text
        text.withUTF8 { bytes in _ = lua_pushlstring(L, bytes.baseAddress, bytes.count) }
    }

    /// Pushes a string, or `nil` for none.
    @inline(__always)
    func pushString(_ text: String?) {
        if let text { pushString(text) } else { pushNil() }
    }

    /// Pushes a plain value.
    func push(_ value: LuaValue) {
        switch value {
        case .nil: pushNil()
        case .boolean(let b): pushBoolean(b)
        case .integer(let i): pushInteger(i)
        case .number(let d): pushNumber(d)
        case .string(let s): pushString(s)
        }
    }
}

/// Numbers as Lua prints them: `2`, `2.5`.
func formatNumber(_ value: Double) -> String {
    exactWholeNumber(value).map(String.init) ?? String(value)
}

/// `value` as an `Int` when it is whole and below 10^15, where every whole float is exact.
private func exactWholeNumber(_ value: Double) -> Int? {
    guard value.isFinite, value == value.rounded(), abs(value) < 1e15 else { return nil }
    return Int(value)
}
