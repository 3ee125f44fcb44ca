import DialerCore

/// How a backtest models the far end where the journal cannot say what it did: a dial the new
/// rules placed that never happened live, the rest of a live dial the live rules hung up
/// before it was answered or failed, and the length of a call the new rules connected that the
/// live rules did not.
///
/// It is the simulation's model, seeded: the `CarrierModel` draws the dial's fate (keyed by
/// its number, as in `dialer simulate`), the lead talks for the drawn talk time (times the
/// agent's factor when agents differ) and the agent wraps up (lognormal, median
/// `wrapUpMedian`) before `call_end`. A journal of `simulate --store` brings its own carrier,
/// seed and settings; any other journal gets the defaults and seed 1.
public struct BacktestFarEnd: Sendable, Equatable, Codable {
    /// The simulation's settings the model draws with (carrier, seed, start hour, wrap-up).
    public var settings: SimulationSettings
    /// Whether the settings are the journal's own (`simulate --store`), not the defaults.
    public var fromJournal: Bool

    /// The model of a `simulate --store` journal's settings, or the defaults (seed 1).
    public init(simulation: SimulationSettings?) {
        settings = simulation ?? SimulationSettings()
        fromJournal = simulation != nil
    }

    /// The far end as the report states it.
    public var description: String {
        let source = fromJournal ? "the journal's simulation settings" : "the simulation's defaults (not a simulate journal)"
        return "the simulation's carrier, seed \(settings.seed), with \(source): "
            + SimulationTextReport.carrierLine(settings).dropFirst("carrier: ".count)
    }

    /// What the far end does with a dial of `number` placed at `time`.
    func fate(of number: String, at time: Timestamp) -> CallFate {
        let hour = (settings.startHour + time / 3600).truncatingRemainder(dividingBy: 24)
        return settings.carrier.fate(of: number, seed: settings.seed, localHour: hour)
    }

    /// Seconds from the answer of dial `dialID` to `number` until the agent `agentID` sends
    /// `call_end`: the lead's talk time, then the agent's wrap-up.
    func callLength(number: String, dialID: Int, agentID: String, at time: Timestamp) -> Double {
        talk(number: number, at: time) * talkFactor(agentID) + wrapUp(number: number, dialID: dialID)
    }

    /// The drawn talk time of an answer; a dial the carrier would not have answered talks for
    /// a time drawn from the carrier's talk distribution on a stream of its own.
    private func talk(number: String, at time: Timestamp) -> Double {
        if case .answers(_, let talk) = fate(of: number, at: time) { return talk }
        var random = SeededRandom.stream(seed: settings.seed, purpose: "backtest talk", item: number)
        return max(1, random.lognormal(median: settings.carrier.talkMedian, sigma: settings.carrier.talkSigma))
    }

    /// The agent's talk factor, drawn as the simulation draws it (1 when agents are alike).
    private func talkFactor(_ agentID: String) -> Double {
        guard settings.agentTalkSpread > 0 else { return 1 }
        var random = SeededRandom.stream(seed: settings.seed, purpose: "agent talk", item: agentID)
        return random.lognormal(median: 1, sigma: settings.agentTalkSpread)
    }

    private func wrapUp(number: String, dialID: Int) -> Double {
        guard settings.wrapUpMedian > 0 else { return 0 }
        var random = SeededRandom.stream(seed: settings.seed, purpose: "backtest wrap-up", item: "\(number) \(dialID)")
        return random.lognormal(median: settings.wrapUpMedian, sigma: SimulationSettings.wrapUpSigma)
    }
}
