// The wall-clock deadline. Lua's count hook cannot see time, and no hook runs while a C
// function loops, so one watchdog thread for the process looks at every state's deadline each
// few milliseconds. When one has passed it flags the state and signals the thread running it;
// the signal handler, on that thread, installs a hook that fires on the next instruction or
// call. lua_sethook is the one Lua API function meant to be called from a signal handler (the
// standalone interpreter stops a script on Ctrl-C the same way), and running it on the Lua
// thread itself keeps it off a second thread. C loops of the library that call nothing are
// replaced by bounded ones that look at the flag (dl_charge).
#include "ShimInternal.h"
#include <errno.h>
#include <signal.h>
#include <time.h>

enum { POLL_MS = 5 };

static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static dl_ctx *g_head = NULL;
static int g_started = 0;

// A real-time signal nobody else in the process uses (SIGRTMIN is not a constant in glibc).
static int watchdog_signal(void) { return SIGRTMIN + 5; }

static void on_signal(int sig) {
    (void)sig;
    int saved = errno;
    dl_ctx *ctx = dl_running;
    if (ctx != NULL && atomic_load(&ctx->interrupted))
        lua_sethook(ctx->L, dl_hook, LUA_MASKCOUNT | LUA_MASKCALL, 1);
    errno = saved;
}

static void interrupt_overdue(int64_t now) {
    for (dl_ctx *ctx = g_head; ctx != NULL; ctx = ctx->watch_next) {
        int64_t deadline = atomic_load(&ctx->deadline);
        if (deadline == 0 || now < deadline || atomic_load(&ctx->interrupted)) continue;
        atomic_store(&ctx->interrupted, 1);
        pthread_kill(ctx->thread, watchdog_signal());
    }
}

static void *watchdog(void *unused) {
    (void)unused;
    struct timespec pause = {0, POLL_MS * 1000000L};
    for (;;) {
        nanosleep(&pause, NULL);
        int64_t now = dl_now();
        pthread_mutex_lock(&g_lock);
        interrupt_overdue(now);
        pthread_mutex_unlock(&g_lock);
    }
    return NULL;
}

// SA_RESTART, so a system call the signalled thread happens to be in carries on.
static void start_watchdog(void) {
    struct sigaction action = {0};
    action.sa_handler = on_signal;
    action.sa_flags = SA_RESTART;
    sigemptyset(&action.sa_mask);
    sigaction(watchdog_signal(), &action, NULL);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    // The watchdog itself must never take the signal.
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    pthread_t thread;
    g_started = pthread_create(&thread, &attr, watchdog, NULL) == 0;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    pthread_attr_destroy(&attr);
}

// Worker threads of libdispatch (where Swift's async code runs) block asynchronous signals, so
// each thread that runs Lua unblocks the watchdog's signal once.
void dl_accept_interrupts(void) {
    static __attribute__((tls_model("initial-exec"))) _Thread_local int accepted = 0;
    if (accepted) return;
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, watchdog_signal());
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    accepted = 1;
}

void dl_watch(dl_ctx *ctx) {
    pthread_mutex_lock(&g_lock);
    if (!g_started) start_watchdog();
    ctx->watch_prev = NULL;
    ctx->watch_next = g_head;
    if (g_head != NULL) g_head->watch_prev = ctx;
    g_head = ctx;
    pthread_mutex_unlock(&g_lock);
}

void dl_unwatch(dl_ctx *ctx) {
    pthread_mutex_lock(&g_lock);
    if (ctx->watch_prev != NULL) ctx->watch_prev->watch_next = ctx->watch_next;
    else if (g_head == ctx) g_head = ctx->watch_next;
    if (ctx->watch_next != NULL) ctx->watch_next->watch_prev = ctx->watch_prev;
    ctx->watch_prev = ctx->watch_next = NULL;
    pthread_mutex_unlock(&g_lock);
}
