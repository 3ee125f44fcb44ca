import DialerCore

/// The far end of the line: how leads answer, ring out, are busy or fail, and how long they talk.
///
/// A lead's fate is drawn from its own stream of the run's seed (keyed by its number), so the same
/// lead behaves the same whichever rules dial it: two rule sets compared on one seed meet the
/// same people.
///
/// The defaults are plausible for a consumer campaign without answering-machine detection (an
/// answering machine counts as no answer): 30% live answers (the figure of the pacing notes),
/// 7% busy, 8% failed (disconnected numbers, network), the rest ring out.
public struct CarrierModel: Sendable, Equatable, Codable {
    /// Share of dials a person answers (if they answer before the ring timeout).
    public var answerProbability = 0.30
    /// When set, the share answering follows the lead's local time of day instead of
    /// `answerProbability` (`--answer-curve day`).
    public var answerCurve: AnswerCurve?
    /// Share of dials that are busy.
    public var busyProbability = 0.07
    /// Share of dials that fail: bad or disconnected numbers, congestion.
    public var failedProbability = 0.08
    /// Median seconds of ringing before a person answers (lognormal).
    public var answerDelayMedian = 7.0
    /// Shape of the answer delay (lognormal σ).
    public var answerDelaySigma = 0.5
    /// Seconds an unanswered dial rings before the dialer gives up and telephony reports
    /// `no_answer`. US rules (FTC TSR 16 CFR 310.4(b)(1)(iv)) ask for at least 15 s or 4 rings.
    public var ringTimeout = 20.0
    /// Mean seconds before a busy or failed dial is reported (exponential, plus half a second).
    public var failDelayMean = 3.0
    /// Median talk time in seconds (lognormal: many short calls, a few long ones).
    public var talkMedian = 75.0
    /// Shape of the talk time (lognormal σ; the mean is median × e^(σ²/2), ≈ 112 s by default).
    public var talkSigma = 0.9
    /// Share of answers that are answering machines (default 0: every answer is a person).
    public var machineShare = 0.0
    /// Seconds answering-machine detection listens after the answer before it decides; 0: no
    /// detection, every machine reaches an agent.
    public var detectionSeconds = 0.0
    /// Share of machines detection misses (they reach an agent).
    public var detectionMissRate = 0.10
    /// Share of people detection takes for a machine and hangs up on.
    public var falseMachineRate = 0.03
    /// Seconds an agent spends on a machine before hanging up.
    public static let machineSeconds = 10.0

    /// The US minimum ring time before a dialer may give up, in seconds.
    public static let minimumRingTimeout = 15.0

    /// The defaults.
    public init() {}

    /// Share of dials that ring out (no answer): what the other shares leave.
    public var noAnswerProbability: Double { max(0, 1 - answerProbability - busyProbability - failedProbability) }

    /// Checks every field; the error names the command-line option to change.
    public func validate() throws(SimulationError) {
        for (name, value) in [
            ("--answer-rate", answerProbability), ("--busy-rate", busyProbability), ("--failed-rate", failedProbability),
            ("--machine-share", machineShare), ("--amd-miss-rate", detectionMissRate), ("--amd-false-machine-rate", falseMachineRate),
        ]
        where !(0...1).contains(value) {
            throw .invalidSetting(name: name, value: "\(value)", expected: "a share from 0 to 1, e.g. \(name) 0.3")
        }
        let sum = (answerCurve?.highest ?? answerProbability) + busyProbability + failedProbability
        guard sum <= 1 + 1e-9 else {
            throw .invalidSetting(
                name: answerCurve == nil ? "--answer-rate + --busy-rate + --failed-rate" : "the curve's highest rate + --busy-rate + --failed-rate",
                value: "\(sum)",
                expected: "at most 1 (the rest of the dials ring out)")
        }
        guard ringTimeout >= Self.minimumRingTimeout, ringTimeout <= 300 else {
            throw .invalidSetting(
                name: "--ring-timeout", value: "\(ringTimeout)",
                expected: "15 to 300 seconds (US rules: let an unanswered call ring at least 15 s)")
        }
        guard (0...30).contains(detectionSeconds) else {
            throw .invalidSetting(name: "--amd-seconds", value: "\(detectionSeconds)", expected: "0 (no detection) to 30 seconds")
        }
        for (name, value) in [("--answer-delay", answerDelayMedian), ("--talk-time", talkMedian), ("--fail-delay", failDelayMean)]
        where !(value > 0 && value <= 86_400) {
            throw .invalidSetting(name: name, value: "\(value)", expected: "more than 0 seconds")
        }
        for (name, value) in [("answer delay σ", answerDelaySigma), ("--talk-sigma", talkSigma)] where !(0...3).contains(value) {
            throw .invalidSetting(name: name, value: "\(value)", expected: "a lognormal shape from 0 to 3")
        }
    }

    /// The share of dials a person answers at this local hour.
    public func answerRate(atHour hour: Double) -> Double { answerCurve?.rate(atHour: hour) ?? answerProbability }

    /// The fate of a dial to `number` in the run seeded with `seed`, placed at `localHour` (the
    /// lead's local time of day, which matters only with an answer curve).
    public func fate(of number: String, seed: UInt64, localHour: Double = 12) -> CallFate {
        draw(of: number, seed: seed, localHour: localHour).fate
    }

    /// The fate of a dial and, when it is answered, who picked up (see `fate`).
    public func draw(of number: String, seed: UInt64, localHour: Double = 12) -> (fate: CallFate, pickup: Pickup?) {
        let answerProbability = answerRate(atHour: localHour)
        var random = SeededRandom.stream(seed: seed, purpose: "lead", item: number)
        let roll = random.unit()
        let answerDelay = random.lognormal(median: answerDelayMedian, sigma: answerDelaySigma)
        let talk = random.lognormal(median: talkMedian, sigma: talkSigma)
        let failDelay = 0.5 + random.exponential(mean: failDelayMean)
        if roll < answerProbability {
            // Someone who would pick up after the ring timeout is never reached.
            guard answerDelay < ringTimeout else { return (.fails(after: ringTimeout, reason: .noAnswer), nil) }
            // Drawn after the others, so a run without machines meets the same people as before.
            return pickup(machine: random.unit() < machineShare, detection: random.unit(), answeredAfter: answerDelay, talk: max(talk, 1))
        }
        if roll < answerProbability + busyProbability { return (.fails(after: min(failDelay, ringTimeout), reason: .busy), nil) }
        if roll < answerProbability + busyProbability + failedProbability {
            return (.fails(after: min(failDelay, ringTimeout), reason: .failed), nil)
        }
        return (.fails(after: ringTimeout, reason: .noAnswer), nil)
    }

    /// What telephony reports of an answer, after detection (when on) has listened.
    private func pickup(machine: Bool, detection: Double, answeredAfter delay: Double, talk: Double) -> (fate: CallFate, pickup: Pickup?) {
        let decided = delay + detectionSeconds
        switch (machine, detectionSeconds > 0) {
        case (true, false): return (.answers(after: delay, talk: Self.machineSeconds), .machinePassed)
        case (true, true) where detection < detectionMissRate: return (.answers(after: decided, talk: Self.machineSeconds), .machinePassed)
        case (true, true): return (.fails(after: decided, reason: .noAnswer), .machineDetected)
        case (false, true) where detection < falseMachineRate: return (.fails(after: decided, reason: .noAnswer), .personHungUp)
        case (false, _): return (.answers(after: decided, talk: talk), .person)
        }
    }
}
