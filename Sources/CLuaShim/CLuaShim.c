#include "ShimInternal.h"
#include <stdlib.h>
#include <time.h>

static dl_dispatch_fn g_dispatch = NULL;

__attribute__((tls_model("initial-exec"))) _Thread_local dl_ctx *dl_running = NULL;

void dl_set_dispatcher(dl_dispatch_fn fn) { g_dispatch = fn; }

// The coarse clock (a few milliseconds of resolution) is enough for deadlines of 100 ms and
// costs a fraction of the precise one, which matters since every handler call reads it.
int64_t dl_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

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
    ctx->L = L;
    *(dl_ctx **)lua_getextraspace(L) = ctx;
    dl_watch(ctx);
    return L;
}

void dl_close(lua_State *L) {
    if (L == NULL) return;
    dl_ctx *ctx = dl_ctx_of(L);
    dl_unwatch(ctx);
    lua_close(L);
    free(ctx);
}

void *dl_host(lua_State *L) { return dl_ctx_of(L)->host; }
void dl_set_host(lua_State *L, void *host) { dl_ctx_of(L)->host = host; }
void dl_set_memory_limit(lua_State *L, size_t bytes) { dl_ctx_of(L)->limit = bytes; }
void dl_set_pause_in_callbacks(lua_State *L, int pause) { dl_ctx_of(L)->pause_in_callbacks = pause; }
size_t dl_memory_used(lua_State *L) { return dl_ctx_of(L)->used; }
int dl_budget_exceeded(lua_State *L) { return dl_ctx_of(L)->budget_tripped; }
int dl_memory_exceeded(lua_State *L) { return dl_ctx_of(L)->memory_tripped; }
int dl_deadline_exceeded(lua_State *L) { return dl_ctx_of(L)->deadline_tripped; }

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
    dl_open_bounded_patterns(L);
    dl_open_bounded_tables(L);
}

int dl_load(lua_State *L, const char *buf, size_t len, const char *chunkname) {
    // Mode "t": binary chunks are a known sandbox escape.
    return luaL_loadbufferx(L, buf, len, chunkname, "t");
}

// The budget hook: fires once when the outermost call's instructions run out.
static void arm_budget(lua_State *L, dl_ctx *ctx) {
    if (ctx->budget > 0)
        lua_sethook(L, dl_hook, LUA_MASKCOUNT, (int)(ctx->budget > 0x7fffffff ? 0x7fffffff : ctx->budget));
    else
        lua_sethook(L, NULL, 0, 0);
}

// Pushes "file:line:" of the innermost Lua function on the stack (a hook or a library
// function may be running above it), or "" when there is none.
static void push_where(lua_State *L) {
    lua_Debug ar;
    for (int level = 0; lua_getstack(L, level, &ar); level++) {
        lua_getinfo(L, "Sl", &ar);
        if (ar.currentline > 0) {
            lua_pushfstring(L, "%s:%d: ", ar.short_src, ar.currentline);
            return;
        }
    }
    lua_pushliteral(L, "");
}

// Once a limit trips, the hook fires on every instruction and call, so a Lua-level pcall
// cannot swallow the stop.
static int raise_limit(lua_State *L, dl_ctx *ctx) {
    lua_sethook(L, dl_hook, LUA_MASKCOUNT | LUA_MASKCALL, 1);
    push_where(L);
    if (ctx->deadline_tripped)
        lua_pushfstring(L, "time limit exceeded (%d ms)", (int)ctx->deadline_ms);
    else
        lua_pushfstring(L, "instruction limit exceeded (%I instructions)", ctx->budget);
    lua_concat(L, 2);
    return lua_error(L);
}

static int deadline_passed(dl_ctx *ctx) {
    int64_t deadline = atomic_load(&ctx->deadline);
    return deadline != 0 && dl_now() >= deadline;
}

void dl_hook(lua_State *L, lua_Debug *ar) {
    dl_ctx *ctx = dl_ctx_of(L);
    if (!ctx->budget_tripped && !ctx->deadline_tripped) {
        if (atomic_load(&ctx->interrupted)) {
            if (!deadline_passed(ctx)) {
                // The watchdog's signal outlived the call it was meant for.
                atomic_store(&ctx->interrupted, 0);
                arm_budget(L, ctx);
                return;
            }
            ctx->deadline_tripped = 1;
        } else if (ar->event == LUA_HOOKCOUNT) {
            ctx->budget_tripped = 1;
        } else {
            return;
        }
    }
    raise_limit(L, ctx);
}

