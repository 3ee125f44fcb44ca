// table.insert, remove and move, and string.rep, as Lua 5.4 defines them, with every loop
// paying dl_charge: Lua's own loop over missing elements calls nothing a hook could stop
// (`table.move({}, 1, math.maxinteger, 1)`, or a `__len` that claims a huge length), and
// `string.rep("", math.maxinteger)` copies nothing forever. And `setmetatable` refuses `__gc`:
// Lua runs finalizers with hooks off, so one that loops could never be stopped.
#include "ShimInternal.h"
#include <limits.h>
#include <string.h>

enum { TAB_R = 1, TAB_W = 2, TAB_L = 4 };

static int has_metafield(lua_State *L, int arg, const char *name) {
    if (luaL_getmetafield(L, arg, name) == LUA_TNIL) return 0;
    lua_pop(L, 1);
    return 1;
}

// A table, or a value whose metatable gives the access `what` needs.
static void check_table(lua_State *L, int arg, int what) {
    if (lua_type(L, arg) == LUA_TTABLE) return;
    if ((what & TAB_R) && !has_metafield(L, arg, "__index")) luaL_checktype(L, arg, LUA_TTABLE);
    if ((what & TAB_W) && !has_metafield(L, arg, "__newindex")) luaL_checktype(L, arg, LUA_TTABLE);
    if ((what & TAB_L) && !has_metafield(L, arg, "__len")) luaL_checktype(L, arg, LUA_TTABLE);
}

// Copies t[from] to t[to]; one charged step.
static void shift(lua_State *L, dl_ctx *ctx, int source, lua_Integer from, int target, lua_Integer to) {
    dl_charge(L, ctx);
    lua_geti(L, source, from);
    lua_seti(L, target, to);
}

static int bounded_insert(lua_State *L) {
    check_table(L, 1, TAB_R | TAB_W | TAB_L);
    dl_ctx *ctx = dl_ctx_of(L);
    lua_Integer free_slot = (lua_Integer)((lua_Unsigned)luaL_len(L, 1) + 1u);
    lua_Integer pos;
    switch (lua_gettop(L)) {
    case 2: pos = free_slot; break;
    case 3:
        pos = luaL_checkinteger(L, 2);
        luaL_argcheck(L, (lua_Unsigned)pos - 1u < (lua_Unsigned)free_slot, 2, "position out of bounds");
        for (lua_Integer i = free_slot; i > pos; i--) shift(L, ctx, 1, i - 1, 1, i);
        break;
    default: return luaL_error(L, "wrong number of arguments to 'insert'");
    }
    lua_seti(L, 1, pos);
    return 0;
}

static int bounded_remove(lua_State *L) {
    check_table(L, 1, TAB_R | TAB_W | TAB_L);
    dl_ctx *ctx = dl_ctx_of(L);
    lua_Integer size = luaL_len(L, 1);
    lua_Integer pos = luaL_optinteger(L, 2, size);
    if (pos != size) luaL_argcheck(L, (lua_Unsigned)pos - 1u <= (lua_Unsigned)size, 2, "position out of bounds");
    lua_geti(L, 1, pos);
    for (; pos < size; pos++) shift(L, ctx, 1, pos + 1, 1, pos);
    lua_pushnil(L);
    lua_seti(L, 1, pos);
    return 1;
}

static int bounded_move(lua_State *L) {
    lua_Integer f = luaL_checkinteger(L, 2);
    lua_Integer e = luaL_checkinteger(L, 3);
    lua_Integer t = luaL_checkinteger(L, 4);
    int target = !lua_isnoneornil(L, 5) ? 5 : 1;
    check_table(L, 1, TAB_R);
    check_table(L, target, TAB_W);
    if (e >= f) {
        luaL_argcheck(L, f > 0 || e < LUA_MAXINTEGER + f, 3, "too many elements to move");
        lua_Integer n = e - f + 1;
        luaL_argcheck(L, t <= LUA_MAXINTEGER - n + 1, 4, "destination wrap around");
        dl_ctx *ctx = dl_ctx_of(L);
        // Overlapping ranges in one table are copied from the end, as memmove would.
        if (t > e || t <= f || (target != 1 && !lua_compare(L, 1, target, LUA_OPEQ))) {
            for (lua_Integer i = 0; i < n; i++) shift(L, ctx, 1, f + i, target, t + i);
        } else {
            for (lua_Integer i = n - 1; i >= 0; i--) shift(L, ctx, 1, f + i, target, t + i);
        }
    }
    lua_pushvalue(L, target);
    return 1;
}

// The result is allocated before the copy, so the memory cap bounds the loop; only empty
// pieces could loop without allocating, and they make "".
static int bounded_rep(lua_State *L) {
    size_t l, lsep;
    const char *s = luaL_checklstring(L, 1, &l);
    lua_Integer n = luaL_checkinteger(L, 2);
    const char *sep = luaL_optlstring(L, 3, "", &lsep);
    if (n <= 0 || l + lsep == 0) {
        lua_pushliteral(L, "");
        return 1;
    }
    if (l + lsep < l || l + lsep > (size_t)INT_MAX / (size_t)n) return luaL_error(L, "resulting string too large");
    size_t total = (size_t)n * l + (size_t)(n - 1) * lsep;
    luaL_Buffer b;
    char *p = luaL_buffinitsize(L, &b, total);
    for (; n > 1; n--) {
        memcpy(p, s, l);
        p += l;
        memcpy(p, sep, lsep);
        p += lsep;
    }
    memcpy(p, s, l);
    luaL_pushresultsize(&b, total);
    return 1;
}

static int sandboxed_setmetatable(lua_State *L) {
    int kind = lua_type(L, 2);
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_argexpected(L, kind == LUA_TNIL || kind == LUA_TTABLE, 2, "nil or table");
    if (luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL) return luaL_error(L, "cannot change a protected metatable");
    if (kind == LUA_TTABLE) {
        lua_pushliteral(L, "__gc");
        if (lua_rawget(L, 2) != LUA_TNIL)
            return luaL_error(L, "__gc is not available in rule files and scenarios (a finalizer would run outside the time limit)");
        lua_pop(L, 1);
    }
    lua_settop(L, 2);
    lua_setmetatable(L, 1);
    return 1;
}

// `rawset(_G, k, v)` would make a global the strict-globals guard never sees.
static int sandboxed_rawset(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_checkany(L, 2);
    luaL_checkany(L, 3);
    lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
    int globals = lua_rawequal(L, 1, -1);
    lua_pop(L, 1);
    if (globals) return luaL_error(L, "rawset on the global table is not available (sandboxed): assign globals by name (in a rule file, at its top)");
    lua_settop(L, 3);
    lua_rawset(L, 1);
    return 1;
}

void dl_open_bounded_tables(lua_State *L) {
    static const luaL_Reg tables[] = {
        {"insert", bounded_insert},
        {"remove", bounded_remove},
        {"move", bounded_move},
        {NULL, NULL},
    };
    lua_getglobal(L, LUA_TABLIBNAME);
    luaL_setfuncs(L, tables, 0);
    lua_pop(L, 1);
    lua_getglobal(L, LUA_STRLIBNAME);
    lua_pushcfunction(L, bounded_rep);
    lua_setfield(L, -2, "rep");
    lua_pop(L, 1);
    lua_pushcfunction(L, sandboxed_setmetatable);
    lua_setglobal(L, "setmetatable");
    lua_pushcfunction(L, sandboxed_rawset);
    lua_setglobal(L, "rawset");
}
