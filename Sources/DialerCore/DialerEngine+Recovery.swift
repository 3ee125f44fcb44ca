extension DialerEngine {
    /// What becomes of the calls a previous run left open in the store.
    public enum RecoveryPolicy: String, Sendable, CaseIterable {
        /// Ringing dials are cancelled (their leads become dialable again) and connected calls
        /// are ended, each reported to the rules as `call_fail` / `call_end`: after a crash no
        /// agent waits for an event that will never come. For telephony that did not survive
        /// the restart (simulations, replays).
        case endCalls = "end-calls"
        /// Ringing dials are cancelled as above; connected calls stay up and end when telephony
        /// reports `call_end` (a PBX that kept the calls and re-sends their events).
        case keepConnectedCalls = "keep-connected"
    }

    /// Resolves the dials a previous run left open (seed 3.1: "the app may restart from an
    /// abnormal exit"). Ringing dials are hung up and recorded as `cancelled`, then the agent
    /// gets a `call_fail` so its rules can dial again; connected calls are handled by `policy`.
    /// The cancellations and what the rules do about them commit together: a crash in between
    /// cannot leave an agent waiting for dials that were cancelled. `agents` limits recovery to
    /// those agents (e.g. just adopted from a dead node). Returns the errors of events the
    /// rules refused, or of the recovery's commit.
    @discardableResult
    public func recover(policy: RecoveryPolicy = .endCalls, agents: [String]? = nil) throws(EngineError) -> [EngineError] {
        let plan = kernel.recoveryPlan(endingLiveCalls: policy == .endCalls, agents: agents ?? agentIDs, at: clock.now)
        recordRecovery(plan)
        return drain()
    }
}
