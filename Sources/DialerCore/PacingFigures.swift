import Foundation

/// What a pacing rule needs to dial for agents about to be free, over a sliding window of the
/// campaign's recent calls and dials: how long a call keeps an agent, how often and how fast
/// leads answer, when each agent now in a call entered it and when each ringing dial was placed.
///
/// The kernel keeps it from the events it applies, on the engine clock, so it is the same in a
/// replay, a simulation and `serve`. Rules read it as `campaign.recent_answer_rate`,
/// `campaign.answer_seconds`, `campaign.call_seconds`, `campaign.call_seconds_p90`,
/// `campaign.recent_calls`, `agents_free_within(s)`, `answers_within(s)` and
/// `answer_chance_within(s)` (docs/rules.md, "Facts for pacing").
public struct PacingFigures: Sendable, Equatable {
    /// The windows' sizes: large enough that at a thousand agents (150 dials a second) the
    /// answer rate is not read off the last two seconds' burst of ring-outs, small enough that
    /// for five agents it still follows the day (1,000 attempts: two hours there).
    ///
    /// The figures live in one box, copied on write: handing them to the rules for an event
    /// costs one reference count, and the kernel's next change copies the box only if the rules
    /// kept a copy. (Unchecked: a box is changed only while nothing else refers to it.)
    private final class Box: @unchecked Sendable {
        var calls = RecentWindow(capacity: 300)
        var answerTimes = RecentWindow(capacity: 500)
        var missTimes = RecentWindow(capacity: 500)
        var attempts = RecentWindow(capacity: 1_000, keepsOrder: false)
        var inCall = StartTimes()
        var ringing = StartTimes()

        init() {}

        init(copying other: Box) {
            (calls, answerTimes, missTimes, attempts) = (other.calls, other.answerTimes, other.missTimes, other.attempts)
            (inCall, ringing) = (other.inCall, other.ringing)
        }
    }

    /// Shared by every empty value (a `RuleInput` is made with one per event): no allocation
    /// until a change.
    private static let empty = Box()

    private var box = empty

    /// Calls measured: how long an agent stayed `in_call` before becoming `ready` again (the
    /// talk and, as the seed matrix has no wrap-up status, the wrap-up).
    public var calls: RecentWindow { box.calls }
    /// Seconds from placing a dial to its answer, for the latest answers.
    public var answerTimes: RecentWindow { box.answerTimes }
    /// Seconds from placing a dial to its failure, busy signal or ring-out, for the latest ones.
    public var missTimes: RecentWindow { box.missTimes }
    /// The latest dial attempts: 1 answered by a person, 0 failed, busy or unanswered.
    public var attempts: RecentWindow { box.attempts }
    /// When the agents now in a call entered it.
    public var inCall: StartTimes { box.inCall }
    /// When the dials still ringing were placed.
    public var ringing: StartTimes { box.ringing }

    /// One change, as the kernel's journal keeps it to take back.
    public enum Undo: Sendable, Equatable {
        case call(RecentWindow.Undo)
        /// A finished attempt: its outcome in `attempts`, its time in `answerTimes` or `missTimes`.
        case attempt(answered: Bool, outcome: RecentWindow.Undo, time: RecentWindow.Undo)
        case started(StartName, Timestamp)
        case ended(StartName, Timestamp)
    }

    /// The start times, named in an `Undo`.
    public enum StartName: Sendable, Equatable { case inCall, ringing }

    /// Nothing measured yet.
    public init() {}

    /// The box, made this value's own before a change.
    private mutating func own() -> Box {
        if !isKnownUniquelyReferenced(&box) { box = Box(copying: box) }
        return box
    }

    public static func == (a: PacingFigures, b: PacingFigures) -> Bool {
        a.box === b.box
            || (a.calls == b.calls && a.answerTimes == b.answerTimes && a.missTimes == b.missTimes && a.attempts == b.attempts
                && a.inCall == b.inCall && a.ringing == b.ringing)
    }

    // MARK: Figures

    /// Share of the latest attempts a person answered; 0 before any.
    public var recentAnswerRate: Double { attempts.mean }

    /// Mean seconds from dial to answer over the latest answers; 0 before any.
    public var answerSeconds: Double { answerTimes.mean }

    /// Mean seconds a call keeps an agent, over the latest calls; 0 before any.
    public var callSeconds: Double { calls.mean }

    /// The 90th percentile of the same; 0 before any.
    public var callSecondsP90: Double { calls.quantile(0.9) }

    /// How many agents now in a call are expected to be ready within `seconds`: for each, the
    /// share of the recent calls that lasted longer than this agent's call so far and ended
    /// within `seconds` more. An agent whose call is already longer than most recent ones is
    /// given a memoryless chance (`1 − e^(−seconds ÷ mean)`), blended in as one more call, so
    /// the figure never rests on a handful of calls. 0 before any call was measured.
    public func agentsFree(within seconds: Double, at now: Timestamp) -> Double {
        guard calls.count > 0, seconds > 0 else { return 0 }
        let prior = 1 - exp(-seconds / max(calls.mean, 1))
        var expected = 0.0
        inCall.forEach { enteredAt, agents in
            let elapsed = max(now - enteredAt, 0)
            let longer = calls.countAbove(elapsed)
            let ending = longer - calls.countAbove(elapsed + seconds)
            expected += Double(agents) * (Double(ending) + prior) / (Double(longer) + 1)
        }
        return expected
    }

