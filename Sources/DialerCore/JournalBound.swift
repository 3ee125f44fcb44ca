/// One end of a range of journal entries (`AgentStore.journalEntries(from:to:limit:)`): a
/// sequence number or an engine clock reading.
public enum JournalBound: Sendable, Equatable {
    /// Entries from (or before) this sequence number.
    case sequence(Int64)
    /// Entries applied from (or before) this engine time.
    case time(Timestamp)

    /// The first entry there is.
    public static let start = JournalBound.sequence(0)
    /// Past the last entry there is.
    public static let end = JournalBound.sequence(.max)

    /// Whether the entry is at or after this bound (for `from`).
    public func admits(_ entry: JournalEntry) -> Bool {
        switch self {
        case .sequence(let first): entry.sequence >= first
        case .time(let first): entry.time >= first
        }
    }

    /// Whether the entry is before this bound (for `to`).
    public func precedes(_ entry: JournalEntry) -> Bool {
        switch self {
        case .sequence(let end): entry.sequence < end
        case .time(let end): entry.time < end
        }
    }
}
