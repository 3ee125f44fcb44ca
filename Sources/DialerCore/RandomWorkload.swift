/// A small seeded generator (SplitMix64): the same seed gives the same numbers on every platform.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Makes a generator from a seed.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (`bound` > 0), the remainder of the next draw: a seed gives the
    /// same numbers everywhere, which `Int.random(in:using:)` does not promise.
    public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

/// A seeded stream of plausible agent and call events for a running engine: agents log in,
/// leads answer or fail, calls end, keep-alives arrive, now and then an agent logs out or a
/// second lead answers during a call. Used by `dialer soak`, the benchmarks and the tests.
///
/// Events may be submitted in groups and handled later (`dialer soak --group`), so the
/// engine's state lags behind what was already sent: the workload remembers the dials it
/// answered or failed, and never reports on one of them again, as telephony would not.
public struct RandomWorkload: Sendable {
    private var random: SeededRandom
    /// The agents the events are for.
    public let agentIDs: [String]
    /// By agent, the ringing dials already answered or failed in events the engine may not have handled yet.
    private var reported: [String: Set<Int>] = [:]

    /// Makes a workload over `agentIDs`.
    public init(agentIDs: [String], seed: UInt64) {
        self.agentIDs = agentIDs
        random = SeededRandom(seed: seed)
    }

    /// The next event, chosen from what the engine's agent is doing now.
    public mutating func nextEvent(for engine: DialerEngine) -> AgentEvent {
        let id = agentIDs[Int.random(in: 0..<agentIDs.count, using: &random)]
        let roll = Int.random(in: 0..<100, using: &random)
        guard let state = engine.state(of: id) else { return AgentEvent(agentID: id, kind: .login) }
        let stillRinging = engine.ringingDials(of: id)
        // Forget the dials the engine has settled; skip those reported on and not yet handled.
        let pending = reported[id, default: []].intersection(stillRinging.map(\.id))
        reported[id] = pending.isEmpty ? nil : pending
        let ringing = stillRinging.filter { !pending.contains($0.id) }
        func pickRinging() -> String {
            let dial = ringing[Int.random(in: 0..<ringing.count, using: &random)]
            reported[id, default: []].insert(dial.id)
            return dial.number
        }
        switch state.status {
        case .off:
            return AgentEvent(agentID: id, kind: roll < 90 ? .login : .keepAlive)
        case .inactive:
            return AgentEvent(agentID: id, kind: roll < 80 ? .login : .keepAlive)
        case .ready:
            if roll < 3 { return AgentEvent(agentID: id, kind: .logout) }
            if ringing.isEmpty { return AgentEvent(agentID: id, kind: roll < 50 ? .dialing : .keepAlive) }
            if roll < 55 { return AgentEvent(agentID: id, kind: .callStart, number: pickRinging()) }
            let reasons: [FailReason] = [.failed, .busy, .noAnswer]
            return AgentEvent(agentID: id, kind: .callFail, number: pickRinging(), reason: reasons[roll % 3])
        case .inCall:
            if roll < 2 { return AgentEvent(agentID: id, kind: .logout) }
            if roll < 10, !ringing.isEmpty { return AgentEvent(agentID: id, kind: .callStart, number: pickRinging()) }
            if roll < 20, !ringing.isEmpty { return AgentEvent(agentID: id, kind: .callFail, number: pickRinging()) }
            if roll < 70 { return AgentEvent(agentID: id, kind: .callEnd) }
            return AgentEvent(agentID: id, kind: .keepAlive)
        }
    }
}
