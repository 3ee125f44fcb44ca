public import DialerCore

/// The seed 000 reaction matrix written in plain Swift, read the same way as
/// `rules/default.lua`. Kept with the tests as the reference for the differential test and as
/// the native baseline of the benchmark; it is not a second engine.
public final class SeedMatrixRules: RuleSet {
    /// `DIAL_RATIO`.
    public var dialRatio: Int
    /// `KEEP_ALIVE_INTERVAL`, seconds.
    public var keepAliveInterval: Double
    /// `ANSWER_ROUTING` (not in the seed; the seed's reading by default).
    public var answerRouting = AnswerRouting.dialingAgent

    /// Makes the reference with the default settings of `rules/default.lua`.
    public init(dialRatio: Int = 2, keepAliveInterval: Double = 60) {
        self.dialRatio = dialRatio
        self.keepAliveInterval = keepAliveInterval
    }

    /// Where the rules come from.
    public var origin: String { "SeedMatrixRules (native reference)" }

    /// The seed matrix, cell for cell.
    public func react(to input: RuleInput) throws(RuleError) -> Reaction {
        let agent = input.agent
        let now = input.campaign.now
        var r = Reaction()
        switch (agent.status, input.event.kind) {
        case (.off, .login), (.inactive, .login):
            r.change = StateChange(status: .ready, cdc: 0, timestamp: now)
            r.effects = [.launchDialing]
        case (.off, .dialing):
            r.effects = [.warn(code: "dialing_while_off", message: nil)]
        case (.inCall, .dialing):
            r.effects = [.warn(code: "dialing_while_in_call", message: nil)]
        case (.off, .callStart), (.inCall, .callStart), (.inactive, .callStart):
            r.effects = [.warn(code: "call_start_while_\(agent.status.rawValue)", message: nil), .endCall(input.event.number ?? "")]
        case (.ready, .dialing):
            let count = max(dialRatio - agent.cdc, 0)
            if count > 0 { r.effects = [.dial(count)] }
            r.change = StateChange(cdc: dialRatio)
        case (.ready, .callFail):
            r.change = StateChange(cdc: max(agent.cdc - 1, 0))
            r.effects = [.launchDialing]
        case (.ready, .callStart):
            r.change = StateChange(status: .inCall, latestLeadPhoneNumber: input.event.number, timestamp: now)
        case (.inCall, .callEnd):
            r.change = StateChange(status: .ready, cdc: 0, timestamp: now)
            r.effects = [.launchDialing]
        case (.ready, .logout), (.inCall, .logout), (.inactive, .logout), (.inactive, .keepAlive):
            r.change = StateChange(status: .off, timestamp: now)
        case (.inCall, .keepAlive):
            if let stamp = agent.timestamp, now - stamp > keepAliveInterval {
                r.change = StateChange(status: .inactive)
            } else {
                r.change = StateChange(timestamp: now)
            }
        default:
            break  // ignore
        }
        return r
    }
}
