public import DialerCore

/// Why `dialer capture` cannot cut the window asked for.
public enum CaptureError: Error, Sendable, CustomStringConvertible {
    /// The store holds no journal.
    case emptyJournal
    /// The journal cannot be replayed.
    case journal(JournalReplayError)
    /// Nothing ran before the window's start (no rule file journaled yet).
    case noRunBefore(Timestamp)
    /// An agent asked for is not in the run.
    case unknownAgent(String, known: [String])
    /// The replay refused an input the live engine accepted: the journal does not reproduce the run.
    case diverged(sequence: Int64, time: Timestamp, String)
    /// The window holds an input a scenario cannot replay.
    case unsupported(sequence: Int64, time: Timestamp, String)

    public var description: String {
        switch self {
        case .emptyJournal:
            "the store holds no journal in that range: run serve, soak or simulate --store with --journal-days above 0 (7 by default)"
        case .journal(let error): "\(error)"
        case .noRunBefore(let time):
            "nothing ran before \(formatTimestamp(time)): no rule file was journaled yet; start the window later (--from)"
        case .unknownAgent(let id, let known):
            "agent '\(id)' is not in the journaled run (agents: \(known.prefix(12).joined(separator: ", "))\(known.count > 12 ? ", …" : ""))"
        case .diverged(let sequence, let time, let message):
            "journal entry \(sequence) at \(formatTimestamp(time)): the replay refused an input the live engine accepted (\(message)); the journal does not reproduce the run (was the store written before it journaled, or by two engines?)"
        case .unsupported(let sequence, let time, let what):
            "journal entry \(sequence) at \(formatTimestamp(time)): the window holds \(what), which a scenario cannot replay; end the window before it (--to) or start it after (--from)"
        }
    }
}
