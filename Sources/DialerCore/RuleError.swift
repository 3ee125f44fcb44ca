/// A problem in a rule file at a place, e.g. `rules/x.lua:14: unknown status 'redy'`.
public struct RuleProblem: Sendable, Equatable, CustomStringConvertible {
    /// The file, as given to the loader.
    public var file: String
    /// 1-based line, or nil when the problem has no single place.
    public var line: Int?
    /// What is wrong and, where it helps, what is expected.
    public var message: String

    /// Makes a problem.
    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`.
    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}

/// Why rules could not be loaded or could not decide an event. The agent's state is unchanged.
public enum RuleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The rule file could not be read.
    case unreadable(file: String, reason: String)
    /// The rule file does not compile, or fails the checks (all problems listed).
    case invalid([RuleProblem])
    /// A handler raised an error; the message starts with `file:line:`.
    case runtime(message: String, traceback: String?)
    /// A handler ran past its instruction budget.
    case instructionLimit(message: String, limit: Int)
    /// A handler ran past the memory cap.
    case memoryLimit(cell: String, limit: Int)
    /// A handler ran past its wall-clock deadline; the message starts with `file:line:` where
    /// the handler was stopped.
    case timeLimit(message: String, milliseconds: Int)

    /// The message a person reads.
    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            return "\(file): cannot read rule file: \(reason)"
        case .invalid(let problems):
            return problems.map(\.description).joined(separator: "\n")
        case .runtime(let message, _):
            return message
        case .instructionLimit(let message, _):
            return message
        case .memoryLimit(let cell, let limit):
            return "\(cell): memory limit exceeded (\(limit) bytes); the event changed nothing"
        case .timeLimit(let message, _):
            return message
        }
    }
}
