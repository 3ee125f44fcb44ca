/// One input the engine accepted, as the store's journal keeps it: what came in from outside
/// (an agent or call event, an agent added or removed, leads added, a callback, a rule file
/// put live, a simulation's seed and settings, dialing paused or resumed), never what the
/// engine decided from it. Read back in `sequence` order and fed to a fresh engine on a clock
/// set to each `time`, the entries reproduce what the engine did.
///
/// An entry is written in the same transaction as the input's effects (`StoreBatch.journal`,
/// `AgentStore.addLeadRecords(_:journal:)`, `AgentStore.scheduleCallback(_:at:journal:)`):
/// an input is in the journal exactly when its effects are in the store.
public struct JournalEntry: Sendable, Equatable, Codable {
    /// The store's number for the entry, increasing in the order entries were committed; 0
    /// until the store has appended it.
    public var sequence: Int64
    /// The engine clock's reading when the input was applied (seconds since 1970).
    public var time: Timestamp
    /// The input.
    public var input: JournalInput

    /// An entry to append (its sequence is the store's to give).
    public init(time: Timestamp, input: JournalInput) {
        self.sequence = 0
        self.time = time
        self.input = input
    }

    /// An entry as read back from a store.
    public init(sequence: Int64, time: Timestamp, input: JournalInput) {
        self.sequence = sequence
        self.time = time
        self.input = input
    }

    /// Which input, as the store's `kind` column spells it.
    public var kind: JournalInput.Kind { input.kind }

    /// The entry for an agent or call event as reported.
    public static func event(_ event: AgentEvent, at time: Timestamp) -> JournalEntry {
        JournalEntry(time: time, input: .event(agentID: event.agentID, kind: event.kind, number: event.number, reason: event.reason))
    }
}
