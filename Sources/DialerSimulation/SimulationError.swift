public import DialerCore

/// Why a simulation could not start, run or write its output. Each message says what to change.
public enum SimulationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A setting is out of range.
    case invalidSetting(name: String, value: String, expected: String)
    /// The rule file failed to load.
    case rules(String)
    /// The engine refused to start or to take the simulation's agents.
    case engine(EngineError)
    /// The store could not be opened, read or filled with leads.
    case store(StoreError)
    /// The store already holds a run.
    case storeNotEmpty(store: String, agents: Int, calls: Int)
    /// An output file or folder could not be written.
    case output(path: String, reason: String)

    /// The message a person reads.
    public var description: String {
        switch self {
        case .invalidSetting(let name, let value, let expected):
            return "\(name) \(value) is out of range: expected \(expected)"
        case .rules(let message):
            return message
        case .engine(let error):
            return "the simulation's engine failed: \(error)"
        case .store(let error):
            return "the simulation's store failed: \(error)"
        case .storeNotEmpty(let store, let agents, let calls):
            return
                "\(store) already holds \(agents) agents and \(calls) call records: a simulation needs an empty store (give a new file, or leave --store out to simulate in memory)"
        case .output(let path, let reason):
            return "cannot write \(path): \(reason)"
        }
    }
}
