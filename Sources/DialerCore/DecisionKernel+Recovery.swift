extension DecisionKernel {
    /// What recovering agents after a restart writes and does.
    public struct RecoveryPlan: Sendable {
        /// Ringing dials, recorded as cancelled.
        public var cancelled: [Dial] = []
        /// Calls to hang up: the cancelled dials, and the live calls being ended.
        public var hangUps: [Dial] = []
        /// The events the rules get: `call_fail` for each cancelled dial, `call_end` for each ended call.
        public var events: [AgentEvent] = []
    }

    /// The recovery of `agents`' open dials; nothing changes until the driver commits
    /// `cancelled` and calls `closeRinging`.
    public func recoveryPlan(endingLiveCalls: Bool, agents: [String], at now: Timestamp) -> RecoveryPlan {
        var plan = RecoveryPlan()
        for agentID in agents where drives(agentID) {
            for var dial in ringingDials(of: agentID) {
                dial.outcome = .cancelled
                dial.endedAt = now
                plan.cancelled.append(dial)
                plan.hangUps.append(dial)
                plan.events.append(AgentEvent(agentID: agentID, kind: .callFail, number: dial.number, reason: .failed))
            }
            if endingLiveCalls, let dial = liveCall(of: agentID) {
                plan.hangUps.append(dial)
                plan.events.append(AgentEvent(agentID: agentID, kind: .callEnd, number: dial.number))
            }
        }
        return plan
    }

    /// Closes the cancellations of a recovery plan; journaled like a step until the driver commits.
    public mutating func closeRinging(_ dials: [Dial]) {
        beginChange()
        for dial in dials {
            guard let i = agentIndex[dial.agentID], var slot = slots[i] else { continue }
            setOpen(dial.id, nil)
            unlookup(i, dial)
            slot.ringingCount -= 1
            setSlot(i, slot)
            facts.inFlight -= 1
            changePacing { $0.end(.ringing, startedAt: dial.dialedAt) }
            touch(i)
        }
    }
}
