import DialerCore
import DialerLua

/// The new rules' replay: the journal's agent side at its times, and each dial's far end
/// played from its live counterpart (the k-th live dial of the same number) or, where the
/// journal cannot say, from the model (`BacktestFarEnd`).
final class BacktestReplay {
    let pass: ReplayPass
    private let live: LiveDialHistory
    private let model: BacktestFarEnd
    private var agenda = FarEndAgenda()
    private var occurrences: [String: Int] = [:]
    private var liveIndex: [Int: Int] = [:]  // a dial of the replay → its live counterpart
    /// The replay's dials whose answer or failure came from the model.
    private(set) var modelledFates: Set<Int> = []
    /// The replay's calls whose length (answer to `call_end`) came from the model.
    private(set) var modelledLengths: Set<Int> = []

    init(live: LiveDialHistory, model: BacktestFarEnd, loadRules: @escaping JournalReplay.RuleLoader) {
        self.live = live
        self.model = model
        pass = ReplayPass(loadRules: loadRules)
    }

    /// Plays the journal's entries but the live dials' far ends, and the far ends of the
    /// replay's own dials between them.
    func run(_ entries: [JournalEntry]) throws(JournalReplayError) {
        for entry in entries where !live.farEndSequences.contains(entry.sequence) {
            try playFarEnd(before: FarEndAgenda.Key(time: pass.time(of: entry), sequence: entry.sequence))
            schedule(try pass.apply(entry))
        }
        try playFarEnd(before: nil)
    }

    private func playFarEnd(before key: FarEndAgenda.Key?) throws(JournalReplayError) {
        while let event = agenda.next(before: key) { try play(event) }
    }

    private func play(_ event: FarEndAgenda.Event) throws(JournalReplayError) {
        guard let line = pass.telephony.line(event.dialID), line.hungUpAt == nil || event.afterHangUp else { return }
        if event.modelled, event.kind == .callEnd { modelledLengths.insert(event.dialID) }
        if event.modelled, event.kind != .callEnd { modelledFates.insert(event.dialID) }
        let agentID = event.kind == .callEnd ? line.agentID : line.dial.agentID
        let input = JournalInput.event(agentID: agentID, kind: event.kind, number: line.dial.number, reason: event.reason)
        schedule(try pass.apply(JournalEntry(sequence: event.key.sequence, time: event.key.time, input: input)))
        if event.kind == .callStart { modelCallEnd(of: line, at: pass.replay.clock.now) }
    }

    /// A call the new rules connected whose live counterpart was not connected lasts as the model says.
    private func modelCallEnd(of line: BacktestTelephony.Line, at now: Timestamp) {
        let id = line.dial.id
        let connectedLive = liveIndex[id].map { live.dials[$0].connected } ?? false
        guard pass.isConnected(id), !connectedLive, let agentID = pass.telephony.line(id)?.agentID else { return }
        let length = model.callLength(number: line.dial.number, dialID: id, agentID: agentID, at: line.dial.dialedAt)
        agenda.add(FarEndAgenda.Event(key: FarEndAgenda.Key(time: now + length, sequence: .max), dialID: id, kind: .callEnd, modelled: true))
    }

    private func schedule(_ dials: [Dial]) {
        for dial in dials {
            let occurrence = occurrences[dial.number, default: 0]
            occurrences[dial.number] = occurrence + 1
            if let index = live.dial(of: dial.number, occurrence: occurrence) {
                liveIndex[dial.id] = index
                scheduleLive(live.dials[index], for: dial)
            } else {
                scheduleModelled(dial, after: 0)
            }
        }
    }

    /// The live dial's reports, as long after this dial as after the live one; the rest of a
    /// live dial the live dialer hung up before any report is modelled.
    private func scheduleLive(_ counterpart: LiveDialHistory.LiveDial, for dial: Dial) {
        let sameTime = dial.dialedAt == counterpart.dial.dialedAt
        for report in counterpart.reports {
            // At the live dial's time, the live report's own time: a sum could differ from it in the last bit.
            let key =
                sameTime
                ? FarEndAgenda.Key(time: report.time, sequence: report.sequence)
                : FarEndAgenda.Key(time: dial.dialedAt + report.offset, sequence: .max)
            agenda.add(
                FarEndAgenda.Event(key: key, dialID: dial.id, kind: report.kind, reason: report.reason, afterHangUp: report.afterHangUp))
        }
        if let hungUpAt = counterpart.hungUpAt, !counterpart.reported {
            scheduleModelled(dial, after: hungUpAt - counterpart.dial.dialedAt)
        }
    }

    /// The model's fate of the dial, reported no sooner than `earliest` seconds after it.
    private func scheduleModelled(_ dial: Dial, after earliest: Double) {
        let fate = model.fate(of: dial.number, at: dial.dialedAt)
        let key = FarEndAgenda.Key(time: dial.dialedAt + max(fate.ringSeconds, earliest), sequence: .max)
        switch fate {
        case .answers: agenda.add(FarEndAgenda.Event(key: key, dialID: dial.id, kind: .callStart, modelled: true))
        case .fails(_, let reason): agenda.add(FarEndAgenda.Event(key: key, dialID: dial.id, kind: .callFail, reason: reason, modelled: true))
        }
    }
}