    /// How many answers the dials now ringing are expected to bring within `seconds`.
    public func answers(within seconds: Double, at now: Timestamp) -> Double {
        var expected = 0.0
        ringing.forEach { placedAt, dials in
            expected += Double(dials) * answerChance(afterRinging: max(now - placedAt, 0), within: seconds)
        }
        return expected
    }

    /// The chance that a dial ringing for `age` seconds is answered within `seconds` more: of
    /// the recent attempts still going at that age (answered later, or missed later, in the
    /// recent answer rate's proportions), the share answered in that span. 0 before any answer.
    public func answerChance(afterRinging age: Double, within seconds: Double) -> Double {
        guard answerTimes.count > 0, seconds > 0 else { return 0 }
        let rate = recentAnswerRate
        let answeredLater = rate * share(of: answerTimes, above: age)
        let missedLater = (1 - rate) * (missTimes.count > 0 ? share(of: missTimes, above: age) : 1)
        let answeredSoon = rate * (share(of: answerTimes, above: age) - share(of: answerTimes, above: age + seconds))
        let going = answeredLater + missedLater
        return going > 0 ? answeredSoon / going : 0
    }

    private func share(of window: RecentWindow, above value: Double) -> Double {
        Double(window.countAbove(value)) / Double(window.count)
    }

    // MARK: History

    /// The recent windows (calls, answers, misses, attempts), as they stand: what a captured
    /// window's scenario restores so its pacing rules read what the live ones read. The times
    /// of the agents in calls and of the dials ringing come with the agents, not here.
    public struct History: Sendable, Equatable, Codable {
        /// Call lengths.
        public var calls: RecentWindow
        /// Seconds to a person's answer.
        public var answerTimes: RecentWindow
        /// Seconds to a failure, busy or ring-out.
        public var missTimes: RecentWindow
        /// 1 per answered attempt, 0 per missed one.
        public var attempts: RecentWindow
    }

    /// The recent windows now.
    public var history: History { History(calls: calls, answerTimes: answerTimes, missTimes: missTimes, attempts: attempts) }

    /// Puts the recent windows back as `history` holds them.
    public mutating func restore(_ history: History) {
        let box = own()
        box.calls = history.calls
        box.answerTimes = history.answerTimes
        box.missTimes = history.missTimes
        box.attempts = history.attempts
    }

    // MARK: Changes (the kernel's, each returning how to take it back)

    /// A call kept its agent `seconds` before the agent became ready.
    public mutating func measureCall(_ seconds: Double) -> Undo { .call(own().calls.push(seconds)) }

    /// A dial was answered by a person `seconds` after it was placed.
    public mutating func measureAnswer(after seconds: Double) -> Undo {
        let box = own()
        return .attempt(answered: true, outcome: box.attempts.push(1), time: box.answerTimes.push(seconds))
    }

    /// A dial failed, was busy or rang out `seconds` after it was placed.
    public mutating func measureMiss(after seconds: Double) -> Undo {
        let box = own()
        return .attempt(answered: false, outcome: box.attempts.push(0), time: box.missTimes.push(seconds))
    }

    /// Something began: an agent entered `in_call`, or a dial was placed.
    public mutating func start(_ name: StartName, at time: Timestamp) -> Undo {
        let box = own()
        if name == .inCall { box.inCall.start(at: time) } else { box.ringing.start(at: time) }
        return .started(name, time)
    }

    /// Something that began at `time` ended: an agent left `in_call`, a dial stopped ringing.
    public mutating func end(_ name: StartName, startedAt time: Timestamp) -> Undo {
        let box = own()
        if name == .inCall { box.inCall.end(startedAt: time) } else { box.ringing.end(startedAt: time) }
        return .ended(name, time)
    }

    /// Takes back one change (the latest not yet taken back).
    public mutating func undo(_ change: Undo) {
        let box = own()
        switch change {
        case .call(let undo): box.calls.undo(undo)
        case .attempt(true, let outcome, let time):
            box.answerTimes.undo(time)
            box.attempts.undo(outcome)
        case .attempt(false, let outcome, let time):
            box.missTimes.undo(time)
            box.attempts.undo(outcome)
        case .started(.inCall, let time): box.inCall.undo(at: time, started: true)
        case .started(.ringing, let time): box.ringing.undo(at: time, started: true)
        case .ended(.inCall, let time): box.inCall.undo(at: time, started: false)
        case .ended(.ringing, let time): box.ringing.undo(at: time, started: false)
        }
    }

    /// Tidies after a commit (nothing committed is ever taken back).
    public mutating func settle() {
        let box = own()
        box.inCall.compact()
        box.ringing.compact()
    }
}
