public import DialerCore

/// One agent's (or the campaign's, `total`) call figures live and under the new rules, counted
/// as `dialer report` counts them over the dials placed in the window; `modelled` and
/// `modelledLength` count the new rules' dials whose answer or failure, or whose call length,
/// the model gave.
public struct BacktestFigures: Sendable, Equatable, Codable {
    /// The agent, or `total`.
    public var agentID: String
    /// The live rules' figures (the journal replayed with its own rule files).
    public var live: AgentCallStats
    /// The new rules' figures.
    public var backtest: AgentCallStats
    /// Of the new rules' figures, the dials whose answer or failure was modelled.
    public var modelled: AgentCallStats
    /// Of the new rules' figures, the dials whose call length (answer to `call_end`) was modelled.
    public var modelledLength: AgentCallStats

    /// The figures per agent (sorted) and in total.
    static func tally(live: [Dial], backtest: [Dial], modelled: (fates: Set<Int>, lengths: Set<Int>), in window: BacktestWindow) -> (
        agents: [BacktestFigures], total: BacktestFigures
    ) {
        var rows: [String: BacktestFigures] = [:]
        var total = BacktestFigures(agentID: "total")
        func count(_ dial: Dial, _ side: WritableKeyPath<BacktestFigures, AgentCallStats>) {
            guard window.contains(dial.dialedAt) else { return }
            rows[dial.agentID, default: BacktestFigures(agentID: dial.agentID)][keyPath: side].add(dial)
            total[keyPath: side].add(dial)
        }
        for dial in live { count(dial, \.live) }
        for dial in backtest {
            count(dial, \.backtest)
            if modelled.fates.contains(dial.id) { count(dial, \.modelled) }
            if modelled.lengths.contains(dial.id) { count(dial, \.modelledLength) }
        }
        return (rows.keys.sorted().map { rows[$0]! }, total)
    }

    private init(agentID: String) {
        self.agentID = agentID
        live = AgentCallStats(agentID: agentID)
        backtest = AgentCallStats(agentID: agentID)
        modelled = AgentCallStats(agentID: agentID)
        modelledLength = AgentCallStats(agentID: agentID)
    }
}
