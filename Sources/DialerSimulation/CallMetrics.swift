public import DialerCore

/// Call figures of one agent, or of the whole campaign (`agentID` is `total`): the call-record
/// figures `dialer report` gives for the same store (counted by `AgentCallStats`: `# Calls`,
/// average call time, the dials by how they ended, the abandon rate), plus what only the
/// simulation sees: the agent's utilisation, its wait between calls and its calls per hour.
///
/// - Utilisation = seconds talking while logged in ÷ seconds logged in (any status but `off`);
///   wrap-up is not talking. Always in [0, 1].
/// - Wait = seconds from becoming free (login, or the end of wrap-up) to the next connected
///   call, averaged over the waits that ended in a call.
public struct CallMetrics: Sendable, Equatable, Codable {
    /// The agent, or `total`.
    public let agentID: String
    /// Dials placed.
    public let dials: Int
    /// Live answers (connects + drops).
    public let answered: Int
    /// Answers connected to the agent.
    public let connects: Int
    /// Connected calls that have ended (seed 003's `# Calls`).
    public let calls: Int
    /// Answers dropped with no agent free (abandoned).
    public let drops: Int
    /// Dials that failed (bad number, network).
    public let failed: Int
    /// Dials that were busy.
    public let busy: Int
    /// Dials that rang out.
    public let noAnswers: Int
    /// Dials the dialer hung up before an answer.
    public let cancelled: Int
    /// Dials still ringing at the end.
    public let inFlight: Int
    /// Seconds from answer to the end of the call record (after wrap-up) over `calls`.
    public let callSeconds: Double
    /// Seconds logged in.
    public let loggedInSeconds: Double
    /// Seconds talking while logged in.
    public let talkWhileLoggedInSeconds: Double
    /// Waits measured.
    public let waits: Int
    /// Seconds waited over them.
    public let waitSeconds: Double
    /// Failed + busy (no answers are counted apart).
    public let fails: Int
    /// Seed 003's average call time: call seconds ÷ calls (0 without calls).
    public let averageCallSeconds: Double
    /// Drops ÷ live answers (0 before any answer).
    public let abandonRate: Double
    /// Talking while logged in ÷ logged in (0 if never logged in).
    public let utilisation: Double
    /// Average wait between calls in seconds (0 without a measured wait).
    public let averageWaitSeconds: Double
    /// Connects per logged-in hour (0 if never logged in).
    public let callsPerAgentHour: Double

    /// Figures from the dials of `records` and the agent's (or all agents') time account.
    public init(agentID: String, records: some Sequence<CallRecord>, time: AgentTimeAccount) {
        self.init(agentID: agentID, records: records, accounts: [time])
    }

    /// Figures from the dials of `records` and the sum of several time accounts.
    public init(agentID: String, records: some Sequence<CallRecord>, accounts: [AgentTimeAccount]) {
        var stats = AgentCallStats(agentID: agentID)
        for record in records { stats.add(record.dial) }
        self.init(agentID: agentID, stats: stats, accounts: accounts)
    }

    /// Figures from call records already counted and the sum of several time accounts.
    public init(agentID: String, stats: AgentCallStats, accounts: [AgentTimeAccount]) {
        self.agentID = agentID
        dials = stats.dials
        answered = stats.answered
        connects = stats.connects
        calls = stats.calls
        drops = stats.drops
        failed = stats.failed
        busy = stats.busy
        noAnswers = stats.noAnswers
        cancelled = stats.cancelled
        inFlight = stats.ringing
        callSeconds = stats.callSeconds
        fails = stats.fails
        averageCallSeconds = stats.averageCallSeconds
        abandonRate = stats.abandonRate
        loggedInSeconds = accounts.reduce(0) { $0 + $1.loggedInSeconds }
        talkWhileLoggedInSeconds = accounts.reduce(0) { $0 + $1.talkSeconds }
        waits = accounts.reduce(0) { $0 + $1.waits }
        waitSeconds = accounts.reduce(0) { $0 + $1.waitSeconds }
        utilisation = loggedInSeconds == 0 ? 0 : talkWhileLoggedInSeconds / loggedInSeconds
        averageWaitSeconds = waits == 0 ? 0 : waitSeconds / Double(waits)
        callsPerAgentHour = loggedInSeconds == 0 ? 0 : Double(connects) / (loggedInSeconds / 3600)
    }
}
