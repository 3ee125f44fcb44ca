/// Who picked up a dial the carrier answers, and what answering-machine detection (AMD) made of
/// it. The engine only sees telephony's report (`call_start`, or `call_fail` with `no_answer`);
/// the simulation keeps the truth, so it can count what detection cost.
public enum Pickup: String, Sendable, Equatable, Codable, CaseIterable {
    /// A person, passed to an agent.
    case person
    /// A machine that detection recognised: telephony hung up and reported `no_answer`.
    case machineDetected = "machine_detected"
    /// A machine passed to an agent (no detection, or detection missed it): the agent listens
    /// to the greeting and hangs up.
    case machinePassed = "machine_passed"
    /// A person detection took for a machine and hung up on: an abandoned call to the
    /// regulator, a `no_answer` to the engine.
    case personHungUp = "person_hung_up"
}

/// What answering machines and their detection came to over a run.
public struct MachineCounts: Sendable, Equatable, Codable {
    /// Machines recognised and hung up by detection.
    public var detected = 0
    /// Machines that reached an agent.
    public var passedToAgents = 0
    /// People detection hung up on (abandoned calls the store records as `no_answer`).
    public var peopleHungUp = 0

    /// No machines.
    public init() {}

    /// Counts one pickup.
    mutating func add(_ pickup: Pickup) {
        switch pickup {
        case .person: break
        case .machineDetected: detected += 1
        case .machinePassed: passedToAgents += 1
        case .personHungUp: peopleHungUp += 1
        }
    }
}
