import DialerCore
import DialerLua

/// One replay of a backtest (the live rules' or the new rules'): a `JournalReplay` on
/// `BacktestTelephony`, with every decision the engine takes noted by its input.
final class ReplayPass {
    let replay: JournalReplay
    let telephony: BacktestTelephony
    private(set) var decisions: [BacktestDecision] = []

    init(loadRules: @escaping JournalReplay.RuleLoader) {
        let telephony = BacktestTelephony()
        self.telephony = telephony
        replay = JournalReplay(telephony: telephony, loadRules: loadRules)
        replay.onStep = { [unowned self] step in
            decisions[decisions.count - 1].steps.append(BacktestDecision.Step(step))
        }
    }

    /// The engine time at which `entry` is applied: its own, or the replay's clock if a wall
    /// clock stepped back.
    func time(of entry: JournalEntry) -> Timestamp { max(replay.clock.now, entry.time) }

    /// Applies the entry, noting its decision; returns the dials it placed.
    func apply(_ entry: JournalEntry) throws(JournalReplayError) -> [Dial] {
        let time = time(of: entry)
        telephony.now = time
        decisions.append(BacktestDecision(input: BacktestDecision.Input(entry, at: time), steps: []))
        try replay.apply(entry)
        return telephony.takeNewDials()
    }

    /// Whether the dial's answer is some agent's call now.
    func isConnected(_ dialID: Int) -> Bool {
        guard let line = telephony.line(dialID), line.hungUpAt == nil else { return false }
        return replay.engine?.liveCall(of: line.agentID)?.id == dialID
    }

    /// The call records of the replay.
    func dials() throws(JournalReplayError) -> [Dial] {
        do {
            return try replay.store.loadDials()
        } catch {
            throw .store(sequence: 0, "\(error)")
        }
    }
}
