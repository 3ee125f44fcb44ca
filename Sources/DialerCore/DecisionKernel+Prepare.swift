extension DecisionKernel {
    /// An event the rules must decide: what they read, and who the kernel applies it to.
    public struct Decision: Sendable {
        /// What the rules read: the agent, the event, its ringing dials (a routed answer's dial
        /// moves with it), the campaign and the lead's facts.
        public let input: RuleInput
        /// The agent the event is applied to (for a routed answer, the taker).
        let agent: Int
        /// For an answer routed to another agent: the agent the dial was placed for.
        let routedFrom: Int?

        /// The event as the rules see it (a routed answer is the taker's `call_start`).
        public var event: AgentEvent { input.event }
    }

    /// What to do with a reported event before asking the rules.
    public enum Preparation: Sendable {
        /// Refused; nothing changed.
        case refused(EngineError)
        /// Settled without the rules (a repeated `call_start` for the agent's own call).
        indirect case settled(Step)
        /// The rules decide it.
        case decide(Decision)
    }

    /// Checks a reported event and finds who takes it; nothing but the clock's reading changes.
    /// `lead` is what the lead source knows of the event's number, for the rules to read.
    public mutating func prepare(_ reported: AgentEvent, lead: LeadFacts? = nil, routing: AnswerRouting, at now: Timestamp) -> Preparation {
        guard let reporterIndex = index(of: reported.agentID), let reporter = slots[reporterIndex] else {
            return .refused(.unknownAgent(reported.agentID))
        }
        if reported.kind == .callStart, reported.number == nil {
            return .refused(.missingField(event: .callStart, agentID: reported.agentID, field: "number"))
        }
        facts.now = now
        if reported.kind == .callStart, let live = reporter.live, open[live]?.number == reported.number {
            // Telephony said again that the agent's own call started (a retried webhook): the
            // rules must not take it for a second lead and hang up the agent's call.
            return .settled(duplicateAnswer(reported, reporter.state, now))
        }
        var agent = reporterIndex
        var event = reported
        var routedFrom: Int?
        if routing == .anyReadyAgent, let taker = answerTaker(for: reported, reporterIndex, reporter) {
            agent = taker
            routedFrom = reporterIndex
            event = AgentEvent(agentID: slots[taker]!.state.agentID, kind: .callStart, number: reported.number)
        }
        let slot = slots[agent]!
        let inFlight = slot.ringingCount + (routedFrom == nil ? 0 : 1)
        var input = RuleInput(agent: slot.state, event: event, inFlight: inFlight, campaign: facts, lead: lead)
        input.secondsInStatus = max(now - slot.statusSince, 0)
        return .decide(Decision(input: input, agent: agent, routedFrom: routedFrom))
    }

    /// Why the engine cannot carry out a reaction, or nil when it can.
    public static func invalidity(of reaction: Reaction, maxDials: Int) -> String? {
        if let cdc = reaction.change.cdc, cdc < 0 { return "cdc must not be negative, got \(cdc)" }
        for case .dial(let count) in reaction.effects where count < 0 || count > maxDials {
            return "dial count must be between 0 and \(maxDials), got \(count)"
        }
        return nil
    }

    /// The agent who takes an answer reported for the reporter's ringing dial under
    /// `any_ready_agent` routing, when the reporter is not ready: the ready agent who waited longest.
    private mutating func answerTaker(for event: AgentEvent, _ reporterIndex: Int, _ reporter: Slot) -> Int? {
        guard event.kind == .callStart, reporter.state.status != .ready, facts.count(.ready) > 0, let number = event.number,
            ringingDial(at: reporterIndex, number) != nil
        else { return nil }
        return longestWaitingReady()
    }

    private func duplicateAnswer(_ event: AgentEvent, _ state: AgentState, _ now: Timestamp) -> Step {
        var step = Step(event: event, time: now, agent: state)
        step.warnings.append(
            DialerWarning(
                code: "duplicate_call_start", agentID: event.agentID, status: state.status, event: event.kind, time: now,
                message: "call_start for \(event.number ?? "?"), the call the agent is already on; ignored"))
        return step
    }
}
