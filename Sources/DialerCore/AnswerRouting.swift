/// Who takes a call that a lead answered: a rule file's `ANSWER_ROUTING` setting.
public enum AnswerRouting: String, Sendable, CaseIterable {
    /// The agent the dial was placed for, always (seed 000: each agent has its own dialer).
    /// If that agent is busy when the lead answers, the agent's rules decide (usually a drop).
    case dialingAgent = "dialing_agent"
    /// The agent the dial was placed for when that agent is `ready`; otherwise the `ready`
    /// agent who has waited longest takes it, and only when nobody is ready do the dialing
    /// agent's rules decide. This is how predictive dialers share lines across a campaign: a
    /// second answer for a busy agent becomes a call for a free one instead of a drop.
    case anyReadyAgent = "any_ready_agent"
}
