import CLua
import CLuaShim

/// A value kept in the registry (`luaL_ref`), so Swift can hold on to it and push it again
/// with one array read.
struct LuaReference: Equatable {
    /// The registry slot.
    fileprivate let slot: Int32

    /// No value: pushes `nil`. A placeholder until the real value is kept.
    static let none = LuaReference(slot: LUA_NOREF)
}

/// Keeping values in the registry.
extension LuaState {
    /// Pops the value on top and keeps it in the registry.
    func popReference() -> LuaReference { LuaReference(slot: luaL_ref(L, dl_registryindex())) }

    /// Keeps the value at `index` in the registry; the stack is unchanged.
    func reference(at index: Int32) -> LuaReference {
        lua_pushvalue(L, index)
        return popReference()
    }

    /// Pushes the value kept under `reference`.
    @inline(__always)
    func push(_ reference: LuaReference) { lua_rawgeti(L, dl_registryindex(), lua_Integer(reference.slot)) }

    /// Whether the value at `index` is the very value kept under `reference` (no `__eq`).
    func isValue(at index: Int32, _ reference: LuaReference) -> Bool {
        let index = lua_absindex(L, index)
        push(reference)
        defer { pop() }
        return lua_rawequal(L, -1, index) != 0
    }
}
