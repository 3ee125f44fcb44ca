#include "CLuaShim.h"
#include <stdlib.h>

typedef struct dl_ctx {
    void *host;
    size_t used;
    size_t limit;
    int enforce;        // > 0 while Lua code runs inside dl_pcall
    int depth;          // nesting of dl_pcall on this state
    lua_Integer budget; // instruction budget of the outermost call
    int budget_tripped;
    int memory_tripped;
} dl_ctx;

static dl_dispatch_fn g_dispatch = NULL;

void dl_set_dispatcher(dl_dispatch_fn fn) { g_dispatch = fn; }

static dl_ctx *ctx_of(lua_State *L) { return *(dl_ctx **)lua_getextraspace(L); }

// When ptr is NULL, osize is a type tag, not a size (manual §4.6).
static void *dl_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    dl_ctx *ctx = (dl_ctx *)ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        ctx->used -= old;
        return NULL;
    }
    if (ctx->enforce > 0 && ctx->limit > 0 && nsize > old && ctx->used - old + nsize > ctx->limit) {
        ctx->memory_tripped = 1;
        return NULL;
    }
    void *p = realloc(ptr, nsize);
    if (p != NULL) ctx->used = ctx->used - old + nsize;
    return p;
}

lua_State *dl_newstate(void *host) {
    dl_ctx *ctx = (dl_ctx *)calloc(1, sizeof(dl_ctx));
    if (ctx == NULL) return NULL;
    ctx->host = host;
    lua_State *L = lua_newstate(dl_alloc, ctx);
    if (L == NULL) {
        free(ctx);
        return NULL;
    }
    *(dl_ctx **)lua_getextraspace(L) = ctx;
    return L;
}

void dl_close(lua_State *L) {
    if (L == NULL) return;
    dl_ctx *ctx = ctx_of(L);
    lua_close(L);
    free(ctx);
}

void *dl_host(lua_State *L) { return ctx_of(L)->host; }
void dl_set_host(lua_State *L, void *host) { ctx_of(L)->host = host; }
void dl_set_memory_limit(lua_State *L, size_t bytes) { ctx_of(L)->limit = bytes; }
size_t dl_memory_used(lua_State *L) { return ctx_of(L)->used; }
int dl_budget_exceeded(lua_State *L) { return ctx_of(L)->budget_tripped; }
int dl_memory_exceeded(lua_State *L) { return ctx_of(L)->memory_tripped; }

void dl_open_sandbox(lua_State *L) {
    static const luaL_Reg libs[] = {
        {LUA_GNAME, luaopen_base},
        {LUA_TABLIBNAME, luaopen_table},
        {LUA_STRLIBNAME, luaopen_string},
        {LUA_MATHLIBNAME, luaopen_math},
        {LUA_UTF8LIBNAME, luaopen_utf8},
        {NULL, NULL},
    };
    for (const luaL_Reg *lib = libs; lib->func; lib++) {
        luaL_requiref(L, lib->name, lib->func, 1);
        lua_pop(L, 1);
    }
    static const char *const removed[] = {"load", "loadfile", "dofile", "collectgarbage", "print", NULL};
    for (const char *const *name = removed; *name; name++) {
        lua_pushnil(L);
        lua_setglobal(L, *name);
    }
    lua_getglobal(L, LUA_STRLIBNAME);
    lua_pushnil(L);
    lua_setfield(L, -2, "dump");
    lua_pop(L, 1);
}

int dl_load(lua_State *L, const char *buf, size_t len, const char *chunkname) {
    // Mode "t": binary chunks are a known sandbox escape.
    return luaL_loadbufferx(L, buf, len, chunkname, "t");
}

// Once the budget trips, the hook fires on every instruction so a Lua-level pcall cannot
// swallow the stop.
static void dl_count_hook(lua_State *L, lua_Debug *ar) {
    (void)ar;
    dl_ctx *ctx = ctx_of(L);
    ctx->budget_tripped = 1;
    lua_sethook(L, dl_count_hook, LUA_MASKCOUNT, 1);
    // Inside a hook, level 0 is the Lua function that was running.
    luaL_where(L, 0);
    lua_pushfstring(L, "instruction limit exceeded (%I instructions)", ctx->budget);
    lua_concat(L, 2);
    lua_error(L);
}

static int dl_msghandler(lua_State *L) {
    const char *msg = lua_tostring(L, 1);
    if (msg == NULL) {
        if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING) return 1;
        msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    }
    luaL_traceback(L, L, msg, 1);
    return 1;
}

int dl_pcall(lua_State *L, int nargs, int nresults, lua_Integer budget) {
    dl_ctx *ctx = ctx_of(L);
    int base = lua_gettop(L) - nargs;
    lua_pushcfunction(L, dl_msghandler);
    lua_insert(L, base);
    int outermost = ctx->depth == 0;
    if (outermost) {
        ctx->budget = budget;
        ctx->budget_tripped = 0;
        ctx->memory_tripped = 0;
        if (budget > 0) lua_sethook(L, dl_count_hook, LUA_MASKCOUNT, (int)(budget > 0x7fffffff ? 0x7fffffff : budget));
    }
    ctx->depth++;
    int saved = ctx->enforce;
    ctx->enforce = 1;
    int status = lua_pcall(L, nargs, nresults, base);
    ctx->enforce = saved;
    ctx->depth--;
    if (outermost) lua_sethook(L, NULL, 0, 0);
    lua_remove(L, base);
    return status;
}

static int dl_trampoline(lua_State *L) {
    dl_ctx *ctx = ctx_of(L);
    int tag = (int)lua_tointeger(L, lua_upvalueindex(1));
    // The cap is off while Swift runs, so an allocation failure cannot unwind a Swift frame.
    int saved = ctx->enforce;
    ctx->enforce = 0;
    int n = g_dispatch ? g_dispatch(L, tag) : (lua_pushliteral(L, "no dispatcher"), DL_RAISE);
    ctx->enforce = saved;
    if (n == DL_RAISE) {
        luaL_where(L, 1);
        lua_insert(L, -2);
        lua_concat(L, 2);
        return lua_error(L);
    }
    if (n == DL_RAISE_PLAIN) return lua_error(L);
    return n;
}

void dl_push_callback(lua_State *L, int tag) {
    lua_pushinteger(L, tag);
    lua_pushcclosure(L, dl_trampoline, 1);
}
