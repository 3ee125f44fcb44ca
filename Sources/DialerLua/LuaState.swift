import CLua
import CLuaShim
import Foundation

/// A Lua error raised by a callback. Swift never raises into Lua itself: the dispatcher turns
/// this into a return code and the C trampoline raises after Swift has returned.
struct LuaCallbackError: Error {
    /// The message; unless `isLocated`, the trampoline prefixes the caller's `file:line:`.
    var message: String
    /// The message already says where it comes from and is raised as it is.
    var isLocated: Bool

    /// An error raised at the caller's line.
    init(_ message: String) {
        self.message = message
        isLocated = false
    }

    /// An error whose message already carries its location (a scenario's failed assertion).
    init(located message: String) {
        self.message = message
        isLocated = true
    }
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
    /// The wall-clock deadline passed.
    var deadlineExceeded: Bool
}

/// A Lua function implemented in Swift. It reads its arguments from the state it is given and
/// returns how many results it pushed, or throws to raise a Lua error at the caller's line.
typealias LuaCallback = (LuaState) throws(LuaCallbackError) -> Int32

/// One sandboxed Lua state, used by one thread at a time: the only Swift type that touches the
/// Lua C API (with its extensions in `LuaState+*.swift`). Only `call` enters Lua.
///
/// The sandbox opens no coroutine library, so Lua runs on the main thread only and a callback's
/// stack is always this state's.
final class LuaState {
    /// The raw state, for the `LuaState+*.swift` extensions only (they alone import the C API);
    /// valid for the lifetime of this object.
    let L: OpaquePointer
    private var callbacks: [LuaCallback] = []

    /// Opens a sandboxed state (base, table, string, math, utf8) with a memory cap in bytes.
    /// With `deadlineCountsLuaOnly`, time spent in Swift callbacks does not count toward a
    /// call's deadline (a scenario script, whose callbacks run the engine).
    init(memoryLimit: Int, deadlineCountsLuaOnly: Bool = false) {
        dl_set_dispatcher(luaDispatch)
        guard let state = dl_newstate(nil) else { fatalError("cannot allocate a Lua state") }
        L = state
        dl_set_host(L, Unmanaged.passUnretained(self).toOpaque())
        dl_open_sandbox(L)
        dl_set_memory_limit(L, memoryLimit)
        dl_set_pause_in_callbacks(L, deadlineCountsLuaOnly ? 1 : 0)
    }

    deinit { dl_close(L) }

    /// Adds Lua's own string and table libraries as `stock_string` and `stock_table`, for tests
    /// that compare the sandbox's bounded replacements with them.
    func openStockLibrariesForComparison() { dl_open_stock_patterns_for_comparison(L) }

    /// Bytes allocated by the state.
    var memoryUsed: Int { dl_memory_used(L) }

    fileprivate func invoke(_ L: OpaquePointer, _ tag: Int32) -> Int32 {
        assert(L == self.L, "a callback ran on another Lua thread")
        do {
            return try callbacks[Int(tag)](self)
        } catch {
            pushString(error.message)
            return Int32(error.isLocated ? DL_RAISE_PLAIN : DL_RAISE)
        }
    }

    /// Pushes a Lua function that runs `body`.
    func pushFunction(_ body: @escaping LuaCallback) {
        callbacks.append(body)
        dl_push_callback(L, Int32(callbacks.count - 1))
    }

    /// Compiles a text chunk and pushes it. Binary chunks are refused.
    func load(_ source: String, chunkName: String) throws(LuaFailure) {
        let bytes = source.utf8CString
        let status = bytes.withUnsafeBufferPointer { dl_load(L, $0.baseAddress, $0.count - 1, chunkName) }
        guard status == LUA_OK else { throw failure(status) }
    }

    /// Calls the function below `arguments` values on the stack, protected, with an
    /// instruction budget and a deadline in milliseconds (0 = none, for each).
    func call(arguments: Int32, results: Int32, budget: Int, deadline: Int = 0) throws(LuaFailure) {
        let status = dl_pcall(L, arguments, results, lua_Integer(budget), Int64(deadline))
        guard status == LUA_OK else { throw failure(status) }
    }

    private func failure(_ status: Int32) -> LuaFailure {
        let raw = string(at: -1) ?? "(error object is not a string)"
        pop()
        var message = raw
        var traceback: String?
        if let range = raw.range(of: "\nstack traceback:") {
            message = String(raw[..<range.lowerBound])
            traceback = String(raw[range.lowerBound...].dropFirst())
        }
        return LuaFailure(
            status: status, message: message, traceback: traceback,
            budgetExceeded: dl_budget_exceeded(L) != 0, memoryExceeded: dl_memory_exceeded(L) != 0 || status == LUA_ERRMEM,
            deadlineExceeded: dl_deadline_exceeded(L) != 0)
    }
}

private let luaDispatch: dl_dispatch_fn = { L, tag in
    let host = Unmanaged<LuaState>.fromOpaque(dl_host(L)!).takeUnretainedValue()
    return host.invoke(L!, tag)
}
