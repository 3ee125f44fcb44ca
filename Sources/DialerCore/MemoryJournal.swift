/// The journal of an `InMemoryAgentStore`: entries in an array, numbered from 1. It lasts as
/// long as the store (nothing outlives the process) and is bounded only by pruning, like a
/// database's; a run that journals nothing (`JournalRetention.off`, or any replay or
/// simulation without `--store`) keeps it empty.
struct MemoryJournal {
    private var entries: [JournalEntry] = []
    private var nextSequence: Int64 = 1

    /// Appends the entry with the next sequence number.
    mutating func append(_ entry: JournalEntry) {
        var numbered = entry
        numbered.sequence = nextSequence
        nextSequence += 1
        entries.append(numbered)
    }

    /// The entries in the range, in order; at most `limit`.
    func entries(from: JournalBound, to: JournalBound, limit: Int) -> [JournalEntry] {
        Array(entries.lazy.filter { from.admits($0) && to.precedes($0) }.prefix(limit))
    }

    /// Drops the entries applied before `time`, except the newest (as the database stores
    /// do); returns how many.
    mutating func prune(before time: Timestamp) -> Int {
        guard let newest = entries.last?.sequence else { return 0 }
        let count = entries.count
        entries.removeAll { $0.time < time && $0.sequence != newest }
        return count - entries.count
    }
}
