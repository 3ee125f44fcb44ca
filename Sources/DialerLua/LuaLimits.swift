/// Limits for untrusted Lua code. Exceeding one fails the current event (or load) with a clear
/// error and leaves the engine usable.
public struct LuaLimits: Sendable, Equatable {
    /// Lua VM instructions one handler call may run (default 1,000,000: a few milliseconds).
    /// The steps of pattern matching (`string.find`, `match`, `gmatch`, `gsub`) and of
    /// `table.insert`/`remove`/`move` count against the same budget.
    public var instructionsPerCall: Int
    /// Bytes the rule state may hold (default 32 MiB).
    public var memoryBytes: Int
    /// Wall-clock milliseconds one handler call may take (default 100), enforced inside
    /// library functions too; 0 turns it off.
    public var deadlineMilliseconds: Int

    /// Makes limits.
    public init(instructionsPerCall: Int = 1_000_000, memoryBytes: Int = 32 << 20, deadlineMilliseconds: Int = 100) {
        self.instructionsPerCall = instructionsPerCall
        self.memoryBytes = memoryBytes
        self.deadlineMilliseconds = deadlineMilliseconds
    }

    /// The limits of a whole scenario script: its instructions are counted for the whole file,
    /// and its deadline counts the script's own Lua time, not the engine's work it asks for.
    public static let scenario = LuaLimits(instructionsPerCall: 50_000_000, memoryBytes: 64 << 20, deadlineMilliseconds: 10_000)

    /// Instructions loading a rule file may run: its top level sets settings and rows once,
    /// so it gets ten handler calls' worth.
    var instructionsForLoading: Int { instructionsPerCall * 10 }

    /// Milliseconds loading a rule file may take: five handler calls' worth (half a second by
    /// default), so `dialer check` and a reload in `serve` stop a runaway file quickly too.
    var deadlineForLoading: Int { deadlineMilliseconds * 5 }
}
