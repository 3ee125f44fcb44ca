/// When a lead may be dialed again after an outcome: a cap on attempts, a delay per outcome,
/// and the lockout after a dropped call (the UK rule: no automated redial of an abandoned
/// number for 72 hours). The one place retries are decided: a store applies it to each dial's
/// lead in the dial's commit (`change(after:)`, `StoredLead.apply`); PostgreSQL's commit
/// function repeats only the cap on attempts, which must read the attempts in the same
/// statement (`PostgresSchema.commitFunctionV3`). A callback is not a retry: it is set by hand
/// (`AgentStore.scheduleCallback`).
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts after which a lead is done whatever happened (default 3).
    public var maxAttempts: Int
    /// Seconds before a failed number is tried again (default 1800, VICIdial's default).
    public var failedDelay: Double
    /// Seconds before a busy number is tried again (default 600).
    public var busyDelay: Double
    /// Seconds before an unanswered number is tried again (default 1800).
    public var noAnswerDelay: Double
    /// Seconds a dropped (abandoned) number is locked out (default 72 h, Ofcom).
    public var droppedLockout: Double
    /// Seconds before a number whose dial was never placed is tried again (default 60): not an
    /// attempt, but not at once either, so a telephony that is down is not asked again and
    /// again for the same number.
    public var notPlacedDelay: Double

    /// The defaults.
    public init(
        maxAttempts: Int = 3, failedDelay: Double = 1800, busyDelay: Double = 600, noAnswerDelay: Double = 1800, droppedLockout: Double = 72 * 3600,
        notPlacedDelay: Double = 60
    ) {
        self.maxAttempts = maxAttempts
        self.failedDelay = failedDelay
        self.busyDelay = busyDelay
        self.noAnswerDelay = noAnswerDelay
        self.droppedLockout = droppedLockout
        self.notPlacedDelay = notPlacedDelay
    }

    /// Seconds a lead waits after a dial ended with `outcome` before it may be dialed again;
    /// nil when the outcome finishes the lead (it reached someone).
    public func delay(after outcome: DialOutcome) -> Double? {
        switch outcome {
        case .completed, .connected: nil
        case .cancelled: 0
        case .dropped: droppedLockout
        case .failed: failedDelay
        case .busy: busyDelay
        case .noAnswer: noAnswerDelay
        case .notPlaced: notPlacedDelay
        }
    }
}
