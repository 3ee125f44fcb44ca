import DialerCore

/// A run's call records, counted as the engine finishes each dial (and, at the end, the dials
/// still open): per agent, for the campaign and per minute. Nothing of a record is kept once it
/// is counted, unless the records themselves were asked for (`simulate --csv`), so a run's
/// memory does not grow with the length of its shift.
struct CallTally {
    private(set) var campaign = AgentCallStats(agentID: "total")
    private(set) var byAgent: [String: AgentCallStats] = [:]
    /// Dials, answers, fails and no answers by minute (the rest of each sample is the timeline's).
    private(set) var minutes: [MinuteSample] = []
    /// Every record counted, when kept; nil when not.
    private(set) var records: [CallRecord]?

    /// An empty tally that keeps the records it counts, or not.
    init(keepsRecords: Bool) { records = keepsRecords ? [] : nil }

    /// Counts one record.
    mutating func add(_ record: CallRecord) {
        let dial = record.dial
        campaign.add(dial)
        byAgent[record.agentID, default: AgentCallStats(agentID: record.agentID)].add(dial)
        MinuteSeries.count(record, in: &minutes)
        records?.append(record)
    }

    /// The records kept, in dial order (empty when none were kept).
    var recordsInDialOrder: [CallRecord] { (records ?? []).sorted { $0.dialID < $1.dialID } }
}
