public import DialerCore

/// What a backtest found: the new rules' figures beside the live ones, per agent and in
/// total, how the decisions compared, the first divergences, and how the far end was modelled.
public struct BacktestReport: Sendable, Equatable, Codable {
    /// A rule file the journal put live, which the new rules replaced.
    public struct LiveRuleFile: Sendable, Equatable, Codable {
        /// Its path, as the live run read it.
        public var file: String
        /// The SHA-256 (hex) of its text.
        public var sha256: String
        /// Why it went live: `start`, or a reload's trigger.
        public var trigger: String
        /// When.
        public var time: Timestamp
    }

    /// The new rule file.
    public var rules: String
    /// The SHA-256 (hex) of its text.
    public var rulesSHA256: String
    /// The rule files the journal put live, in order; the new rules stood in for each.
    public var liveRules: [LiveRuleFile]
    /// The times counted.
    public var window: BacktestWindow
    /// Journal entries replayed, and the engine times of the first and last.
    public var journalEntries: Int
    /// The first entry's time.
    public var journalStart: Timestamp
    /// The last entry's time.
    public var journalEnd: Timestamp
    /// The model of the far end where the journal cannot say.
    public var farEnd: BacktestFarEnd
    /// Per agent, sorted by id.
    public var agents: [BacktestFigures]
    /// The campaign.
    public var total: BacktestFigures
    /// The decisions compared.
    public var comparison: BacktestComparison
    /// Of the new rules' dials in the window, those whose answer or failure was modelled
    /// (never placed live, or let ring on after the live dialer hung up).
    public var modelledFates: Int
    /// Of the new rules' calls in the window, those whose length to `call_end` was modelled
    /// (connected under the new rules, not live).
    public var modelledCallLengths: Int
    /// What the reader should know before trusting the figures (the live replay does not
    /// reproduce the store's call records).
    public var warnings: [String]

    /// Whether the new rules made no difference: the same decisions and figures.
    public var isIdentical: Bool {
        comparison.isIdentical && modelledFates + modelledCallLengths == 0 && agents.allSatisfy { $0.live == $0.backtest }
    }
}
