/// What one dial came to, for the accounting: every dial is exactly one of these.
public enum CallCategory: String, Sendable, Codable, CaseIterable {
    /// Answered and connected to the agent (talking, or ended after talking).
    case connect
    /// Answered with no agent free, and hung up by the dialer: an abandoned call.
    case drop
    /// The number or the network failed.
    case failed
    /// The line was busy.
    case busy
    /// Rang out without an answer.
    case noAnswer = "no_answer"
    /// Hung up by the dialer before anyone answered.
    case cancelled
    /// Still ringing when the simulation ended.
    case inFlight = "in_flight"
}
