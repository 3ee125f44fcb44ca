/// Limits for untrusted Lua code. Exceeding one fails the current event with a clear error
/// and leaves the engine usable.
public struct LuaLimits: Sendable, Equatable {
    /// Lua VM instructions one handler call may run (default 1,000,000: a few milliseconds).
    public var instructionsPerCall: Int
    /// Bytes the rule state may hold (default 32 MiB).
    public var memoryBytes: Int

    /// Makes limits.
    public init(instructionsPerCall: Int = 1_000_000, memoryBytes: Int = 32 << 20) {
        self.instructionsPerCall = instructionsPerCall
        self.memoryBytes = memoryBytes
    }

    /// The limits of a whole scenario script: its instructions are counted for the whole file.
    public static let scenario = LuaLimits(instructionsPerCall: 50_000_000, memoryBytes: 64 << 20)

    /// Instructions loading a rule file may run: its top level sets settings and rows once,
    /// so it gets ten handler calls' worth.
    var instructionsForLoading: Int { instructionsPerCall * 10 }
}
