public import DialerCore

/// What the engine decided from one input of a backtest's replay: the input (an agent or call
/// event, or another journal entry) and every step the engine took for it, the `dialing` events
/// its rules launched included. Two replays decided alike when their decisions on the same
/// input are equal.
public struct BacktestDecision: Sendable, Equatable, Codable {
    /// One input, as both replays can name it.
    public struct Input: Sendable, Hashable, Codable {
        /// Engine time when it was applied.
        public var time: Timestamp
        /// The journal entry's kind (`event`, `agent_added`, …).
        public var kind: String
        /// The agent, when the input names one.
        public var agentID: String?
        /// The event, for an `event`.
        public var event: EventKind?
        /// The number, for a call event.
        public var number: String?
        /// Why a dial failed, for a `call_fail`.
        public var reason: FailReason?

        /// The input of a journal entry applied at `time`.
        public init(_ entry: JournalEntry, at time: Timestamp) {
            self.time = time
            kind = entry.kind.rawValue
            switch entry.input {
            case .event(let agentID, let event, let number, let reason):
                (self.agentID, self.event, self.number, self.reason) = (agentID, event, number, reason)
            case .agentAdded(let agentID), .agentRemoved(let agentID):
                self.agentID = agentID
            default:
                break
            }
        }
    }

    /// One step of the engine, as a backtest compares it.
    public struct Step: Sendable, Equatable, Codable {
        /// The agent.
        public var agentID: String
        /// The event handled (the input's, or a `dialing` the rules launched).
        public var event: EventKind
        /// The status before (nil for an agent the engine does not drive).
        public var before: AgentStatus?
        /// The status after.
        public var after: AgentStatus?
        /// The cdc after.
        public var cdc: Int?
        /// Numbers dialed.
        public var dialed: [String]
        /// Numbers hung up by the dialer.
        public var hungUp: [String]
        /// Warning codes raised.
        public var warnings: [String]
        /// Why the engine refused the event, if it did.
        public var refused: String?

        /// The step as the engine reported it.
        public init(_ step: EngineStep) {
            agentID = step.event.agentID
            event = step.event.kind
            before = step.before?.status
            after = step.after?.status
            cdc = step.after?.cdc
            dialed = step.placed.map(\.number)
            hungUp = step.ended
            warnings = step.warnings.map(\.code)
            refused = step.error?.description
        }

        /// `a001 dialing: ready -> ready, cdc 2; dialed +12125550100 +12125550101; hung up …`.
        public var summary: String {
            var text = "\(agentID) \(event.rawValue): \(before?.rawValue ?? "?") -> \(after?.rawValue ?? "?")"
            if let cdc { text += ", cdc \(cdc)" }
            if !dialed.isEmpty { text += "; dialed " + dialed.joined(separator: " ") }
            if !hungUp.isEmpty { text += "; hung up " + hungUp.joined(separator: " ") }
            if !warnings.isEmpty { text += "; warnings " + warnings.joined(separator: " ") }
            if let refused { text += "; refused: \(refused)" }
            return text
        }
    }

    /// The input.
    public var input: Input
    /// The engine's steps for it, in order.
    public var steps: [Step]

    /// The status of the input's agent before the input (`status × event`), when it has one.
    public var status: AgentStatus? { steps.first?.before }
}
