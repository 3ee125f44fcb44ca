extension DecisionKernel {
    /// One event being applied: the agent's working slot and the step so far.
    struct Work {
        let agent: Int
        let now: Timestamp
        var slot: Slot
        var effects: [Effect]
        var step: Step
        /// The dial this `call_start` answered.
        var answered: Int?

        var agentID: String { step.event.agentID }
        var number: String? { step.event.number }

        func warning(_ code: String, _ message: String?) -> DialerWarning {
            DialerWarning(code: code, agentID: agentID, status: step.before.status, event: step.event.kind, time: now, message: message)
        }
    }

    /// Applies the rules' reaction to a prepared event with the leads reserved for it, and
    /// returns what to commit and carry out. The reaction passed `invalidity`, and the driver
    /// supplied `dialIDsNeeded` ids; nothing here can fail.
    public mutating func apply(_ decision: Decision, _ reaction: Reaction, leads: LeadGrant, at now: Timestamp) -> Step {
        beginChange()
        // The taker's slot is read after the hand-over: its ringing count includes the dial.
        if let giver = decision.routedFrom { hand(decision.event.number!, from: giver, to: decision.agent) }
        let slot = slots[decision.agent]!
        var work = Work(
            agent: decision.agent, now: now, slot: slot, effects: reaction.effects, step: Step(event: decision.event, time: now, agent: slot.state))
        work.step.after = slot.state.applying(reaction.change)
        switch decision.event.kind {
        case .callStart: answer(&work)
        case .callFail: fail(&work)
        case .callEnd: end(&work)
        default: break
        }
        var batch = 0
        for effect in work.effects {
            switch effect {
            case .dial:
                place(leads.batch(batch), &work)
                batch += 1
            case .endCall(let number): hangUp(number, &work)
            case .warn(let code, let message): work.step.warnings.append(work.warning(code, message))
            case .launchDialing: work.step.launches += 1
            }
        }
        finish(&work, routedFrom: decision.routedFrom)
        return work.step
    }

    // MARK: The call life cycle the event reports

    private mutating func answer(_ work: inout Work) {
        let number = work.number!
        var dial: Dial
        if let ringing = ringingDial(at: work.agent, number) {
            stopRinging(ringing, &work)
            dial = ringing
            changePacing { $0.measureAnswer(after: max(work.now - ringing.dialedAt, 0)) }
        } else {
            // An answer the engine did not see ringing (placed by someone else, or reported
            // after its failure): tracked from now on, so that the call can end.
            dial = Dial(id: dialIDs.take(), agentID: work.agentID, number: number, dialedAt: work.now)
        }
        facts.answered += 1
        dial.answeredAt = work.now
        work.answered = dial.id
        let endedByRules = work.effects.contains { if case .endCall(let n) = $0 { n == number } else { false } }
        if !endedByRules {
            if work.step.after.status == .inCall && work.step.before.status != .inCall {
                dial.outcome = .connected
                if let stale = work.slot.live, var old = open[stale] {
                    old.outcome = .completed
                    old.endedAt = work.now
                    update(old, &work)
                }
                work.slot.live = dial.id
                facts.connects += 1
            } else {
                // Someone is on the line and the rules neither connected nor ended the call:
                // hang up rather than leave a person waiting, and say so.
                work.effects.append(.endCall(number))
                work.step.warnings.append(work.warning("unhandled_answer", "the rules neither connected nor ended the call to \(number)"))
            }
        }
        update(dial, &work)
    }

    private mutating func fail(_ work: inout Work) {
        let target = work.number.map { ringingDial(at: work.agent, $0) } ?? oldestRingingDial(at: work.agent)
        guard var dial = target else { return }
        stopRinging(dial, &work)
        let reason = work.step.event.reason ?? .failed
        // A dial that never left tells nothing of the answer rate.
        if reason != .notPlaced {
            facts.fails += 1
            changePacing { $0.measureMiss(after: max(work.now - dial.dialedAt, 0)) }
        }
        dial.outcome =
            switch reason {
            case .failed: .failed
            case .busy: .busy
            case .noAnswer: .noAnswer
            case .notPlaced: .notPlaced
            }
        dial.endedAt = work.now
        update(dial, &work)
    }

    private mutating func end(_ work: inout Work) {
        guard let id = work.slot.live, var dial = open[id], work.number == nil || work.number == dial.number else { return }
        work.slot.live = nil
        dial.outcome = .completed
        dial.endedAt = work.now
        update(dial, &work)
    }

    // MARK: Effects

    /// Places a dial to each lead of the batch, and warns `no_leads` when it fell short.
    private mutating func place(_ batch: (numbers: ArraySlice<String>, shortfall: String?), _ work: inout Work) {
        for number in batch.numbers {
            let dial = Dial(id: dialIDs.take(), agentID: work.agentID, number: number, dialedAt: work.now)
            work.step.placed.append(dial)
            setOpen(dial.id, dial)
            appendRinging(work.agent, dial)
            work.slot.ringingCount += 1
            facts.inFlight += 1
            facts.dials += 1
            changePacing { $0.start(.ringing, at: work.now) }
            work.step.dials.append(dial)
        }
        if let why = batch.shortfall { work.step.warnings.append(work.warning("no_leads", why)) }
    }

    /// Hangs up the agent's call to `number`: the answer just reported, a ringing dial, or the live call.
    private mutating func hangUp(_ number: String, _ work: inout Work) {
        work.step.ended.append(number)
        var target: Dial?
        if let id = work.answered, let dial = open[id], dial.number == number, dial.outcome == nil {
            target = dial
        } else if let dial = ringingDial(at: work.agent, number) {
            target = dial
        } else if let id = work.slot.live, let dial = open[id], dial.number == number {
            target = dial
        }
        guard var dial = target else { return }
        if dial.outcome == .connected {
            dial.outcome = .completed
            if work.slot.live == dial.id { work.slot.live = nil }
        } else if dial.answeredAt != nil {
            dial.outcome = .dropped
            facts.drops += 1
        } else {
            dial.outcome = .cancelled
            stopRinging(dial, &work)
        }
        dial.endedAt = work.now
        update(dial, &work)
    }

    // MARK: Helpers

    private mutating func stopRinging(_ dial: Dial, _ work: inout Work) {
        unlookup(work.agent, dial)
        work.slot.ringingCount -= 1
        facts.inFlight -= 1
        changePacing { $0.end(.ringing, startedAt: dial.dialedAt) }
    }

    /// Records a dial's new standing; a final one is no longer open.
    private mutating func update(_ dial: Dial, _ work: inout Work) {
        setOpen(dial.id, dial.outcome?.isFinal == true ? nil : dial)
        work.step.dials.append(dial)
    }

    /// Moves the ringing dial of `number` from one agent to another.
    private mutating func hand(_ number: String, from giver: Int, to taker: Int) {
        guard var dial = ringingDial(at: giver, number), var from = slots[giver], var to = slots[taker] else { return }
        let id = dial.id
        removeRinging(giver, id)
        from.ringingCount -= 1
        setSlot(giver, from)
        dial.agentID = to.state.agentID
        setOpen(id, dial)
        appendRinging(taker, dial)
        to.ringingCount += 1
        setSlot(taker, to)
        touch(giver)
    }

    /// Keeps the pacing figures' agents in calls and call lengths, and when the status began.
    private mutating func measureStatusChange(_ work: inout Work) {
        let since = work.slot.statusSince
        if work.step.before.status == .inCall {
            changePacing { $0.end(.inCall, startedAt: since) }
            if work.step.after.status == .ready { changePacing { $0.measureCall(max(work.now - since, 0)) } }
        }
        if work.step.after.status == .inCall { changePacing { $0.start(.inCall, at: work.now) } }
        work.slot.statusSince = work.now
    }

    /// Stores the agent's new slot and finishes the step.
    private mutating func finish(_ work: inout Work, routedFrom: Int?) {
        work.slot.state = work.step.after
        if work.step.after.status != work.step.before.status {
            facts.byStatus[work.step.before.status.index] -= 1
            facts.byStatus[work.step.after.status.index] += 1
            if work.step.after.status == .ready { enqueueReady(work.agent, &work.slot) }
            measureStatusChange(&work)
        }
        setSlot(work.agent, work.slot)
        touch(work.agent)
        if let routedFrom {
            work.step.routedFrom = slots[routedFrom]!.state.agentID
            work.step.bridgedDialID = work.answered
        }
    }
}