void dl_charge_check(lua_State *L, dl_ctx *ctx) {
    if (ctx->budget_tripped || ctx->deadline_tripped) raise_limit(L, ctx);
    if (ctx->budget > 0 && ctx->steps > ctx->budget) {
        ctx->budget_tripped = 1;
        raise_limit(L, ctx);
    }
    if (atomic_load(&ctx->interrupted) && deadline_passed(ctx)) {
        ctx->deadline_tripped = 1;
        raise_limit(L, ctx);
    }
}

// A string error already says where (Lua adds it); any other error object gets the place of
// the innermost Lua function, so `error({})` still names its file and line.
static int dl_msghandler(lua_State *L) {
    const char *msg = lua_tostring(L, 1);
    if (msg == NULL) {
        if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING) return 1;
        push_where(L);
        lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
        lua_concat(L, 2);
        msg = lua_tostring(L, -1);
    }
    luaL_traceback(L, L, msg, 1);
    return 1;
}

static void begin_outermost(lua_State *L, dl_ctx *ctx, lua_Integer budget, int64_t deadline_ms) {
    ctx->budget = budget;
    ctx->steps = 0;
    ctx->budget_tripped = 0;
    ctx->memory_tripped = 0;
    ctx->deadline_tripped = 0;
    ctx->deadline_ms = deadline_ms;
    ctx->thread = pthread_self();
    dl_accept_interrupts();
    ctx->prev_running = dl_running;
    dl_running = ctx;
    atomic_store(&ctx->interrupted, 0);
    arm_budget(L, ctx);
    atomic_store(&ctx->deadline, deadline_ms > 0 ? dl_now() + deadline_ms * 1000000 : 0);
}

static void end_outermost(lua_State *L, dl_ctx *ctx) {
    atomic_store(&ctx->deadline, 0);
    dl_running = ctx->prev_running;
    lua_sethook(L, NULL, 0, 0);
}

int dl_pcall(lua_State *L, int nargs, int nresults, lua_Integer budget, int64_t deadline_ms) {
    dl_ctx *ctx = dl_ctx_of(L);
    int base = lua_gettop(L) - nargs;
    lua_pushcfunction(L, dl_msghandler);
    lua_insert(L, base);
    int outermost = ctx->depth == 0;
    if (outermost) begin_outermost(L, ctx, budget, deadline_ms);
    ctx->depth++;
    int saved = ctx->enforce;
    ctx->enforce = 1;
    int status = lua_pcall(L, nargs, nresults, base);
    ctx->enforce = saved;
    ctx->depth--;
    if (outermost) end_outermost(L, ctx);
    lua_remove(L, base);
    return status;
}

// Swift runs between these two: the memory cap is off (an allocation failure must not unwind
// a Swift frame) and, for scenario scripts, the deadline stops (the engine's own work is not
// the script's time).
static int64_t enter_swift(dl_ctx *ctx) {
    ctx->enforce = 0;
    if (!ctx->pause_in_callbacks) return 0;
    int64_t deadline = atomic_exchange(&ctx->deadline, 0);
    return deadline == 0 ? 0 : deadline - dl_now();
}

static void leave_swift(dl_ctx *ctx, int saved_enforce, int64_t remaining) {
    ctx->enforce = saved_enforce;
    if (ctx->pause_in_callbacks && ctx->depth > 0 && ctx->deadline_ms > 0)
        atomic_store(&ctx->deadline, dl_now() + (remaining > 0 ? remaining : 1));
}

static int dl_trampoline(lua_State *L) {
    dl_ctx *ctx = dl_ctx_of(L);
    int tag = (int)lua_tointeger(L, lua_upvalueindex(1));
    int saved = ctx->enforce;
    int64_t remaining = enter_swift(ctx);
    int n = g_dispatch ? g_dispatch(L, tag) : (lua_pushliteral(L, "no dispatcher"), DL_RAISE);
    leave_swift(ctx, saved, remaining);
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

void dl_open_stock_patterns_for_comparison(lua_State *L) {
    luaL_requiref(L, "stock_string", luaopen_string, 1);
    lua_pop(L, 1);
    // luaopen_string made its table the strings' metatable index: give that back to ours.
    lua_pushliteral(L, "");
    lua_getmetatable(L, -1);
    lua_getglobal(L, LUA_STRLIBNAME);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 2);
    luaL_requiref(L, "stock_table", luaopen_table, 1);
    lua_pop(L, 1);
}
