/// Call figures of one agent, or of the whole campaign (`agentID` is `total`): seed 003's
/// `# Calls` and average call time, the dials by what they came to, the abandon rate, the
/// agent's utilisation, its wait between calls and its calls per hour.
///
/// - Abandon rate = drops ÷ live answers (answers = connects + drops), over every dial of the
///   run: the FTC/FCC measure for a campaign shorter than 30 days. Answering machines, no
///   answers, busy and failed dials are not answers.
/// - Utilisation = seconds talking while logged in ÷ seconds logged in (any status but `off`);
///   wrap-up is not talking. Always in [0, 1].
/// - Wait = seconds from becoming free (login, or the end of wrap-up) to the next connected
///   call, averaged over the waits that ended in a call.
public struct CallMetrics: Sendable, Equatable, Codable {
    /// The agent, or `total`.
    public let agentID: String
    /// Dials placed.
    public let dials: Int
    /// Dials a person answered (connects + drops).
    public let answered: Int
    /// Answers connected to the agent.
    public let connects: Int
    /// Connected calls whose talking has stopped (seed 003's `# Calls`).
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
    /// Seconds talked over `calls`.
    public let talkSeconds: Double
    /// Seconds logged in.
    public let loggedInSeconds: Double
    /// Seconds talking while logged in.
    public let talkWhileLoggedInSeconds: Double
    /// Waits measured.
    public let waits: Int
    /// Seconds waited over them.
    public let waitSeconds: Double
    /// Failed + busy: the dials the issue calls fails.
    public let fails: Int
    /// Seed 003's average call time: talk seconds ÷ calls (0 without calls).
    public let averageCallSeconds: Double
    /// Drops ÷ answered (0 before any answer).
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
        var counts = [CallCategory: Int]()
        var dials = 0
        var calls = 0
        var talk = 0.0
        for record in records {
            dials += 1
            counts[record.category, default: 0] += 1
            if record.category == .connect, record.talkEndedAt != nil {
                calls += 1
                talk += record.talkSeconds
            }
        }
        self.agentID = agentID
        self.dials = dials
        connects = counts[.connect] ?? 0
        drops = counts[.drop] ?? 0
        answered = connects + drops
        self.calls = calls
        failed = counts[.failed] ?? 0
        busy = counts[.busy] ?? 0
        noAnswers = counts[.noAnswer] ?? 0
        cancelled = counts[.cancelled] ?? 0
        inFlight = counts[.inFlight] ?? 0
        talkSeconds = talk
        loggedInSeconds = accounts.reduce(0) { $0 + $1.loggedInSeconds }
        talkWhileLoggedInSeconds = accounts.reduce(0) { $0 + $1.talkSeconds }
        waits = accounts.reduce(0) { $0 + $1.waits }
        waitSeconds = accounts.reduce(0) { $0 + $1.waitSeconds }
        fails = failed + busy
        averageCallSeconds = calls == 0 ? 0 : talk / Double(calls)
        abandonRate = answered == 0 ? 0 : Double(drops) / Double(answered)
        utilisation = loggedInSeconds == 0 ? 0 : talkWhileLoggedInSeconds / loggedInSeconds
        averageWaitSeconds = waits == 0 ? 0 : waitSeconds / Double(waits)
        callsPerAgentHour = loggedInSeconds == 0 ? 0 : Double(connects) / (loggedInSeconds / 3600)
    }
}
