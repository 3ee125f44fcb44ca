/// What a `JournalEntry` records: one input from outside the engine, with what a fresh engine
/// needs to apply it again.
public enum JournalInput: Sendable, Equatable, Codable {
    /// An agent or call event as reported (before any routing): the engine's decisions and the
    /// `dialing` events its rules launched follow from it and are not journaled.
    case event(agentID: String, kind: EventKind, number: String?, reason: FailReason?)
    /// An agent added (`off`).
    case agentAdded(agentID: String)
    /// An agent removed.
    case agentRemoved(agentID: String)
    /// Leads added, as given (numbers already in the store were left as they were).
    case leadsAdded([JournalLead])
    /// A callback: the lead may be dialed at `at` and not before.
    case callback(number: String, at: Timestamp)
    /// A rule file put live: at the start of a run (`trigger` "start") or by a reload, with the
    /// file's text, its SHA-256 (hex) and the seed of its random numbers.
    case rules(file: String, sha256: String, text: String, seed: Int, trigger: String)
    /// The start of a simulation: its seed and its settings (JSON text, `SimulationSettings`).
    case simulation(seed: UInt64, settings: String)
    /// Dialing paused (true) or resumed (false) for the campaign.
    case dialingPaused(Bool)

    /// Which input it is.
    public enum Kind: String, Sendable, CaseIterable, Codable {
        /// `event`.
        case event
        /// `agent_added`.
        case agentAdded = "agent_added"
        /// `agent_removed`.
        case agentRemoved = "agent_removed"
        /// `leads_added`.
        case leadsAdded = "leads_added"
        /// `callback`.
        case callback
        /// `rules`.
        case rules
        /// `simulation`.
        case simulation
        /// `dialing_paused`.
        case dialingPaused = "dialing_paused"
    }

    /// Which input it is.
    public var kind: Kind {
        switch self {
        case .event: .event
        case .agentAdded: .agentAdded
        case .agentRemoved: .agentRemoved
        case .leadsAdded: .leadsAdded
        case .callback: .callback
        case .rules: .rules
        case .simulation: .simulation
        case .dialingPaused: .dialingPaused
        }
    }

    /// The rule file put live, with its digest computed here.
    public static func rules(file: String, text: String, seed: Int, trigger: String) -> JournalInput {
        .rules(file: file, sha256: TextDigest.sha256(text), text: text, seed: seed, trigger: trigger)
    }

    /// The leads added, as numbers.
    public static func leadsAdded(numbers: [String]) -> JournalInput {
        .leadsAdded(numbers.map { JournalLead(number: $0) })
    }

    /// The leads added, as records.
    public static func leadsAdded(_ records: [LeadRecord]) -> JournalInput {
        .leadsAdded(records.map(JournalLead.init))
    }
}
