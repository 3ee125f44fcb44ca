public import DialerCore
import DialerLua

/// `dialer backtest`: replays a journal's inputs through a fresh engine with other rules and
/// reports what would have differed from what happened.
///
/// Two replays from the journal's start. The first, with the rule files the journal put live,
/// is what happened: every live dial with its far end (`LiveDialHistory`). The second puts the
/// new rules in place of every journaled rule file and plays the journal's agent side
/// (agents, logins, keep-alives, `dialing`, leads, callbacks, pauses) at its times, but not
/// the far end of the live dials: each dial the new rules place gets the far end of the live
/// dial it matches (the k-th dial of the same number), as long after it as live; what the
/// journal cannot say comes from the model (`BacktestFarEnd`), and those dials are counted as
/// modelled. The live rules in place of themselves decide exactly as live: no difference.
public struct Backtest: Sendable {
    /// The new rule file's path (as reported) and text.
    public var rules: (file: String, text: String)
    /// The times counted.
    public var window: BacktestWindow
    /// How many divergences the report lists.
    public var divergenceLimit: Int

    /// A backtest of the rule file `file` (whose text is `text`).
    public init(rules file: String, text: String, window: BacktestWindow = BacktestWindow(), divergences: Int = 5) {
        rules = (file, text)
        self.window = window
        divergenceLimit = divergences
    }

    /// Backtests the store's whole journal.
    public func run(store: any AgentStore) throws(JournalReplayError) -> BacktestReport {
        let entries: [JournalEntry]
        do {
            entries = try store.journalEntries()
        } catch {
            throw .store(sequence: 0, "cannot read the journal of \(store.location): \(error)")
        }
        guard !entries.isEmpty else { throw .empty(store: store.location) }
        return try run(entries, recorded: try? store.loadDials())
    }

    /// Backtests a journal from a run's start; `recorded`, the call records of the run the
    /// journal is of, are checked against the live replay's.
    public func run(_ entries: [JournalEntry], recorded: [Dial]? = nil) throws(JournalReplayError) -> BacktestReport {
        _ = try load(JournalReplay.RuleFile(file: rules.file, text: rules.text, sha256: "", seed: 1))  // a broken file fails first
        let (history, live) = try LiveDialHistory.replay(entries)
        let model = BacktestFarEnd(simulation: live.replay.simulation)
        let replay = BacktestReplay(live: history, model: model, loadRules: load)
        try replay.run(entries)
        let dials = try replay.pass.dials()
        let liveDials = try live.dials()
        let (agents, total) = BacktestFigures.tally(
            live: liveDials, backtest: dials, modelled: (replay.modelledFates, replay.modelledLengths), in: window)
        let counted = dials.filter { window.contains($0.dialedAt) }.map(\.id)
        return BacktestReport(
            rules: rules.file, rulesSHA256: TextDigest.sha256(rules.text), liveRules: Self.liveRules(entries), window: window,
            journalEntries: entries.count, journalStart: entries.first?.time ?? 0, journalEnd: entries.last?.time ?? 0, farEnd: model,
            agents: agents, total: total,
            comparison: .compare(live: live.decisions, backtest: replay.pass.decisions, in: window, limit: divergenceLimit),
            modelledFates: counted.filter(replay.modelledFates.contains).count,
            modelledCallLengths: counted.filter(replay.modelledLengths.contains).count,
            warnings: recorded.flatMap { Self.unfaithful(replayed: liveDials, recorded: $0) }.map { [$0] } ?? [])
    }

    /// Why the live column is not the store's, when the journal replayed with its own rules
    /// does not reproduce the call records.
    private static func unfaithful(replayed: [Dial], recorded: [Dial]) -> String? {
        let (replayedReport, recordedReport) = (CallReport(dials: replayed), CallReport(dials: recorded))
        guard replayedReport != recordedReport else { return nil }
        let (replayedTotal, recordedTotal) = (replayedReport.total, recordedReport.total)
        return "the journal replayed with its own rules does not reproduce the store's call records "
            + "(\(replayedTotal.dials) dials, \(replayedTotal.connects) connects replayed; \(recordedTotal.dials), \(recordedTotal.connects) in the store): "
            + "the live column is the replay's; a soak with --group above 1 is not replayed faithfully"
    }

    /// The new rules in place of a journaled file, seeded as it was.
    private func load(_ file: JournalReplay.RuleFile) throws(JournalReplayError) -> LuaRuleSet {
        do {
            return try LuaRuleSet(source: rules.text, name: rules.file, seed: file.seed)
        } catch {
            throw .rules(file: rules.file, error.description)
        }
    }

    private static func liveRules(_ entries: [JournalEntry]) -> [BacktestReport.LiveRuleFile] {
        entries.compactMap { entry in
            guard case .rules(let file, let sha256, _, _, let trigger) = entry.input else { return nil }
            return BacktestReport.LiveRuleFile(file: file, sha256: sha256, trigger: trigger, time: entry.time)
        }
    }
}
