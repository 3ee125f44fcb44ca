// What the shim's C files share and Swift never sees: the per-state bookkeeping, the step
// charge every bounded library loop pays, and the watchdog that enforces the wall-clock deadline.
#ifndef DIALER_SHIM_INTERNAL_H
#define DIALER_SHIM_INTERNAL_H

#include "CLuaShim.h"
#include <pthread.h>
#include <stdatomic.h>

typedef struct dl_ctx {
    lua_State *L;
    void *host;
    size_t used;
    size_t limit;
    int enforce;        // > 0 while Lua code runs inside dl_pcall
    int depth;          // nesting of dl_pcall on this state
    lua_Integer budget; // instruction budget of the outermost call (0 = none)
    lua_Integer steps;  // steps the bounded library loops ran in the outermost call
    int budget_tripped;
    int memory_tripped;
    int deadline_tripped;
    int pause_in_callbacks;   // the deadline stops while Swift callbacks run (scenario scripts)
    int64_t deadline_ms;      // the outermost call's deadline, as given (0 = none)
    _Atomic int64_t deadline; // dl_now() nanoseconds it ends at (0 = not armed)
    atomic_int interrupted;   // the watchdog saw the deadline pass
    pthread_t thread;         // the thread running the outermost call
    struct dl_ctx *prev_running;
    struct dl_ctx *watch_prev, *watch_next;
} dl_ctx;

/// The context of the outermost protected call running on this thread, for the watchdog's
/// signal handler (initial-exec TLS is safe to read there).
extern __attribute__((tls_model("initial-exec"))) _Thread_local dl_ctx *dl_running;

static inline dl_ctx *dl_ctx_of(lua_State *L) { return *(dl_ctx **)lua_getextraspace(L); }

/// Monotonic clock in nanoseconds.
int64_t dl_now(void);

/// Slow path of dl_charge: raises when the budget is spent or the deadline has passed.
void dl_charge_check(lua_State *L, dl_ctx *ctx);

/// Counts `n` steps of a library loop that Lua's instruction hook cannot see (pattern matching,
/// moving table elements). Steps share the call's instruction budget, and each 1,024 steps
/// also look at the watchdog's flag, so no such loop outlives the budget or the deadline.
static inline void dl_charge_n(lua_State *L, dl_ctx *ctx, lua_Integer n) {
    lua_Integer before = ctx->steps;
    ctx->steps += n;
    if ((before >> 10) != (ctx->steps >> 10)) dl_charge_check(L, ctx);
}

/// Counts one step (see dl_charge_n).
static inline void dl_charge(lua_State *L, dl_ctx *ctx) { dl_charge_n(L, ctx, 1); }

/// The hook behind both limits: fires when the instruction budget runs out, and on every
/// instruction and call once a limit has tripped or the watchdog interrupted the call.
void dl_hook(lua_State *L, lua_Debug *ar);

/// Adds a state to the watchdog's list (starting the watchdog on first use) or removes it.
void dl_watch(dl_ctx *ctx);
void dl_unwatch(dl_ctx *ctx);
/// Lets the watchdog's signal reach the calling thread (once per thread).
void dl_accept_interrupts(void);

/// Replace the string and table library functions whose C loops could otherwise run without
/// bound (find, match, gmatch, gsub, rep; insert, remove, move) and `setmetatable` (no __gc).
void dl_open_bounded_patterns(lua_State *L);
void dl_open_bounded_tables(lua_State *L);

#endif
