/// Why a journal cannot be replayed.
public enum JournalReplayError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An entry that needs the engine came before any `rules` entry: the journal does not
    /// start at a run's start.
    case noRules(sequence: Int64, kind: String)
    /// A journaled rule file (or the rules a backtest puts in its place) does not load.
    case rules(file: String, String)
    /// The replay's store refused an entry's effect.
    case store(sequence: Int64, String)
    /// The replay's engine could not start (or recover at a restart).
    case engine(sequence: Int64, String)
    /// The store holds no journal in the range.
    case empty(store: String)

    public var description: String {
        switch self {
        case .noRules(let sequence, let kind):
            "journal entry \(sequence) (\(kind)) comes before any rule file was journaled: the journal does not start at the start of a run (its head was pruned, or the run began with --journal-days 0); capture and backtest need the journal from a run's start"
        case .rules(let file, let message): "the rules \(file) do not load: \(message)"
        case .store(let sequence, let message): "journal entry \(sequence): \(message)"
        case .engine(let sequence, let message): "journal entry \(sequence): the engine cannot start: \(message)"
        case .empty(let store): "\(store) holds no journal: run serve, soak or simulate --store with --journal-days above 0 (7 by default)"
        }
    }
}
