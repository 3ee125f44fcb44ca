import DialerCore

/// The dials the live rules placed, found by replaying the journal with the rule files it put
/// live, each with its far end as the journal holds it: the `call_start`, `call_fail` and
/// `call_end` entries of its number after it was placed, as seconds after the dial.
struct LiveDialHistory {
    /// A far-end report of a live dial.
    struct Report {
        var kind: EventKind
        var reason: FailReason?
        /// When it came (engine time).
        var time: Timestamp
        /// Seconds after the dial was placed.
        var offset: Double
        /// The journal entry's sequence number.
        var sequence: Int64
        /// The live dialer had hung the line up before this report came (it still came).
        var afterHangUp: Bool
    }

    /// A live dial and its far end.
    struct LiveDial {
        var dial: Dial
        var reports: [Report] = []
        /// When the live dialer hung it up, if it did.
        var hungUpAt: Timestamp?
        /// Its answer was connected to an agent.
        var connected = false

        /// Whether the far end answered or failed it (rather than the dialer hanging up first).
        var reported: Bool { reports.contains { $0.kind != .callEnd } }
    }

    private(set) var dials: [LiveDial] = []
    private var byNumber: [String: [Int]] = [:]
    /// The journal entries that are some live dial's far end.
    private(set) var farEndSequences: Set<Int64> = []

    /// The `occurrence`-th live dial of `number` (0 for the first).
    func dial(of number: String, occurrence: Int) -> Int? {
        guard let indices = byNumber[number], occurrence < indices.count else { return nil }
        return indices[occurrence]
    }

    /// Replays the journal with its own rule files, noting every dial and its far end.
    static func replay(_ entries: [JournalEntry]) throws(JournalReplayError) -> (history: LiveDialHistory, pass: ReplayPass) {
        var history = LiveDialHistory()
        let pass = ReplayPass(loadRules: JournalReplay.journaledRules)
        for entry in entries {
            let farEnd = history.noteReport(entry, at: pass.time(of: entry), telephony: pass.telephony)
            let placed = try pass.apply(entry)
            if let farEnd, entry.isCallStart { history.dials[farEnd].connected = pass.isConnected(history.dials[farEnd].dial.id) }
            for dial in placed { history.add(dial) }
        }
        for index in history.dials.indices { history.dials[index].hungUpAt = pass.telephony.line(history.dials[index].dial.id)?.hungUpAt }
        return (history, pass)
    }

    private mutating func add(_ dial: Dial) {
        byNumber[dial.number, default: []].append(dials.count)
        dials.append(LiveDial(dial: dial))
    }

    /// Notes a call event of a number the live rules dialed as that dial's far end; returns the dial's index.
    private mutating func noteReport(_ entry: JournalEntry, at time: Timestamp, telephony: BacktestTelephony) -> Int? {
        guard case .event(_, let kind, let number?, let reason) = entry.input, [.callStart, .callFail, .callEnd].contains(kind),
            let index = byNumber[number]?.last
        else { return nil }
        let hungUp = telephony.line(dials[index].dial.id)?.hungUpAt != nil
        dials[index].reports.append(
            Report(kind: kind, reason: reason, time: time, offset: time - dials[index].dial.dialedAt, sequence: entry.sequence, afterHangUp: hungUp))
        farEndSequences.insert(entry.sequence)
        return index
    }
}

extension JournalEntry {
    /// Whether the entry is a `call_start` event.
    var isCallStart: Bool {
        if case .event(_, .callStart, _, _) = input { true } else { false }
    }
}
