public import DialerCore

/// A window of a journaled run, as `dialer capture` turns it into a scenario: where the chosen
/// agents and their leads stood at its start, the inputs that reached them in order, and what
/// the live engine did about each (recomputed by a `JournalReplay`, which decides what the live
/// engine decided).
public struct CapturedWindow: Sendable {
    /// An agent where the window found it.
    public struct AgentStart: Sendable {
        /// Its fields.
        public var state: AgentState
        /// When its status began.
        public var since: Timestamp
        /// Its dials ringing, oldest first.
        public var ringing: [Dial]
        /// Its connected call.
        public var call: Dial?

        /// Its ringing dials, then its call: the order `agent(id, { ringing, call })` restores them.
        public var openDials: [Dial] { ringing + (call.map { [$0] } ?? []) }
    }

    /// What the engine did to one agent in answer to an input.
    public struct AgentAfter: Sendable {
        /// The agent.
        public var agentID: String
        /// Its status and count of dials in flight after the input.
        public var state: AgentState
        /// Its dials ringing after the input, when the input changed them.
        public var ringing: [String]?
        /// Numbers the dialer hung up.
        public var ended: [String]
        /// Warning codes raised.
        public var warnings: [String]
    }

    /// One input in the window, and what the engine did about it.
    public struct Step: Sendable {
        /// The journal entry.
        public var entry: JournalEntry
        /// Numbers of a `leads_added` or `callback` entry that concern the window's agents.
        public var numbers: [String]
        /// What it did to the window's agents, in the order they were touched.
        public var after: [AgentAfter]
        /// For a `rules` entry: the rule file as the replay put it live (with the run's settings).
        public var ruleFile: JournalReplay.RuleFile?
    }

    /// Start of the window (a whole second).
    public var from: Timestamp
    /// End of the window (exclusive).
    public var to: Timestamp
    /// The rule file live at the start.
    public var ruleFile: JournalReplay.RuleFile
    /// The campaign's counts and recent pacing windows at the start.
    public var campaign: CampaignHistory
    /// The agents at the start, in the order they became what they are (`since`).
    public var agents: [AgentStart]
    /// Every agent of the window: at its start or added in it, sorted.
    public var agentIDs: [String]
    /// The agents added to the window because an answer passed between them and a chosen one.
    public var joined: [String]
    /// The leads the window's agents had in dials at its start or dialed in it, in dialing order,
    /// with their standing at its start (leads added during the window are not here).
    public var leads: [StoredLead]
    /// The inputs that reached the window's agents, in journal order.
    public var steps: [Step]
    /// The numbers the window's agents dialed in it, in order.
    public var placed: [String]
    /// The outcome of each number's latest dial at the end of the window, in the order first dialed.
    public var outcomes: [(number: String, outcome: DialOutcome?)]
    /// The journal's sequence numbers of the window's first and last input.
    public var sequences: ClosedRange<Int64>?
}
