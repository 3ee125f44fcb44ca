// The only C code of the project: everything that may longjmp stays here, so a Lua error never
// unwinds a Swift frame. Swift enters Lua through dl_pcall alone; Lua reaches Swift through the
// trampoline closures made by dl_push_callback, and Swift signals errors by return code.
// On the Swift side only the LuaState*.swift files of DialerLua import this and CLua.
#ifndef DIALER_CLUASHIM_H
#define DIALER_CLUASHIM_H

#include <stddef.h>
#include <stdint.h>
#include <lua5.4/lua.h>
#include <lua5.4/lauxlib.h>
#include <lua5.4/lualib.h>

/// A Swift dispatcher returns a result count (>= 0) or one of these codes.
enum {
    /// The message on top of the stack is raised, prefixed with the caller's `file:line:`.
    DL_RAISE = -1,
    /// The value on top of the stack is raised as it is.
    DL_RAISE_PLAIN = -2,
};

/// Signature of the one Swift function every callback goes through.
typedef int (*dl_dispatch_fn)(lua_State *L, int tag);

/// Sets the process-wide dispatcher (idempotent).
void dl_set_dispatcher(dl_dispatch_fn fn);

/// Creates a state with a counting allocator; `host` is handed back by dl_host.
lua_State *dl_newstate(void *host);
/// Closes a state made by dl_newstate and frees its bookkeeping.
void dl_close(lua_State *L);
/// The host pointer given to dl_newstate.
void *dl_host(lua_State *L);
/// Replaces the host pointer.
void dl_set_host(lua_State *L, void *host);

/// Memory cap in bytes (0 = none), enforced only while Lua code runs inside dl_pcall.
void dl_set_memory_limit(lua_State *L, size_t bytes);
/// Bytes currently allocated by the state.
size_t dl_memory_used(lua_State *L);

/// Opens base, table, string, math and utf8 only, removes what could load code or reach
/// outside (load, loadfile, dofile, collectgarbage, print, string.dump), and replaces what
/// could run unbounded in C (string.find/match/gmatch/gsub/rep, table.insert/remove/move)
/// and `setmetatable` (which refuses `__gc`).
void dl_open_sandbox(lua_State *L);

/// Adds Lua's own string and table libraries as the globals `stock_string` and `stock_table`,
/// so tests can compare the bounded functions with them. Never used on a rule or scenario state.
void dl_open_stock_patterns_for_comparison(lua_State *L);

/// Loads a text chunk (binary chunks are refused) named `chunkname` (e.g. "@rules/x.lua").
int dl_load(lua_State *L, const char *buf, size_t len, const char *chunkname);

/// Calls the function below `nargs` arguments in protected mode, with a traceback message
/// handler, the memory cap on, and for the outermost call an instruction budget (0 = none;
/// the steps of pattern matching and table moves count too) and a wall-clock deadline in
/// milliseconds (0 = none). Returns a LUA_* status; on error the message (with traceback) is
/// on top of the stack.
int dl_pcall(lua_State *L, int nargs, int nresults, lua_Integer budget, int64_t deadline_ms);
/// Whether the last outermost dl_pcall ran out of instructions.
int dl_budget_exceeded(lua_State *L);
/// Whether the last outermost dl_pcall ran past its deadline.
int dl_deadline_exceeded(lua_State *L);
/// Whether the deadline stops while Swift callbacks run (for a scenario script, whose
/// callbacks run the engine), instead of counting them as the call's time.
void dl_set_pause_in_callbacks(lua_State *L, int pause);
/// Whether the last outermost dl_pcall hit the memory cap.
int dl_memory_exceeded(lua_State *L);

/// Pushes a C closure that calls the dispatcher with `tag`.
void dl_push_callback(lua_State *L, int tag);

// Macros and variadics Swift cannot import, as functions.
static inline void dl_pop(lua_State *L, int n) { lua_pop(L, n); }
static inline void dl_newtable(lua_State *L) { lua_newtable(L); }
static inline const char *dl_tolstring(lua_State *L, int i, size_t *len) { return lua_tolstring(L, i, len); }
static inline int dl_isnoneornil(lua_State *L, int i) { return lua_isnoneornil(L, i); }
static inline int dl_registryindex(void) { return LUA_REGISTRYINDEX; }
static inline void dl_pushglobaltable(lua_State *L) { lua_pushglobaltable(L); }
static inline void dl_remove(lua_State *L, int i) { lua_remove(L, i); }
static inline int dl_isinteger_value(lua_State *L, int i) { return lua_isinteger(L, i); }

#endif
