/// How long a store keeps its journal (`--journal-days N`, default 7): entries whose engine
/// time is more than `days` days before the engine's clock are pruned at the start of a run
/// and then once an hour of engine time. `days` 0 turns the journal off: nothing is written
/// and nothing already in the store is pruned.
public struct JournalRetention: Sendable, Equatable {
    /// Days of engine time kept; 0: no journal.
    public var days: Int

    /// The default: a week.
    public static let standard = JournalRetention(days: 7)
    /// No journal.
    public static let off = JournalRetention(days: 0)

    /// Keeps `days` days (0: no journal).
    public init(days: Int) { self.days = max(days, 0) }

    /// Whether inputs are journaled.
    public var isOn: Bool { days > 0 }

    /// Entries before this engine time are pruned at `now`.
    public func cutoff(at now: Timestamp) -> Timestamp { now - Double(days) * 86_400 }

    /// Engine seconds between two prunings.
    public static let pruneInterval: Double = 3_600
}
