public import DialerCore

/// Everything a simulated shift came to: the figures of the campaign and of each agent, the
/// warnings, the agents' side, and a time series per simulated minute. Contains no wall-clock
/// time: the same seed and rules give the same report.
public struct SimulationReport: Sendable, Equatable, Codable {
    /// The rule file (as given).
    public var rules: String
    /// Its settings.
    public var ruleSettings: [RuleSetting]
    /// The simulation's settings.
    public var settings: SimulationSettings
    /// Virtual seconds from the start until the last agent's shift ended; the run goes on after
    /// it only to let calls in progress end (the charts stop here).
    public var shiftEndedAt: Timestamp
    /// Virtual seconds from the start until the run stopped.
    public var endedAt: Timestamp
    /// Whether the drain limit stopped the run with events still due (calls still going).
    public var stoppedAtDrainLimit: Bool
    /// Engine events handled.
    public var events: Int
    /// Events the engine refused (rule errors, store failures).
    public var refusedEvents: Int
    /// The first refusal's message.
    public var firstRefusal: String?
    /// The whole campaign (`agentID` is `total`).
    public var campaign: CallMetrics
    /// One row per agent, by id.
    public var agents: [CallMetrics]
    /// Warnings raised, by code.
    public var warnings: [WarningCount]
    /// The agents' side.
    public var desktops: DesktopCounts
    /// One sample per simulated minute.
    public var minutes: [MinuteSample]
    /// Answering machines and their detection (all zero without machines).
    public var machines = MachineCounts()

    /// The abandon rate a regulator counts: drops and the people answering-machine detection
    /// hung up on, over the live answers and those people. Without detection it is the
    /// campaign's abandon rate; with it, `dialer report` on the same store cannot see those
    /// people (telephony reported them as `no_answer`).
    public var abandonRateWithDetection: Double {
        let abandoned = campaign.drops + machines.peopleHungUp
        let people = campaign.answered + machines.peopleHungUp
        return people == 0 ? 0 : Double(abandoned) / Double(people)
    }
}

/// A report and the call records it was computed from.
public struct SimulationResult: Sendable {
    /// The report.
    public var report: SimulationReport
    /// Every dial of the run, in dial order.
    public var calls: [CallRecord]
}
